// `<dataDir>/settings.json`: the operator's settings, named as the original MESH integration
// names them. Secrets are not kept here (they go to the vault, the environment or the CLI
// secrets file); a file that names one is refused so it cannot sit there unencrypted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
import { SettingsError } from './settings-error';

export const SETTINGS_FILE_NAME = 'settings.json';

const jobTimesSchema = z.strictObject({
  handshake: z.string().optional(),
  dps_export: z.string().optional(),
  tracking: z.string().optional(),
  inbox_refresh_minutes: z.number().optional(),
});

/** The mailbox folders (main/folders/): paths, relative ones from the data folder. */
const foldersSchema = z.strictObject({
  out: z.string().optional(),
  in: z.string().optional(),
  sent: z.string().optional(),
  failed: z.string().optional(),
  layout: z.string().optional(),
  workflow_filter: z.string().optional(),
  to: z.string().optional(),
  send_workflow: z.string().optional(),
});

export const settingsFileSchema = z.strictObject({
  environment: z.string().optional(),
  base_url: z.string().optional(),
  mailbox: z.string().optional(),
  dps_mailbox: z.string().optional(),
  dps_workflow_id: z.string().optional(),
  record_uri: z.string().optional(),
  certificate: z.string().optional(),
  /** A path to the private key's PEM file (never the key itself). */
  private_key: z.string().optional(),
  ca_bundle: z.string().optional(),
  disable_ssl_verification: z.boolean().optional(),
  /** The embedded local MESH server's strict mode (default on). */
  local_server_strict: z.boolean().optional(),
  inbound_folder: z.string().optional(),
  mesh_jobs: z.boolean().optional(),
  job_times: jobTimesSchema.optional(),
  folders: foldersSchema.optional(),
  plaintext_secrets_accepted: z.boolean().optional(),
});

export type SettingsFile = z.infer<typeof settingsFileSchema>;

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
