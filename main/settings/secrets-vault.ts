// The vault: password, shared key, private key and passphrase, stored in the data folder
// (`secrets.json`, mode 0600) encrypted through a SecretEncryptor (Electron's safeStorage in
// the app). Where the system offers no encryption, storing is refused unless the operator
// accepted plaintext in words (the settings flag). Values leave only through get(), for
// the MESH client; views see set / not set.
import { readFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SecretName } from '../domain';
import type { SecretEncryptor } from '../ports';
import { fileStamp } from '../store/json-file';
import { writeFileAtomic } from '../files/atomic-write';
import { fileVersion } from '../files/file-version';
import { SettingsError } from './settings-error';

export const SECRET_NAMES: readonly SecretName[] = ['password', 'sharedKey', 'privateKey', 'privateKeyPassphrase'];

export const SECRET_LABELS: Readonly<Record<SecretName, string>> = {
  password: 'mailbox password',
  sharedKey: 'shared key',
  privateKey: 'private key',
  privateKeyPassphrase: 'private key passphrase',
};

export const VAULT_FILE_NAME = 'secrets.json';

interface StoredSecret {
  /** `encrypted`: through the encryptor; `plaintext`: base64 only, when the operator accepted it. */
  scheme: 'encrypted' | 'plaintext';
  data: string;
}

interface VaultFile {
  version: 1;
  secrets: Partial<Record<SecretName, StoredSecret>>;
}

/** Anything secrets can be read from: the vault, the environment, the CLI secrets file. */
export interface SecretSource {
  get(name: SecretName): string | undefined;
}

/** The first source that has a secret wins. */
export function layeredSecrets(...sources: (SecretSource | Partial<Record<SecretName, string>> | undefined)[]): SecretSource {
  return {
    get(name) {
      for (const source of sources) {
        if (!source) continue;
        const value =
          typeof (source as SecretSource).get === 'function'
            ? (source as SecretSource).get(name)
            : (source as Partial<Record<SecretName, string>>)[name];
        if (value !== undefined && value !== '') return value;
      }
      return undefined;
    },
  };
}

export class SecretsVault implements SecretSource {
  private constructor(
    private readonly path: string,
    private file: VaultFile,
    private readonly encryptor: SecretEncryptor,
  ) {}

  /** Set when secrets.json was unreadable and was moved aside: tell the operator. */
  notice?: string;
  /** The file as this vault last read or wrote it (see changedOnDisk). */
  private seen: string | undefined = '';

