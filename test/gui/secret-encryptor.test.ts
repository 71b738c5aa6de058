// The app's secrets go through Electron's safeStorage. On Linux without a keyring it falls back to
// 'basic_text', a fixed key in Chromium's source: main/electron/secret-encryptor.ts must count that
// as no encryption, so the vault refuses to store until the operator accepts it in words. The
// safeStorage here is a stand-in with Electron's shape (Electron itself cannot load under Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { createSecretEncryptor } from '../../main/electron/secret-encryptor';
import { SecretsVault } from '../../main/settings/secrets-vault';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

function safeStorageWith(available: boolean, backend: Backend): SafeStorage {
  const mark = Buffer.from('sealed:');
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.concat([mark, Buffer.from(plain, 'utf8').reverse()]),
    decryptString: (sealed: Buffer) => Buffer.from(sealed.subarray(mark.length)).reverse().toString('utf8'),
  } as unknown as SafeStorage;
}

test('safeStorage counts as encryption only with a real keyring on Linux, and wherever it is available elsewhere', () => {
  const available = (platform: NodeJS.Platform, isAvailable: boolean, backend: Backend) =>
    createSecretEncryptor(safeStorageWith(isAvailable, backend), platform).isEncryptionAvailable();
  assert.equal(available('linux', true, 'gnome_libsecret'), true);
  assert.equal(available('linux', true, 'kwallet5'), true);
  assert.equal(available('linux', true, 'basic_text'), false, 'a fixed public key is no encryption');
  assert.equal(available('linux', true, 'unknown'), false);
  assert.equal(available('linux', false, 'gnome_libsecret'), false);
  assert.equal(available('darwin', true, 'unknown'), true, 'the backend is a Linux notion');
  assert.equal(available('win32', false, 'unknown'), false);
});

test('on Linux with only basic_text the vault refuses a secret; with a keyring it stores it sealed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-safe-storage-'));
  try {
    const basic = await SecretsVault.open(dir, createSecretEncryptor(safeStorageWith(true, 'basic_text'), 'linux'));
    await assert.rejects(
      basic.set('password', 'kept-out-of-basic-text', { plaintextAccepted: false }),
      /offers no encryption for secrets at rest/,
    );
    assert.equal(basic.has('password'), false);

    const keyring = await SecretsVault.open(dir, createSecretEncryptor(safeStorageWith(true, 'gnome_libsecret'), 'linux'));
    await keyring.set('password', 'sealed-by-the-keyring', { plaintextAccepted: false });
    assert.equal(keyring.get('password'), 'sealed-by-the-keyring');
    const onDisk = await readFile(join(dir, 'secrets.json'), 'utf8');
    assert.match(onDisk, /"scheme": "encrypted"/);
    assert.ok(!onDisk.includes('sealed-by-the-keyring') && !onDisk.includes(Buffer.from('sealed-by-the-keyring').toString('base64')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
