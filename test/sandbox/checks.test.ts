// The checks the official sandbox skips, each behind a switch: token reuse, the 2-hour window,
// workflow authorisation (417, code 17), and every chunk before acceptance.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { meshTimestamp } from '../../main/mesh/auth-token';
import { sendMessage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ checks: { tokenReuse: true } });
});
beforeEach(async () => {
  h.server.admin.setChecks({
    tokenReuse: false,
    timestampWindow: false,
    workflowAuthorisation: false,
    requireAllChunks: false,
    goneAfterAcknowledge: false,
  });
  await h.server.admin.reset();
});
after(() => h.close());

const inbox = '/messageexchange/X26ABC1/inbox';
const withToken = (authorization: string) => h.call(inbox, { as: null, headers: { authorization } });

test('token reuse: off, a token may be replayed; on, the second use is 403 while a fresh nonce or count passes', async () => {
  const token = h.token('X26ABC1', { nonce: 'replayed-nonce', nonceCount: 1 });
  assert.equal((await withToken(token)).status, 200);
  assert.equal((await withToken(token)).status, 200);

  h.server.admin.setChecks({ tokenReuse: true });
  const fresh = h.token('X26ABC1', { nonce: 'nonce-2', nonceCount: 1 });
  assert.equal((await withToken(fresh)).status, 200);
  const again = await withToken(fresh);
  assert.equal(again.status, 403);
  assert.deepEqual(again.json, { errorEvent: '', errorCode: '', errorDescription: 'Error Duplicated Authentication Token' });
  assert.equal((await withToken(h.token('X26ABC1', { nonce: 'nonce-2', nonceCount: 2 }))).status, 200);
  // a bad token is refused for what it is, and does not use up the nonce
  const badFirst = h.token('X26ABC1', { nonce: 'nonce-3', password: 'wrong' });
  assert.equal((await withToken(badFirst)).json.errorDescription, 'Invalid Authentication Token');
  assert.equal((await withToken(h.token('X26ABC1', { nonce: 'nonce-3' }))).status, 200);
});

test('the switch can be set at start (options.checks)', async () => {
  const other = await startHarness({ checks: { tokenReuse: true } });
  try {
    const token = other.token('X26ABC1', { nonce: 'once' });
    assert.equal((await other.call(inbox, { as: null, headers: { authorization: token } })).status, 200);
    assert.equal((await other.call(inbox, { as: null, headers: { authorization: token } })).status, 403);
  } finally {
    await other.close();
  }
});

test('timestamp window: off, 2024 is fine; on, more than 2 hours either way is 403', async () => {
  const old = h.token('X26ABC1', { timestamp: '202401011200' });
  assert.equal((await withToken(old)).status, 200);
  h.server.admin.setChecks({ timestampWindow: true });
  const stale = await withToken(h.token('X26ABC1', { timestamp: '202401011200' }));
  assert.equal(stale.status, 403);
  assert.match(stale.json.errorDescription, /2 hours/);
  const future = await withToken(h.token('X26ABC1', { timestamp: meshTimestamp(new Date(Date.now() + 3 * 3600_000)) }));
  assert.equal(future.status, 403);
  assert.equal((await withToken(h.token('X26ABC1', { timestamp: meshTimestamp(new Date(Date.now() - 90 * 60_000)) }))).status, 200);
  assert.equal((await withToken(h.token('X26ABC1', { timestamp: '2024-01-01' }))).status, 403);
});

test('the server reads its own clock (options.clock): message times and the token window follow it', async () => {
  let now = new Date('2024-01-01T12:00:30Z');
  const other = await startHarness({ clock: () => now, checks: { timestampWindow: true } });
  try {
    const call = (timestamp: string) => other.call(inbox, { as: null, headers: { authorization: other.token('X26ABC1', { timestamp }) } });
    assert.equal((await call('202401011200')).status, 200, "the token of the server's time");
    assert.equal((await call(meshTimestamp())).status, 403, "the real time is years away from the server's");
    const sent = await other.call('/messageexchange/X26ABC1/outbox', {
      as: null,
      method: 'POST',
      body: 'x',
      headers: {
        authorization: other.token('X26ABC1', { timestamp: '202401011200' }),
        'mex-To': 'X26ABC2',
        'mex-WorkflowID': 'TEST_WORKFLOW',
      },
    });
    assert.equal(sent.status, 202);
    const id = sent.json.messageID as string;
    now = new Date('2024-01-02T08:00:00Z');
    const view = other.server.admin.messageView(id)!;
    assert.equal(view.upload_timestamp, '2024-01-01T12:00:30.000000');
    assert.equal(view.expiry_time, '2024-01-06T12:00:30.000000');
    const ack = await other.call(`/messageexchange/X26ABC2/inbox/${id}/status/acknowledged`, {
      as: null,
      method: 'PUT',
      headers: { authorization: other.token('X26ABC2', { timestamp: '202401020800' }) },
    });
    assert.equal(ack.status, 200);
    assert.equal(other.server.admin.messageView(id)!.download_timestamp, '2024-01-02T08:00:00.000000');
    // A request is logged when its response closes, which may be after the client has it; once
    // the server is closed, every response has.
    await other.close();
    assert.equal(other.server.admin.requests().at(-1)!.at, '2024-01-02T08:00:00.000Z', 'the request log too');
  } finally {
    await other.close();
  }
});

