// The command line's secrets file: JSON with password, shared_key, private_key (PEM text or
// a path) and private_key_passphrase. Refused unless only its owner can read it (mode 0600).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName } from '../domain';
import { SettingsError } from './settings-error';

export const CLI_SECRETS_FILE_NAME = 'cli-secrets.json';

const KEYS: Record<string, SecretName> = {
  password: 'password',
  shared_key: 'sharedKey',
  private_key: 'privateKey',
  private_key_passphrase: 'privateKeyPassphrase',
};

/** MESH_SECRETS_FILE, else `<dataDir>/cli-secrets.json`. */
export function cliSecretsFilePath(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.MESH_SECRETS_FILE?.trim() || join(dataDir, CLI_SECRETS_FILE_NAME);
}

/** Reads the secrets file; undefined when there is none (unless `required`). */
export function readCliSecretsFile(
  path: string,
  options: { required?: boolean; platform?: NodeJS.Platform; uid?: number } = {},
): Partial<Record<SecretName, string>> | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return undefined;
    throw new SettingsError(`The secrets file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  if (!stat.isFile()) throw new SettingsError(`The secrets file ${path} is not a file; give the path of a JSON file.`);
  const platform = options.platform ?? process.platform;
  if (platform !== 'win32') {
    const uid = options.uid ?? process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      throw new SettingsError(`The secrets file ${path} belongs to another user; it must be yours and readable only by you (chmod 600).`);
    }
    if ((stat.mode & 0o077) !== 0) {
      throw new SettingsError(
        `The secrets file ${path} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}), so it was not ` +
          `read; make it private with chmod 600 ${path} and try again.`,
      );
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new SettingsError(`The secrets file ${path} is not valid JSON; it should look like {"password": "...", "shared_key": "..."}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SettingsError(`The secrets file ${path} must hold one JSON object, like {"password": "...", "shared_key": "..."}.`);
  }
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const [key, value] of Object.entries(data)) {
    const name = KEYS[key];
    if (!name)
      throw new SettingsError(
        `The secrets file ${path} has an entry the console does not know (${key}); use password, shared_key, ` +
          `private_key or private_key_passphrase.`,
      );
    if (typeof value !== 'string') throw new SettingsError(`The entry ${key} in the secrets file ${path} must be text in quotes.`);
    if (value !== '') secrets[name] = value;
  }
  return secrets;
}

/**
 * The CLI's secrets: the file named by MESH_SECRETS_FILE (which must then exist), else
 * `<dataDir>/cli-secrets.json` when there is one. Environment variables still win over it
 * (resolveConnection looks at settings.envSecrets first).
 */
export function cliSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Partial<Record<SecretName, string>> {
  return readCliSecretsFile(cliSecretsFilePath(dataDir, env), { required: Boolean(env.MESH_SECRETS_FILE?.trim()) }) ?? {};
}
