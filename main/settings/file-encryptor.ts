// The SecretEncryptor of the app, the CLI and tests alike: AES-256-GCM with a random key kept in
// a file only its owner can read (0600) at the top of the data folder, one for every profile.
// It keeps secrets out of the vault file itself (a copied or backed-up secrets.json reveals
// nothing without the key file), but anyone who can read the whole data folder as this user can
// decrypt. One key both can read is what lets a secret set in the app work on the command line
// and back (docs/profiles.md, "Secrets").
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SecretEncryptor } from '../ports';
import { SettingsError } from './settings-error';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const KEY_FILE_NAME = 'secrets.key';

function loadOrCreateKey(keyFile: string): Buffer {
  try {
    const stat = statSync(keyFile);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new SettingsError(
        `The key file ${keyFile} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); make it private ` +
          `with chmod 600 ${keyFile}.`,
      );
    }
    const key = readFileSync(keyFile);
    if (key.length !== 32)
      throw new SettingsError(
        `The key file ${keyFile} is damaged (not 32 bytes); restore it from a backup, or remove it and set the secrets again.`,
      );
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(keyFile, key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyFile);
    throw error;
  }
  return key;
}

export class FileKeyEncryptor implements SecretEncryptor {
  private key: Buffer | undefined;

  constructor(readonly keyFile: string) {}

  static inDataDir(dataDir: string): FileKeyEncryptor {
    return new FileKeyEncryptor(join(dataDir, KEY_FILE_NAME));
  }

  isEncryptionAvailable(): boolean {
    return true;
  }

  encryptString(plainText: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.getKey(), iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decryptString(encrypted: Buffer): string {
    if (encrypted.length < 1 + IV_BYTES + TAG_BYTES || encrypted[0] !== VERSION) {
      throw new SettingsError('A stored secret is not in the form this console writes; set it again.');
    }
    const iv = encrypted.subarray(1, 1 + IV_BYTES);
    const tag = encrypted.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.getKey(), iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SettingsError(
        `A stored secret cannot be decrypted with ${this.keyFile} (the key file changed or the secret was damaged); set it again.`,
      );
    }
  }

  private getKey(): Buffer {
    this.key ??= loadOrCreateKey(this.keyFile);
    return this.key;
  }
}
