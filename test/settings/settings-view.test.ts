import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { loadSettings } from '../../main/settings/load-settings';
import { SecretsVault } from '../../main/settings/secrets-vault';
import { SettingsError } from '../../main/settings/settings-error';
import { applySettingsChange, PLAINTEXT_ACCEPTANCE_WORDS, settingsView } from '../../main/settings/settings-view';
import { dataDir, SECRETS, writeSettings } from './helpers';

test('the settings view tells whether each secret is set, never its value', async () => {
  const dir = await dataDir();
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  await vault.set('privateKeyPassphrase', 'vault-passphrase-secret', { plaintextAccepted: false });
  const settings = await loadSettings({ env: { MESH_PASSWORD: SECRETS.MESH_PASSWORD }, dataDir: dir });
  const view = settingsView(settings, vault);
  assert.deepEqual(view.secrets, { password: true, sharedKey: false, privateKey: false, privateKeyPassphrase: true });
  assert.equal(view.secretEncryption, 'available');
  assert.equal(view.environment, 'local');
  assert.equal(view.jobsEnabled, false);
  const text = JSON.stringify(view);
  assert.ok(!text.includes(SECRETS.MESH_PASSWORD));
  assert.ok(!text.includes('vault-passphrase-secret'));
});

test('a change is checked as a whole and written atomically; a bad one leaves the file as it was', async () => {
  const dir = await dataDir();
  await writeSettings(dir, { environment: 'custom', base_url: 'https://mesh.example.org', mailbox: 'X26OT1' });
  const settings = await applySettingsChange(
    dir,
    { environment: 'integration', dpsMailbox: 'X26DPS1', jobsEnabled: true, jobTimes: { dpsExport: '02:30' } },
    {},
  );
  assert.equal(settings.baseUrl, 'https://msg.intspineservices.nhs.uk');
  const written = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
  assert.deepEqual(written, {
    environment: 'integration',
    mailbox: 'X26OT1',
    dps_mailbox: 'X26DPS1',
    mesh_jobs: true,
    job_times: { dps_export: '02:30' },
  });
  assert.deepEqual(await readdir(dir), ['settings.json']);

  const before = await readFile(join(dir, 'settings.json'), 'utf8');
  await assert.rejects(applySettingsChange(dir, { jobTimes: { inboxRefreshMinutes: 3 } }, {}), /inbox_refresh_minutes .* from 5 to 1440/);
  await assert.rejects(
    applySettingsChange(dir, { disableSslVerification: true }, {}),
    /is refused for https:\/\/msg\.intspineservices\.nhs\.uk/,
  );
  await assert.rejects(applySettingsChange(dir, { mailbox: 'not a mailbox' }, {}), /is not a MESH mailbox id/);
  assert.equal(await readFile(join(dir, 'settings.json'), 'utf8'), before);

  const local = await applySettingsChange(dir, { environment: 'local', mailbox: '' }, {});
  assert.equal(local.embeddedServer, true);
  assert.equal(local.mailbox, 'X26ABC1');
});

test('unencrypted secrets are accepted only in the exact words', async () => {
  const dir = await dataDir();
  await assert.rejects(
    applySettingsChange(dir, { acceptPlaintextSecrets: 'yes' }, {}),
    (e: Error) =>
      e instanceof SettingsError && e.message === `To store secrets without encryption, type exactly: ${PLAINTEXT_ACCEPTANCE_WORDS}.`,
  );
  const settings = await applySettingsChange(dir, { acceptPlaintextSecrets: ` ${PLAINTEXT_ACCEPTANCE_WORDS.toLowerCase()}. ` }, {});
  assert.equal(settings.plaintextSecretsAccepted, true);
});
