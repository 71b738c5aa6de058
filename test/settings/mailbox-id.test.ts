import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAILBOX_ID_RULE, notAMailboxId, parseMailboxId } from '../../main/domain';
import { MeshClient, MeshError } from '../../main/mesh';
import { buildSettings } from '../../main/settings/load-settings';
import { dataDir } from './helpers';

test('a mailbox id is 3 to 20 letters and digits, kept in upper case', () => {
  for (const [text, id] of [
    ['X26ABC1', 'X26ABC1'],
    [' x26ot123 ', 'X26OT123'],
    ['ABC', 'ABC'],
    ['A'.repeat(20), 'A'.repeat(20)],
  ] as const) {
    assert.equal(parseMailboxId(text), id, text);
  }
  for (const text of ['', 'X2', 'A'.repeat(21), 'X26 ABC1', 'X26-ABC1', 'X26ABC1/../x', 'X26ÄBC1', 'X26ABC1\n']) {
    assert.equal(parseMailboxId(text.replace(/\n$/, '\nX')), undefined, JSON.stringify(text));
  }
  assert.equal(MAILBOX_ID_RULE, '3 to 20 letters and digits, like X26ABC1');
  assert.equal(
    notAMailboxId('X26 ABC\n1'),
    'The mailbox "X26 ABC?1" is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1.',
  );
  assert.equal(
    notAMailboxId('x', 'The setting mailbox'),
    'The setting mailbox is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1.',
  );
});

test('the settings and the MESH client refuse a mailbox id by the same rule, in the same sentence', async () => {
  const dir = await dataDir();
  assert.throws(() => buildSettings({}, { MESH_MAILBOX: 'X2', MESH_ENV: 'local' }, dir), {
    message: 'The setting mailbox (from MESH_MAILBOX) is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1.',
  });
  assert.equal(buildSettings({ dps_mailbox: 'x26dps1' }, { MESH_ENV: 'local' }, dir).dpsMailbox, 'X26DPS1');
  const options = { baseUrl: 'https://127.0.0.1:8700', password: 'p', sharedKey: 'k' };
  assert.throws(
    () => new MeshClient({ ...options, mailbox: 'X2' }),
    (error: unknown) => {
      assert.ok(error instanceof MeshError);
      assert.equal(error.kind, 'invalid-request');
      assert.equal(error.message, 'The mailbox "X2" is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1.');
      return true;
    },
  );
  assert.equal(new MeshClient({ ...options, mailbox: ' x26abc1 ' }).mailboxId, 'X26ABC1');
});
