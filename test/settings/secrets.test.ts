import assert from 'node:assert/strict';
import { chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SecretEncryptor } from '../../main/ports';
import { cliSecrets, cliSecretsFilePath, readCliSecretsFile } from '../../main/settings/cli-secrets-file';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { layeredSecrets, SecretsVault } from '../../main/settings/secrets-vault';
import { SettingsError } from '../../main/settings/settings-error';
import { dataDir } from './helpers';

const PASSWORD = 'correct horse battery staple';
const KEY_PEM =
  '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';

/** What Electron's safeStorage is where the system has no keyring. */
const noEncryption: SecretEncryptor = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('Encryption is not available.');
  },
  decryptString: () => {
    throw new Error('Encryption is not available.');
  },
};

test('the vault keeps secrets encrypted: the file never holds the plaintext, and only its owner can read it', async () => {
  const dir = await dataDir();
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  assert.deepEqual(vault.status(), { password: false, sharedKey: false, privateKey: false, privateKeyPassphrase: false });
  await vault.set('password', PASSWORD, { plaintextAccepted: false });
  await vault.set('privateKey', KEY_PEM, { plaintextAccepted: false });
  const text = await readFile(join(dir, 'secrets.json'), 'utf8');
  for (const secret of [PASSWORD, KEY_PEM, 'MIIFHDBOBgkqhkiG9w0BBQ0w']) {
    assert.ok(!text.includes(secret));
    assert.ok(!text.includes(Buffer.from(secret).toString('base64')));
  }
  assert.match(text, /"scheme": "encrypted"/);
  assert.equal((await stat(join(dir, 'secrets.json'))).mode & 0o777, 0o600);
  assert.equal((await stat(join(dir, 'secrets.key'))).mode & 0o777, 0o600);
  assert.deepEqual((await readdir(dir)).sort(), ['secrets.json', 'secrets.key']);

  const reopened = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  assert.equal(reopened.get('password'), PASSWORD);
  assert.equal(reopened.get('privateKey'), KEY_PEM);
  assert.deepEqual(reopened.status(), { password: true, sharedKey: false, privateKey: true, privateKeyPassphrase: false });
  await reopened.clear('password');
  assert.equal((await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir))).get('password'), undefined);
});

test('AES-GCM: each encryption differs, and tampering or another key is refused with a sentence', async () => {
  const dir = await dataDir();
  const other = await dataDir();
  const encryptor = FileKeyEncryptor.inDataDir(dir);
  const a = encryptor.encryptString(PASSWORD);
  const b = encryptor.encryptString(PASSWORD);
  assert.notDeepEqual(a, b);
  assert.equal(encryptor.decryptString(b), PASSWORD);
  const tampered = Buffer.from(a);
  tampered[tampered.length - 1]! ^= 1;
  assert.throws(
    () => encryptor.decryptString(tampered),
    (e: Error) => e instanceof SettingsError && /cannot be decrypted/.test(e.message) && !e.message.includes(PASSWORD),
  );
  assert.throws(() => FileKeyEncryptor.inDataDir(other).decryptString(a), /cannot be decrypted/);
});

test('a key file others can read is refused', async () => {
  const dir = await dataDir();
  FileKeyEncryptor.inDataDir(dir).encryptString('x');
  await chmod(join(dir, 'secrets.key'), 0o644);
  assert.throws(
    () => FileKeyEncryptor.inDataDir(dir).encryptString('x'),
    /can be read by other users \(mode 644\); make it private with chmod 600/,
  );
});

test('without encryption the vault refuses to store, unless the operator accepted plaintext', async () => {
  const dir = await dataDir();
  const vault = await SecretsVault.open(dir, noEncryption);
  assert.equal(vault.encryptionAvailable, false);
  await assert.rejects(
    vault.set('sharedKey', 'sk-secret', { plaintextAccepted: false }),
    (e: Error) =>
      e instanceof SettingsError &&
      e.message ===
        'The shared key was not stored: this system offers no encryption for secrets at rest; accept unencrypted ' +
          'storage in Settings, or give it through the environment instead.',
  );
  await assert.rejects(readFile(join(dir, 'secrets.json')));
  await vault.set('sharedKey', 'sk-secret', { plaintextAccepted: true });
  assert.match(await readFile(join(dir, 'secrets.json'), 'utf8'), /"scheme": "plaintext"/);
  assert.equal((await SecretsVault.open(dir, noEncryption)).get('sharedKey'), 'sk-secret');
});

