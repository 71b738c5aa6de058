import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultDataDir } from '../../main/settings/data-dir';
import { buildSettings, loadSettings, DEFAULT_RECORD_URI } from '../../main/settings/load-settings';
import { SettingsError } from '../../main/settings/settings-error';
import { testPki } from '../support/pki';
import { dataDir, SECRETS, writeSettings } from './helpers';

test('with nothing configured the console runs on its own local MESH server, jobs off, default times', async () => {
  const dir = await dataDir();
  const settings = await loadSettings({ env: {}, dataDir: dir });
  assert.equal(settings.environment, 'local');
  assert.equal(settings.embeddedServer, true);
  assert.equal(settings.baseUrl, '');
  assert.equal(settings.mailbox, 'X26ABC1');
  assert.equal(settings.dpsMailbox, 'X26ABC2');
  assert.equal(settings.dpsWorkflowId, 'dps export');
  assert.equal(settings.recordUri, DEFAULT_RECORD_URI);
  assert.equal(settings.jobsEnabled, false);
  assert.deepEqual(settings.jobTimes, { handshake: '01:00', dpsExport: '02:00', tracking: '03:00', inboxRefreshMinutes: 5 });
  assert.equal(settings.disableSslVerification, false);
  assert.equal(settings.dataDir, dir);
});

test('settings.json is read from the data folder, named as the original integration names them', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  await mkdir(join(dir, 'certs'));
  await writeFile(join(dir, 'certs', 'client.pem'), pki.client.certificatePem);
  await writeFile(join(dir, 'certs', 'client.key'), pki.clientKeyEncrypted);
  await writeSettings(dir, {
    environment: 'integration',
    mailbox: 'x26ot123',
    dps_mailbox: 'X26OT999',
    dps_workflow_id: 'DPS_EXPORT_TEST',
    certificate: 'certs/client.pem',
    private_key: 'certs/client.key',
    inbound_folder: 'inbound',
    mesh_jobs: true,
    job_times: { handshake: '00:30', dps_export: '23:15', inbox_refresh_minutes: 10 },
  });
  const settings = await loadSettings({ env: {}, dataDir: dir });
  assert.equal(settings.environment, 'integration');
  assert.equal(settings.baseUrl, 'https://msg.intspineservices.nhs.uk');
  assert.equal(settings.mailbox, 'X26OT123');
  assert.equal(settings.dpsMailbox, 'X26OT999');
  assert.equal(settings.dpsWorkflowId, 'DPS_EXPORT_TEST');
  assert.equal(settings.certificate, join(dir, 'certs', 'client.pem'));
  assert.equal(settings.privateKeyFile, join(dir, 'certs', 'client.key'));
  assert.equal(settings.inboundFolder, join(dir, 'inbound'));
  assert.equal(settings.jobsEnabled, true);
  assert.deepEqual(settings.jobTimes, { handshake: '00:30', dpsExport: '23:15', tracking: '03:00', inboxRefreshMinutes: 10 });
  assert.equal(settings.sources.mailbox, 'file');
});

test('environment variables override the file; MESH_DATA_DIR chooses the data folder', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  await writeSettings(dir, { environment: 'integration', mailbox: 'X26OT123', dps_mailbox: 'X26OT999' });
  const settings = await loadSettings({
    env: {
      MESH_DATA_DIR: dir,
      MESH_ENV: 'custom',
      MESH_BASE_URL: 'https://mesh.example.org:8443/',
      MESH_MAILBOX: 'X26ABC3',
      MESH_DPS_MAILBOX: 'X26DPS1',
      MESH_CERT: pki.client.certificatePem,
      MESH_KEY: pki.clientKeyEncrypted,
      ...SECRETS,
    },
  });
  assert.equal(settings.dataDir, dir);
  assert.equal(settings.environment, 'custom');
  assert.equal(settings.baseUrl, 'https://mesh.example.org:8443');
  assert.equal(settings.mailbox, 'X26ABC3');
  assert.equal(settings.dpsMailbox, 'X26DPS1');
  assert.equal(settings.certificate?.startsWith('-----BEGIN CERTIFICATE-----'), true);
  assert.deepEqual(settings.envSecrets, {
    privateKey: pki.clientKeyEncrypted.trim() + '\n',
    password: SECRETS.MESH_PASSWORD,
    sharedKey: SECRETS.MESH_SHARED_KEY,
    privateKeyPassphrase: SECRETS.MESH_KEY_PASSPHRASE,
  });
  assert.equal(settings.sources.mailbox, 'env');
  assert.equal(settings.sources.dps_workflow_id, 'default');
});

