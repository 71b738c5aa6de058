import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { buildSettings } from '../../main/settings/load-settings';
import { meshClientOptions, resolveConnection } from '../../main/settings/resolve-connection';
import { layeredSecrets, SecretsVault } from '../../main/settings/secrets-vault';
import { SettingsError } from '../../main/settings/settings-error';
import { testPki } from '../support/pki';
import { dataDir, SECRETS } from './helpers';

const none = layeredSecrets();

test('an NHS environment: its address and CA bundle, certificate and key read from their files, secrets from the environment', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  await writeFile(join(dir, 'client.pem'), pki.client.certificatePem);
  await writeFile(join(dir, 'client.key'), pki.clientKeyEncrypted);
  const settings = buildSettings(
    { environment: 'integration', mailbox: 'X26OT123', certificate: 'client.pem', private_key: 'client.key' },
    SECRETS,
    dir,
  );
  const connection = resolveConnection(settings, none);
  assert.equal(connection.baseUrl, 'https://msg.intspineservices.nhs.uk');
  assert.equal(connection.mailbox, 'X26OT123');
  assert.equal(connection.password, SECRETS.MESH_PASSWORD);
  assert.equal(connection.sharedKey, SECRETS.MESH_SHARED_KEY);
  assert.equal(connection.privateKeyPassphrase, SECRETS.MESH_KEY_PASSPHRASE);
  assert.equal(connection.certificatePem, pki.client.certificatePem);
  assert.equal(connection.privateKeyPem, pki.clientKeyEncrypted);
  assert.equal(connection.caPem, await readFile(new URL('../../resources/ca/nhs-int-ca-bundle.pem', import.meta.url), 'utf8'));
  assert.equal(connection.verifyServer, true);
  assert.equal(connection.sandbox, false);
});

test('secrets come from the vault when the environment has none, and the environment wins over it', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  await vault.set('password', 'vault-pw', { plaintextAccepted: false });
  await vault.set('sharedKey', 'vault-sk', { plaintextAccepted: false });
  await vault.set('privateKey', pki.client.privateKeyPem, { plaintextAccepted: false });
  const file = { environment: 'production', mailbox: 'X26OT123', certificate: pki.client.certificatePem } as const;
  await writeFile(join(dir, 'client.pem'), pki.client.certificatePem);
  const fromVault = resolveConnection(buildSettings({ ...file, certificate: 'client.pem' }, {}, dir), vault);
  assert.equal(fromVault.password, 'vault-pw');
  assert.equal(fromVault.privateKeyPem, pki.client.privateKeyPem);
  assert.equal(fromVault.baseUrl, 'https://mesh-sync.spineservices.nhs.uk');
  const fromEnv = resolveConnection(buildSettings({ ...file, certificate: 'client.pem' }, { MESH_PASSWORD: 'env-pw' }, dir), vault);
  assert.equal(fromEnv.password, 'env-pw');
  assert.equal(fromEnv.sharedKey, 'vault-sk');
});

test('the embedded local server: its address and certificate, the sandbox password and key, verification off only there', async () => {
  const dir = await dataDir();
  const settings = buildSettings({ disable_ssl_verification: true }, {}, dir);
  assert.throws(() => resolveConnection(settings, none), /must be started/);
  const connection = resolveConnection(settings, none, { embedded: { url: 'https://127.0.0.1:40123', certificatePem: 'PEM' } });
  assert.deepEqual(connection, {
    environment: 'local',
    baseUrl: 'https://127.0.0.1:40123',
    mailbox: 'X26ABC1',
    password: 'password',
    sharedKey: 'TestKey',
    caPem: 'PEM',
    verifyServer: false,
    sandbox: true,
  });
});

