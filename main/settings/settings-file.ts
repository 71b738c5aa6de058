// `<dataDir>/settings.json`: the operator's settings, named as the original MESH integration
// names them. Secrets are not kept here (they go to the vault, the environment or the CLI
// secrets file); a file that names one is refused so it cannot sit there unencrypted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// zod/mini, not zod: the same checks, and every command loads this at start (zod's full API took ~18 ms to load).
import { boolean, number, optional, strictObject, string, type infer as Infer } from 'zod/mini';
import { writeFileAtomic } from '../files/atomic-write';
import { SettingsError } from './settings-error';

export const SETTINGS_FILE_NAME = 'settings.json';

const jobTimesSchema = strictObject({
  handshake: optional(string()),
  dps_export: optional(string()),
  tracking: optional(string()),
  inbox_refresh_minutes: optional(number()),
});

/** The mailbox folders (main/folders/): paths, relative ones from the data folder. */
const foldersSchema = strictObject({
  out: optional(string()),
  in: optional(string()),
  sent: optional(string()),
  failed: optional(string()),
  layout: optional(string()),
  workflow_filter: optional(string()),
  to: optional(string()),
  send_workflow: optional(string()),
});

export const settingsFileSchema = strictObject({
  environment: optional(string()),
  base_url: optional(string()),
  mailbox: optional(string()),
  dps_mailbox: optional(string()),
  dps_workflow_id: optional(string()),
  record_uri: optional(string()),
  certificate: optional(string()),
  /** A path to the private key's PEM file (never the key itself). */
  private_key: optional(string()),
  ca_bundle: optional(string()),
  disable_ssl_verification: optional(boolean()),
  /** The embedded local MESH server's strict mode (default on). */
  local_server_strict: optional(boolean()),
  inbound_folder: optional(string()),
  mesh_jobs: optional(boolean()),
  job_times: optional(jobTimesSchema),
  folders: optional(foldersSchema),
  plaintext_secrets_accepted: optional(boolean()),
});

export type SettingsFile = Infer<typeof settingsFileSchema>;

/** Secrets by the names the original integration gives them, refused in settings.json. */
const SECRET_KEYS: Record<string, string> = {
  password: 'MESH_PASSWORD',
  shared_key: 'MESH_SHARED_KEY',
  private_key_passphrase: 'MESH_KEY_PASSPHRASE',
};

const TYPE_WORDS: Record<string, string> = {
  boolean: 'true or false',
  string: 'text in quotes',
  number: 'a number',
  object: 'an object ({ ... })',
};

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

/** Checks parsed JSON against the settings file's shape; the error names the setting, never its value. */
export function parseSettingsFile(data: unknown, file: string): SettingsFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SettingsError(
      `The settings file ${file} must hold one JSON object ({ ... }); fix it or move it away to start from the defaults.`,
    );
  }
  for (const [key, envVar] of Object.entries(SECRET_KEYS)) {
    if (key in data) {
      throw new SettingsError(
        `The settings file ${file} holds ${key}, but secrets are not kept there unencrypted: remove it and set it in ` +
          `the console's Settings, in ${envVar}, or in the CLI secrets file.`,
        key,
      );
    }
  }
  const result = settingsFileSchema.safeParse(data);
  if (result.success) {
    const key = result.data.private_key;
    if (key !== undefined && key.includes('-----BEGIN')) {
      throw new SettingsError(
        `The setting private_key in ${file} holds the key itself; keep the key in its own file and give that file's ` +
          `path, or set it in the console's Settings.`,
        'private_key',
      );
    }
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const name = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (name ? `${name}.${k}` : k)).join(', ');
    throw new SettingsError(
      `The settings file ${file} has a setting the console does not know (${keys}); remove it or correct its name.`,
      keys,
    );
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    throw new SettingsError(`The setting ${name} in ${file} must be ${expected}.`, name);
  }
  throw new SettingsError(`The setting ${name} in ${file} is not valid; correct it or remove it to use the default.`, name);
}

/** The settings file's contents; empty when there is none. */
export async function readSettingsFile(dataDir: string): Promise<SettingsFile> {
  const file = settingsFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    throw new SettingsError(`The settings file ${file} cannot be read (${code ?? 'unknown error'}); check its permissions.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse's message may quote the file's text; say only that it is not JSON.
    throw new SettingsError(`The settings file ${file} is not valid JSON; fix it or move it away to start from the defaults.`);
  }
  return parseSettingsFile(data, file);
}

/** Replaces the settings file atomically (temporary file, fsync, rename). */
export async function writeSettingsFile(dataDir: string, contents: SettingsFile): Promise<void> {
  const checked = parseSettingsFile(contents, settingsFilePath(dataDir));
  await writeFileAtomic(settingsFilePath(dataDir), JSON.stringify(checked, null, 2) + '\n');
}
