// Secrets at rest through Electron's safeStorage: what the app used before one key file served the
// app and the command line; now only to read, and re-encrypt, what it stored then. On Linux
// without a keyring, safeStorage falls back to 'basic_text' (a fixed, public key): that is no real encryption, so it counts as unavailable.
import type { SafeStorage } from 'electron';
import type { SecretEncryptor } from '../ports';

export function createSecretEncryptor(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): SecretEncryptor {
  const realEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform !== 'linux') return true;
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  };
  return {
    isEncryptionAvailable: realEncryption,
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
