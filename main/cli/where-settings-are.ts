// The command line's words for where a MESH setting is given: its environment variable, or its
// key in settings.json or in the CLI secrets file (README, "Configuration"). The MESH client's
// sentences say what is wrong; the command line adds this.
import type { MeshSetting } from '../mesh/errors';

const GIVEN_BY: Readonly<Record<MeshSetting, { variable: string; key: string; file: 'settings.json' | 'cli-secrets.json' } | undefined>> = {
  mailbox: { variable: 'MESH_MAILBOX', key: 'mailbox', file: 'settings.json' },
  baseUrl: { variable: 'MESH_BASE_URL', key: 'base_url', file: 'settings.json' },
  password: { variable: 'MESH_PASSWORD', key: 'password', file: 'cli-secrets.json' },
  sharedKey: { variable: 'MESH_SHARED_KEY', key: 'shared_key', file: 'cli-secrets.json' },
  privateKeyPassphrase: { variable: 'MESH_KEY_PASSPHRASE', key: 'private_key_passphrase', file: 'cli-secrets.json' },
  certificate: { variable: 'MESH_CERT', key: 'certificate', file: 'settings.json' },
  privateKey: { variable: 'MESH_KEY', key: 'private_key', file: 'settings.json' },
  caBundle: { variable: 'MESH_CA_BUNDLE', key: 'ca_bundle', file: 'settings.json' },
  proxy: undefined,
};

/** The secrets the profile's vault keeps, set once with `mesh-console secret set`. */
const STORED_BY: Partial<Record<MeshSetting, string>> = {
  password: 'mesh-console secret set password',
  sharedKey: 'mesh-console secret set shared-key',
  privateKeyPassphrase: 'mesh-console secret set key-passphrase',
};

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One sentence saying how the given settings are set on the command line, like "Set them with
 * MESH_PASSWORD and MESH_SHARED_KEY (or password and shared_key in cli-secrets.json)."; undefined
 * when none can be.
 */
export function whereToSet(settings: readonly MeshSetting[]): string | undefined {
  const given = [...new Set(settings)].flatMap((setting) => GIVEN_BY[setting] ?? []);
  if (given.length === 0) return undefined;
  const files = new Map<string, string[]>();
  for (const { key, file } of given) files.set(file, [...(files.get(file) ?? []), key]);
  const keys = [...files].map(([file, names]) => `${list(names)} in ${file}`).join(', ');
  const stored = [...new Set(settings)].flatMap((setting) => STORED_BY[setting] ?? []);
  const it = given.length === 1 ? 'it' : 'them';
  const store = stored.length ? `, or store ${stored.length === 1 ? 'it' : 'them'} with ${list(stored)}` : '';
  return `Set ${it} with ${list(given.map((g) => g.variable))} (or ${keys})${store}.`;
}