test('workflow authorisation: off, any workflow goes; on, 417 SEND/17 unless sender and receiver are registered', async () => {
  const send = (from: string, to: string, workflow: string, v2 = false) =>
    h.call(`/messageexchange/${from}/outbox`, { method: 'POST', body: 'x', v2, headers: { 'mex-To': to, 'mex-WorkflowID': workflow } });
  assert.equal((await send('X26ABC2', 'X26ABC3', 'TEST_WORKFLOW')).status, 202);
  h.server.admin.setChecks({ workflowAuthorisation: true });
  const refused = await send('X26ABC2', 'X26ABC3', 'TEST_WORKFLOW');
  assert.equal(refused.status, 417);
  assert.deepEqual(refused.json, { errorEvent: 'SEND', errorCode: '17', errorDescription: 'Workflow ID not registered for mailbox' });
  const v2 = await send('X26ABC1', 'X26ABC3', 'TEST_WORKFLOW', true);
  assert.deepEqual(v2.json, { detail: [{ event: 'SEND', code: '17', msg: 'Workflow ID not registered for mailbox' }] });
  assert.equal((await send('X26ABC1', 'X26ABC2', 'TEST_WORKFLOW')).status, 202);
  assert.equal((await send('X26ABC2', 'X26ABC3', 'TEST_WORKFLOW_ACK')).status, 202);
  assert.equal((await send('X26ABC1', 'X26ABC2', 'dps export')).status, 202, "the console's DPS export workflow");
  assert.equal((await send('X26ABC1', 'NOBODY', 'TEST_WORKFLOW')).json.errorCode, '12', 'unknown recipient still comes first');
});

test('every chunk: off, the last chunk accepts the message regardless; on, it is refused until the gaps are filled', async () => {
  const start = async () =>
    (
      await h.call('/messageexchange/X26ABC1/outbox', {
        method: 'POST',
        body: 'one',
        headers: { 'mex-To': 'X26ABC2', 'mex-WorkflowID': 'TEST_WORKFLOW', 'mex-Chunk-Range': '1:3' },
      })
    ).json.messageID as string;
  const chunk = (id: string, n: number) =>
    h.call(`/messageexchange/X26ABC1/outbox/${id}/${n}`, { method: 'POST', body: `chunk ${n}`, headers: { 'mex-Chunk-Range': `${n}:3` } });

  const lenient = await start();
  assert.equal((await chunk(lenient, 3)).status, 202);
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [lenient]);

  h.server.admin.setChecks({ requireAllChunks: true });
  const strict = await start();
  const early = await chunk(strict, 3);
  assert.equal(early.status, 417);
  assert.equal(early.json.messageID, strict);
  assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${strict}`)).json.status, 'Uploading');
  assert.equal((await chunk(strict, 2)).status, 202);
  assert.equal((await chunk(strict, 3)).status, 202);
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [lenient, strict]);
});

test('gone after acknowledgement: off, an acknowledged message downloads again; on, it is 410 to its recipient', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'read me once');
  const download = () => h.call(`/messageexchange/X26ABC2/inbox/${id}`);
  await h.call(`/messageexchange/X26ABC2/inbox/${id}/status/acknowledged`, { method: 'PUT' });
  assert.equal((await download()).text, 'read me once', 'the sandbox serves it again');

  const put = await h.call('/admin/checks', { as: null, method: 'PUT', body: JSON.stringify({ goneAfterAcknowledge: true }) });
  assert.equal(put.json.goneAfterAcknowledge, true);
  const gone = await download();
  assert.equal(gone.status, 410);
  assert.deepEqual(gone.json, {
    errorEvent: 'SEND',
    errorCode: 'Message already accepted',
    errorDescription: 'Message no longer available for download',
  });
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}/1`)).status, 410, 'every chunk');
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}`, { method: 'HEAD' })).status, 410, 'HEAD by the recipient');
  assert.equal((await h.call(`/messageexchange/X26ABC1/inbox/${id}`, { method: 'HEAD' })).status, 200, 'HEAD by the sender');
  const unread = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'not yet');
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${unread}`)).text, 'not yet');
});

test('options.mailboxes, options.workflows and options.sharedKey replace the defaults', async () => {
  const other = await startHarness({
    sharedKey: 'OtherKey',
    mailboxes: [
      { mailboxId: 'alice', mailboxName: 'ALICE', password: 'pw-a', odsCode: 'X26' },
      { mailboxId: 'BOB', mailboxName: 'BOB', password: 'pw-b', odsCode: 'X27' },
    ],
    workflows: [{ workflowId: 'FLOW', senders: ['ALICE'], receivers: ['BOB'] }],
    checks: { workflowAuthorisation: true },
  });
  try {
    const token = (mailbox: string, password: string) => other.token(mailbox, { password, sharedKey: 'OtherKey' });
    assert.equal(
      (await other.call('/messageexchange/ALICE/inbox', { as: null, headers: { authorization: token('ALICE', 'pw-a') } })).status,
      200,
    );
    assert.equal(
      (await other.call('/messageexchange/X26ABC1/inbox', { as: null, headers: { authorization: token('X26ABC1', 'password') } })).json
        .errorDescription,
      'No mailbox matched',
    );
    assert.equal(
      (await other.call('/messageexchange/ALICE/inbox')).json.errorDescription,
      'Invalid Authentication Token',
      'TestKey no longer signs',
    );
    const send = (workflow: string) =>
      other.call('/messageexchange/ALICE/outbox', {
        as: null,
        method: 'POST',
        body: 'x',
        headers: { authorization: token('ALICE', 'pw-a'), 'mex-To': 'bob', 'mex-WorkflowID': workflow },
      });
    assert.equal((await send('FLOW')).status, 202);
    assert.equal((await send('TEST_WORKFLOW')).status, 417);
    const lookup = await other.call('/messageexchange/endpointlookup/X27/FLOW', { as: null, v2: true });
    assert.deepEqual(lookup.json.results, [{ mailbox_id: 'BOB', mailbox_name: 'BOB' }]);
  } finally {
    await other.close();
  }
});
