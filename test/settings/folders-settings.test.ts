// settings.json `folders`: the mailbox folders and their rule, checked, each problem one sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildSettings } from '../../main/settings/load-settings';
import { parseSettingsFile } from '../../main/settings/settings-file';
import { SettingsError } from '../../main/settings/settings-error';

const dataDir = join('/', 'tmp', 'mesh-console-data');

test('folders: relative paths from the data folder, SENT and FAILED beside OUT by default, the Java layout', () => {
  const settings = buildSettings({ folders: { out: 'mesh/OUT', in: '/srv/mesh/IN' } }, {}, dataDir);
  assert.deepEqual(settings.folders, {
    out: join(dataDir, 'mesh', 'OUT'),
    in: '/srv/mesh/IN',
    sent: join(dataDir, 'mesh', 'SENT'),
    failed: join(dataDir, 'mesh', 'FAILED'),
    layout: 'java',
  });
  assert.equal(buildSettings({}, {}, dataDir).folders, undefined);
});

test('folders: the rule and the filter', () => {
  const settings = buildSettings(
    { folders: { out: '/m/OUT', in: '/m/IN', layout: 'plain', workflow_filter: 'TEST*', to: 'x26abc2', send_workflow: 'TEST_WORKFLOW' } },
    {},
    dataDir,
  );
  assert.equal(settings.folders?.layout, 'plain');
  assert.equal(settings.folders?.workflowFilter, 'TEST*');
  assert.deepEqual(settings.folders?.rule, { to: 'X26ABC2', workflowId: 'TEST_WORKFLOW' });
});

for (const [name, folders, sentence] of [
  ['no OUT', { in: '/m/IN' }, /^The setting folders\.out in .* is missing: /],
  ['no IN', { out: '/m/OUT' }, /^The setting folders\.in in .* is missing: /],
  ['IN is OUT', { out: '/m/OUT', in: '/m/OUT' }, /folders\.in .* is the same folder as folders\.out/],
  ['a layout', { out: '/m/OUT', in: '/m/IN', layout: 'xml' }, /folders\.layout .* must be java .* or plain/],
  ['a filter', { out: '/m/OUT', in: '/m/IN', workflow_filter: 'W' }, /folders\.workflow_filter .* 2 to 255/],
  ['half a rule', { out: '/m/OUT', in: '/m/IN', to: 'X26ABC2' }, /folders\.send_workflow .* is missing: the folder rule needs both/],
  [
    'a recipient',
    { out: '/m/OUT', in: '/m/IN', to: 'no body', send_workflow: 'W' },
    /folders\.to .* "no body", which is not a MESH mailbox id/,
  ],
] as const) {
  test(`folders: ${name} is refused in one sentence naming the setting`, () => {
    assert.throws(
      () => buildSettings({ folders }, {}, dataDir),
      (error: unknown) => error instanceof SettingsError && sentence.test(error.message) && !error.message.includes('\n'),
    );
  });
}

test('folders: an unknown key in settings.json is named', () => {
  assert.throws(() => parseSettingsFile({ folders: { out: 'x', inn: 'y' } }, 'settings.json'), /folders\.inn/);
});
