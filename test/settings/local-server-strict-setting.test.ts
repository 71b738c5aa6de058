// local_server_strict: the embedded local MESH server's strict mode, on unless turned off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSettings, loadSettings } from '../../main/settings/load-settings';
import { SettingsError } from '../../main/settings/settings-error';
import { settingsView } from '../../main/settings/settings-view';
import { dataDir, writeSettings } from './helpers';

const noSecrets = {
  status: () => ({ password: false, sharedKey: false, privateKey: false, privateKeyPassphrase: false }),
  encryptionAvailable: true,
};

test('a fresh install runs its local server strict; settings.json or MESH_LOCAL_SERVER_STRICT turns it off', async () => {
  const dir = await dataDir();
  const fresh = await loadSettings({ env: {}, dataDir: dir });
  assert.equal(fresh.localServerStrict, true);
  assert.equal(settingsView(fresh, noSecrets).localServerStrict, true, 'the settings screen sees it');

  await writeSettings(dir, { local_server_strict: false });
  assert.equal((await loadSettings({ env: {}, dataDir: dir })).localServerStrict, false);
  assert.equal(
    (await loadSettings({ env: { MESH_LOCAL_SERVER_STRICT: 'on' }, dataDir: dir })).localServerStrict,
    true,
    'the environment wins',
  );
  assert.equal(buildSettings({}, { MESH_LOCAL_SERVER_STRICT: 'false' }, dir).localServerStrict, false);
});

test('a value that is not true or false is one sentence naming the setting', async () => {
  const dir = await dataDir();
  assert.throws(
    () => buildSettings({}, { MESH_LOCAL_SERVER_STRICT: 'sometimes' }, dir),
    (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.equal(error.message, 'The setting local_server_strict (from MESH_LOCAL_SERVER_STRICT) must be true or false.');
      return true;
    },
  );
  await writeSettings(dir, { local_server_strict: 'yes' });
  await assert.rejects(
    loadSettings({ env: {}, dataDir: dir }),
    /^SettingsError: The setting local_server_strict in .*settings\.json must be true or false\.$/,
  );
});