test('a known NHS address picks its environment; a loopback address may turn verification off', async () => {
  const dir = await dataDir();
  const prod = buildSettings({ base_url: 'https://mesh-sync.spineservices.nhs.uk', mailbox: 'X26OT1' }, {}, dir);
  assert.equal(prod.environment, 'production');
  const local = buildSettings(
    {},
    { MESH_ENV: 'local', MESH_BASE_URL: 'https://127.0.0.1:8700', MESH_DISABLE_SSL_VERIFICATION: 'true' },
    dir,
  );
  assert.equal(local.embeddedServer, false);
  assert.equal(local.disableSslVerification, true);
  assert.equal(local.mailbox, 'X26ABC1');
  const embedded = buildSettings({ disable_ssl_verification: true }, {}, dir);
  assert.equal(embedded.disableSslVerification, true);
  for (const base of ['http://127.0.0.2:8700', 'https://[::1]:8700', 'https://localhost:8700']) {
    const other = buildSettings({}, { MESH_ENV: 'local', MESH_BASE_URL: base, MESH_DISABLE_SSL_VERIFICATION: 'true' }, dir);
    assert.equal(other.disableSslVerification, true, base);
  }
});

test('a *.localhost name is not this machine: no verification off, no plain http, not local (issue 14)', async () => {
  const dir = await dataDir();
  assert.throws(
    () =>
      buildSettings({}, { MESH_BASE_URL: 'https://mesh.localhost:8700', MESH_MAILBOX: 'X1AB', MESH_DISABLE_SSL_VERIFICATION: 'true' }, dir),
    /is refused for https:\/\/mesh\.localhost:8700: server verification may be turned off only for a local MESH server on this machine \(127\.0\.0\.1, ::1 or localhost\)\.$/,
  );
  assert.throws(
    () => buildSettings({}, { MESH_BASE_URL: 'http://mesh.localhost:8700', MESH_MAILBOX: 'X1AB' }, dir),
    /uses plain http:\/\//,
  );
  assert.throws(
    () => buildSettings({}, { MESH_ENV: 'local', MESH_BASE_URL: 'https://mesh.localhost:8700' }, dir),
    /is not on this machine/,
  );
  assert.equal(buildSettings({}, { MESH_BASE_URL: 'https://mesh.localhost:8700', MESH_MAILBOX: 'X1AB' }, dir).environment, 'custom');
});

test('the default data folder per platform', () => {
  assert.equal(defaultDataDir({}, 'linux', '/home/ann'), '/home/ann/.config/mesh-console');
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann'), '/cfg/mesh-console');
  assert.equal(defaultDataDir({}, 'darwin', '/Users/ann'), '/Users/ann/Library/Application Support/mesh-console');
  assert.equal(
    defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'),
    'C:\\Users\\ann\\AppData\\Roaming\\mesh-console',
  );
  assert.equal(defaultDataDir({ MESH_DATA_DIR: '/srv/mesh' }, 'linux', '/home/ann'), '/srv/mesh');
});

interface Case {
  name: string;
  file?: unknown;
  env?: Record<string, string>;
  message: RegExp;
  setting?: string;
  envVar?: string;
}

const MANGLED_KEY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC SECRETKEYMATERIAL';