  static async open(
    dataDir: string,
    encryptor: SecretEncryptor,
    options: { now?: () => Date; legacyEncryptor?: SecretEncryptor } = {},
  ): Promise<SecretsVault> {
    const path = join(dataDir, VAULT_FILE_NAME);
    let file: VaultFile = { version: 1, secrets: {} };
    let notice: string | undefined;
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as VaultFile;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.secrets !== 'object' || parsed.secrets === null)
        throw new Error('shape');
      file = parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        // Kept aside, never overwritten: it may still be recoverable.
        const keptAs = `${path}.unreadable-${fileStamp((options.now ?? (() => new Date()))())}`;
        try {
          await rename(path, keptAs);
        } catch {
          throw new SettingsError(
            `The secrets file ${path} is damaged and could not be moved aside; move it away yourself and set the secrets again.`,
          );
        }
        notice =
          `The secrets file ${path} was damaged, so it was kept as ${basename(keptAs)} and the secrets are no longer ` +
          `set; set them again in Settings.`;
      }
    }
    const vault = new SecretsVault(path, file, encryptor);
    vault.seen = await fileVersion(path);
    if (notice) vault.notice = notice;
    // A disk that cannot be written now leaves them for the next start.
    if (options.legacyEncryptor) await vault.reencryptFrom(options.legacyEncryptor).catch(() => undefined);
    return vault;
  }

  get encryptionAvailable(): boolean {
    return this.encryptor.isEncryptionAvailable();
  }

  has(name: SecretName): boolean {
    return this.file.secrets[name] !== undefined;
  }

  status(): Record<SecretName, boolean> {
    return Object.fromEntries(SECRET_NAMES.map((name) => [name, this.has(name)])) as Record<SecretName, boolean>;
  }

  get(name: SecretName): string | undefined {
    const stored = this.file.secrets[name];
    if (!stored) return undefined;
    const bytes = Buffer.from(stored.data, 'base64');
    if (stored.scheme === 'plaintext') return bytes.toString('utf8');
    try {
      return this.encryptor.decryptString(bytes);
    } catch (error) {
      if (error instanceof SettingsError) throw error;
      throw new SettingsError(
        `The stored ${SECRET_LABELS[name]} cannot be decrypted (the system keyring may have changed); set it again in Settings.`,
      );
    }
  }

  async set(name: SecretName, value: string, options: { plaintextAccepted: boolean }): Promise<void> {
    if (value === '') throw new SettingsError(`The ${SECRET_LABELS[name]} is empty; type it, or clear it instead.`);
    let stored: StoredSecret;
    if (this.encryptor.isEncryptionAvailable()) {
      stored = { scheme: 'encrypted', data: this.encryptor.encryptString(value).toString('base64') };
    } else if (options.plaintextAccepted) {
      stored = { scheme: 'plaintext', data: Buffer.from(value, 'utf8').toString('base64') };
    } else {
      throw new SettingsError(
        `The ${SECRET_LABELS[name]} was not stored: this system offers no encryption for secrets at rest; accept ` +
          `unencrypted storage in Settings, or give it through the environment instead.`,
      );
    }
    await this.reread();
    await this.save({ ...this.file.secrets, [name]: stored });
  }

  async clear(name: SecretName): Promise<void> {
    await this.reread();
    if (!this.has(name)) return;
    const secrets = { ...this.file.secrets };
    delete secrets[name];
    await this.save(secrets);
  }

  /**
   * Secrets stored by an earlier version of the app through another encryptor (Electron's
   * safeStorage) are encrypted again with this vault's, so the command line can read them too.
   * One neither can decrypt is left as it is: get() says to set it again.
   */
  private async reencryptFrom(legacy: SecretEncryptor): Promise<void> {
    const secrets = { ...this.file.secrets };
    let changed = false;
    for (const name of SECRET_NAMES) {
      const stored = secrets[name];
      if (stored?.scheme !== 'encrypted') continue;
      const bytes = Buffer.from(stored.data, 'base64');
      try {
        this.encryptor.decryptString(bytes);
        continue;
      } catch {
        // Not this encryptor's: perhaps the legacy one's.
      }
      let value: string;
      try {
        value = legacy.decryptString(bytes);
      } catch {
        continue;
      }
      secrets[name] = { scheme: 'encrypted', data: this.encryptor.encryptString(value).toString('base64') };
      changed = true;
    }
    if (changed) await this.save(secrets);
  }

  /**
   * Reads the file again when another process (`mesh-console secret set`) changed it since this
   * vault last read or wrote it; true when it did. A file gone means no secrets are set.
   */
  async refresh(): Promise<boolean> {
    const version = await fileVersion(this.path);
    if (version === this.seen) return false;
    if (version === 'none') this.file = { version: 1, secrets: {} };
    else await this.reread();
    this.seen = version;
    return true;
  }

  /**
   * Takes in what another process (the command line's `secret set`, the app) stored since this
   * vault was opened, so a change here does not undo it. A file that cannot be read now is left
   * to the write that follows, as at opening.
   */
  private async reread(): Promise<void> {
    this.seen = await fileVersion(this.path);
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as VaultFile;
      if (typeof parsed === 'object' && parsed !== null && typeof parsed.secrets === 'object' && parsed.secrets !== null)
        this.file = parsed;
    } catch {
      // Missing or damaged: what this process holds is written.
    }
  }

  private async save(secrets: VaultFile['secrets']): Promise<void> {
    const next: VaultFile = { version: 1, secrets };
    await writeFileAtomic(this.path, JSON.stringify(next, null, 2) + '\n', 0o600);
    this.file = next;
    this.seen = await fileVersion(this.path);
  }
}