test('layered secrets: the first source that has one wins', async () => {
  const dir = await dataDir();
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir));
  await vault.set('password', 'from-vault', { plaintextAccepted: false });
  await vault.set('sharedKey', 'key-from-vault', { plaintextAccepted: false });
  const secrets = layeredSecrets({ password: 'from-env' }, { sharedKey: '' }, vault);
  assert.equal(secrets.get('password'), 'from-env');
  assert.equal(secrets.get('sharedKey'), 'key-from-vault');
  assert.equal(secrets.get('privateKey'), undefined);
});

test('the CLI secrets file is read only when no one else can read it', async () => {
  const dir = await dataDir();
  const file = cliSecretsFilePath(dir, {});
  assert.equal(file, join(dir, 'cli-secrets.json'));
  assert.equal(cliSecretsFilePath(dir, { MESH_SECRETS_FILE: '/etc/mesh/secrets.json' }), '/etc/mesh/secrets.json');
  assert.equal(readCliSecretsFile(file), undefined);
  assert.throws(() => readCliSecretsFile(file, { required: true }), /cannot be read \(ENOENT\)/);

  await writeFile(file, JSON.stringify({ password: 'pw-cli', shared_key: 'sk-cli', private_key: KEY_PEM, private_key_passphrase: 'pp' }), {
    mode: 0o644,
  });
  await chmod(file, 0o644);
  assert.throws(
    () => readCliSecretsFile(file),
    (e: Error) =>
      e instanceof SettingsError &&
      e.message ===
        `The secrets file ${file} can be read by other users (mode 644), so it was not read; make it private with ` +
          `chmod 600 ${file} and try again.`,
  );
  await chmod(file, 0o640);
  assert.throws(() => readCliSecretsFile(file), /mode 640/);
  await chmod(file, 0o600);
  assert.deepEqual(readCliSecretsFile(file), { password: 'pw-cli', sharedKey: 'sk-cli', privateKey: KEY_PEM, privateKeyPassphrase: 'pp' });
  assert.throws(() => readCliSecretsFile(file, { uid: 4242 }), /belongs to another user/);
  // Windows has no POSIX modes to check.
  await chmod(file, 0o644);
  assert.equal(readCliSecretsFile(file, { platform: 'win32' })?.password, 'pw-cli');
});

test('a malformed CLI secrets file is refused without repeating it', async () => {
  const dir = await dataDir();
  const file = join(dir, 'cli-secrets.json');
  for (const [contents, message] of [
    ['{"password": "pw-oops"', /is not valid JSON/],
    ['["pw-oops"]', /must hold one JSON object/],
    ['{"pasword": "pw-oops"}', /has an entry the console does not know \(pasword\)/],
    ['{"password": 42}', /The entry password in the secrets file .* must be text in quotes\./],
  ] as const) {
    await writeFile(file, contents, { mode: 0o600 });
    assert.throws(
      () => readCliSecretsFile(file),
      (e: Error) => message.test(e.message) && !e.message.includes('pw-oops'),
    );
  }
});

test('cliSecrets: the named file must exist; the default one is optional', async () => {
  const dir = await dataDir();
  assert.deepEqual(cliSecrets(dir, {}), {});
  assert.throws(() => cliSecrets(dir, { MESH_SECRETS_FILE: join(dir, 'missing.json') }), /missing\.json cannot be read \(ENOENT\)/);
  await writeFile(join(dir, 'cli-secrets.json'), '{"shared_key": "sk"}', { mode: 0o600 });
  assert.deepEqual(cliSecrets(dir, {}), { sharedKey: 'sk' });
});

test('a damaged vault file is kept aside and reported, and the vault starts empty', async () => {
  const dir = await dataDir();
  await writeFile(join(dir, 'secrets.json'), '{"version":1,"secrets":{"password":{"scheme":"encr', { mode: 0o600 });
  const vault = await SecretsVault.open(dir, FileKeyEncryptor.inDataDir(dir), { now: () => new Date('2026-11-25T14:03:00Z') });
  assert.equal(
    vault.notice,
    `The secrets file ${join(dir, 'secrets.json')} was damaged, so it was kept as ` +
      `secrets.json.unreadable-2026-11-25T14-03-00Z and the secrets are no longer set; set them again in Settings.`,
  );
  assert.equal(vault.has('password'), false);
  assert.match(await readFile(join(dir, 'secrets.json.unreadable-2026-11-25T14-03-00Z'), 'utf8'), /"scheme":"encr/);
});