test('every problem is one sentence naming the setting (and its variable), and never shows a secret', async (t) => {
  const dir = await dataDir();
  await mkdir(join(dir, 'a-folder'));
  const pki = await testPki();
  const F = join(dir, 'settings.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const cases: Case[] = [
    {
      name: 'unknown environment (env)',
      env: { MESH_ENV: 'staging' },
      message: /^The setting environment \(from MESH_ENV\) must be one of local, integration, deployment, production or custom\.$/,
      setting: 'environment',
      envVar: 'MESH_ENV',
    },
    {
      name: 'unknown environment (file)',
      file: { environment: 'staging' },
      message: new RegExp(`^The setting environment in ${F} must be one of`),
      setting: 'environment',
    },
    {
      name: 'base URL not a URL',
      env: { MESH_BASE_URL: 'not a url' },
      message:
        /^The setting base_url \(from MESH_BASE_URL\) is not a web address; give one like https:\/\/msg\.intspineservices\.nhs\.uk\.$/,
      setting: 'base_url',
      envVar: 'MESH_BASE_URL',
    },
    {
      name: 'base URL not http(s)',
      env: { MESH_BASE_URL: 'ftp://mesh.example.org' },
      message: /must start with https:\/\//,
      setting: 'base_url',
    },
    {
      name: 'base URL with credentials',
      env: { MESH_BASE_URL: 'https://me:topsecretpw@mesh.example.org' },
      message: /must not carry a user name or password/,
      setting: 'base_url',
    },
    {
      name: 'base URL with a query',
      file: { base_url: 'https://mesh.example.org/?x=1', mailbox: 'X1AB' },
      message: new RegExp(`^The setting base_url in ${F} must not have a query or fragment`),
    },
    {
      name: 'plain http to another machine',
      env: { MESH_BASE_URL: 'http://mesh.example.org', MESH_MAILBOX: 'X1AB' },
      message: /uses plain http:\/\/, which is allowed only for a MESH server on this machine/,
    },
    {
      name: 'mailbox missing for an NHS environment',
      env: { MESH_ENV: 'integration' },
      message: /^The setting mailbox is missing: give your MESH mailbox id for integration in MESH_MAILBOX or settings\.json\.$/,
      setting: 'mailbox',
    },
    {
      name: 'mailbox malformed',
      env: { MESH_MAILBOX: 'X26 ABC/1' },
      message: /^The setting mailbox \(from MESH_MAILBOX\) is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1\.$/,
      envVar: 'MESH_MAILBOX',
    },
    {
      name: 'environment missing while a mailbox is set',
      file: { mailbox: 'X26OT1' },
      message: /^The setting environment is missing: a mailbox is configured/,
      setting: 'environment',
    },
    {
      name: 'base URL against a named environment',
      env: { MESH_ENV: 'integration', MESH_BASE_URL: 'https://mesh.example.org', MESH_MAILBOX: 'X1AB' },
      message:
        /is https:\/\/mesh\.example\.org, not the integration address https:\/\/msg\.intspineservices\.nhs\.uk; remove base_url or set environment to custom\.$/,
    },
    {
      name: 'custom without an address',
      env: { MESH_ENV: 'custom', MESH_MAILBOX: 'X1AB' },
      message: /^The setting base_url is missing: the custom environment needs/,
      setting: 'base_url',
    },
    {
      name: 'local pointing elsewhere',
      env: { MESH_ENV: 'local', MESH_BASE_URL: 'https://mesh.example.org' },
      message: /is not on this machine, so it is not a local MESH server/,
    },
    {
      name: 'DPS mailbox malformed',
      env: { MESH_DPS_MAILBOX: 'dps!' },
      message: /^The setting dps_mailbox \(from MESH_DPS_MAILBOX\) is not a MESH mailbox id/,
      envVar: 'MESH_DPS_MAILBOX',
    },
    {
      name: 'workflow id empty',
      file: { dps_workflow_id: '  ' },
      message: new RegExp(`^The setting dps_workflow_id in ${F} must be 1 to 255 printable characters, like dps export\\.$`),
    },
    {
      name: 'record URI',
      file: { record_uri: 'vaccination records' },
      message: new RegExp(`^The setting record_uri in ${F} is not a web address`),
    },
    {
      name: 'certificate file missing',
      env: { MESH_CERT: '/nowhere/client.pem' },
      message:
        /^The setting certificate \(from MESH_CERT\) names \/nowhere\/client\.pem, which does not exist; give the path of the client certificate \(PEM\)\.$/,
      envVar: 'MESH_CERT',
    },
    { name: 'certificate is a folder', file: { certificate: 'a-folder' }, message: /names .*a-folder, which is not a file/ },
    {
      name: 'PEM without its BEGIN line first',
      env: { MESH_CA_BUNDLE: 'junk -----BEGIN CERTIFICATE-----' },
      message: /^The setting ca_bundle \(from MESH_CA_BUNDLE\) looks like PEM text that does not start with its -----BEGIN line/,
    },
    {
      name: 'CA bundle missing',
      env: { MESH_CA_BUNDLE: '/nowhere/ca.pem' },
      message: /^The setting ca_bundle \(from MESH_CA_BUNDLE\) names \/nowhere\/ca\.pem, which does not exist/,
    },
    {
      name: 'mangled key text',
      env: { MESH_KEY: MANGLED_KEY },
      message:
        /^The setting private_key \(from MESH_KEY\) is neither PEM text nor the path of a file; give the private key's PEM file path\.$/,
      envVar: 'MESH_KEY',
    },
    {
      name: 'key file missing (path not repeated)',
      env: { MESH_KEY: '/nowhere/SECRETKEYMATERIAL.key' },
      message: /^The setting private_key \(from MESH_KEY\) names a file, which does not exist/,
    },
    { name: 'key is a certificate', env: { MESH_KEY: pki.client.certificatePem }, message: /is PEM text but not a private key/ },
    {
      name: 'key text in settings.json',
      file: { private_key: pki.clientKeyEncrypted },
      message: /^The setting private_key in .* holds the key itself/,
    },
    {
      name: 'SSL flag not a boolean',
      env: { MESH_DISABLE_SSL_VERIFICATION: 'maybe' },
      message: /^The setting disable_ssl_verification \(from MESH_DISABLE_SSL_VERIFICATION\) must be true or false\.$/,
    },
    {
      name: 'SSL verification off for NHS MESH',
      env: { MESH_ENV: 'integration', MESH_MAILBOX: 'X1AB', MESH_DISABLE_SSL_VERIFICATION: '1' },
      message:
        /is refused for https:\/\/msg\.intspineservices\.nhs\.uk: server verification may be turned off only for a local MESH server on this machine/,
    },
    {
      name: 'SSL verification off for a custom server',
      file: { base_url: 'https://mesh.example.org', mailbox: 'X1AB', disable_ssl_verification: true },
      message: /disable_ssl_verification in .* is refused/,
    },
    {
      name: 'inbox refresh too often',
      file: { job_times: { inbox_refresh_minutes: 2 } },
      message: /^The setting job_times\.inbox_refresh_minutes in .* must be a whole number of minutes from 5 to 1440; MESH asks/,
    },
    {
      name: 'a time that is not one',
      file: { job_times: { dps_export: '25:00' } },
      message: /^The setting job_times\.dps_export in .* is not a time of day; give it as HH:MM, like 02:00\.$/,
    },
    {
      name: 'neither time nor cron',
      file: { job_times: { tracking: 'whenever' } },
      message: /^The setting job_times\.tracking in .* is neither a time \(HH:MM, like 02:00\) nor a cron pattern/,
    },
    {
      name: 'not JSON',
      file: '{"mailbox": "X26ABC1",',
      message: new RegExp(`^The settings file ${F} is not valid JSON; fix it or move it away to start from the defaults\\.$`),
    },
    { name: 'not an object', file: '[]', message: /must hold one JSON object/ },
    {
      name: 'unknown setting',
      file: { colour: 'blue' },
      message: /has a setting the console does not know \(colour\); remove it or correct its name\.$/,
    },
    { name: 'unknown nested setting', file: { job_times: { lunch: '12:00' } }, message: /does not know \(job_times\.lunch\)/ },
    {
      name: 'wrong type',
      file: { mesh_jobs: 'yes' },
      message: new RegExp(`^The setting mesh_jobs in ${F} must be true or false\\.$`),
      setting: 'mesh_jobs',
    },
    {
      name: 'a secret in settings.json',
      file: { password: 'pw-hunter2-do-not-print' },
      message:
        /holds password, but secrets are not kept there unencrypted: remove it and set it in the console's Settings, in MESH_PASSWORD, or in the CLI secrets file\.$/,
      setting: 'password',
    },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      await writeSettings(dir, c.file ?? {});
      await assert.rejects(loadSettings({ env: { ...SECRETS, ...c.env }, dataDir: dir }), (error: Error) => {
        assert.ok(error instanceof SettingsError, `${c.name}: ${error.message}`);
        assert.match(error.message, c.message);
        if (c.setting) assert.equal(error.setting, c.setting);
        if (c.envVar) assert.equal(error.envVar, c.envVar);
        for (const secret of [...Object.values(SECRETS), 'topsecretpw', 'SECRETKEYMATERIAL', 'PRIVATE KEY-----\n']) {
          assert.ok(!error.message.includes(secret), `${c.name}: the message shows a secret`);
        }
        assert.equal(error.message.split(/[.;:] [A-Z]/).length >= 1, true);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      });
    });
  }
});