test('a connection becomes MESH client options field for field, verification turned round, its own fields left behind', () => {
  const clientFields = {
    baseUrl: 'https://127.0.0.1:40123',
    mailbox: 'X26ABC1',
    password: 'pw',
    sharedKey: 'sk',
    certificatePem: 'CERT',
    privateKeyPem: 'KEY',
    privateKeyPassphrase: 'phrase',
    caPem: 'CA',
  };
  assert.deepEqual(meshClientOptions({ ...clientFields, environment: 'local', verifyServer: false, sandbox: true }), {
    ...clientFields,
    disableSslVerification: true,
  });
  assert.equal(
    meshClientOptions({ ...clientFields, environment: 'integration', verifyServer: true, sandbox: false }).disableSslVerification,
    false,
  );
});

test('what is missing is said in one sentence, without secrets', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  await writeFile(join(dir, 'client.pem'), pki.client.certificatePem);
  await writeFile(join(dir, 'client.key'), pki.clientKeyEncrypted);
  const base = { environment: 'integration', mailbox: 'X26OT123' } as const;
  const cases: [Parameters<typeof buildSettings>[0], NodeJS.ProcessEnv, RegExp][] = [
    [base, {}, /^The password of mailbox X26OT123 is not set: set it in Settings, or give MESH_PASSWORD\.$/],
    [base, { MESH_PASSWORD: 'p' }, /^The shared key for integration is not set: set it in Settings, or give MESH_SHARED_KEY\.$/],
    [
      base,
      { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k' },
      /^The client certificate for Integration \(INT\) is not set: choose it in Settings, or give MESH_CERT\.$/,
    ],
    [
      { ...base, certificate: 'client.pem' },
      { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k' },
      /^The private key for Integration \(INT\) is not set/,
    ],
    [
      { ...base, certificate: 'client.pem', private_key: 'client.key' },
      { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k' },
      /^The passphrase of the private key \(the key is encrypted\) is not set: set it in Settings, or give MESH_KEY_PASSPHRASE\.$/,
    ],
    [
      { base_url: 'https://mesh.example.org', mailbox: 'X1AB', private_key: 'client.key' },
      { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k' },
      /^The client certificate that goes with the private key is not set/,
    ],
  ];
  for (const [file, env, message] of cases) {
    assert.throws(
      () => resolveConnection(buildSettings(file, env, dir), none),
      (e: Error) => e instanceof SettingsError && message.test(e.message),
    );
  }
});

test('a custom server with no CA bundle trusts the system CAs; one with a bundle trusts it', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  const env = { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k' };
  const plain = resolveConnection(buildSettings({ base_url: 'https://mesh.example.org', mailbox: 'X1AB' }, env, dir), none);
  assert.equal(plain.caPem, undefined);
  assert.equal(plain.environment, 'custom');
  const withCa = resolveConnection(
    buildSettings({ base_url: 'https://mesh.example.org', mailbox: 'X1AB' }, { ...env, MESH_CA_BUNDLE: pki.ca.certificatePem }, dir),
    none,
  );
  assert.equal(withCa.caPem?.trim(), pki.ca.certificatePem.trim());
});

test('MESH_KEY as a path wins over a key in the vault', async () => {
  const dir = await dataDir();
  const pki = await testPki();
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  await vault.set('privateKey', pki.strangerClient.privateKeyPem, { plaintextAccepted: false });
  await writeFile(join(dir, 'client.key'), pki.client.privateKeyPem);
  await writeFile(join(dir, 'other.key'), pki.expiredClient.privateKeyPem);
  const env = { MESH_PASSWORD: 'p', MESH_SHARED_KEY: 'k', MESH_CERT: pki.client.certificatePem };
  const file = { base_url: 'https://mesh.example.org', mailbox: 'X1AB', private_key: 'other.key' };
  assert.equal(
    resolveConnection(buildSettings(file, { ...env, MESH_KEY: join(dir, 'client.key') }, dir), vault).privateKeyPem,
    pki.client.privateKeyPem,
  );
  // Without MESH_KEY the vault's key wins over settings.json's path.
  assert.equal(resolveConnection(buildSettings(file, env, dir), vault).privateKeyPem, pki.strangerClient.privateKeyPem);
});
