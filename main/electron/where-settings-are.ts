// The app's words for where a MESH setting is changed: the Settings screen, and the part of it
// that holds the setting. The MESH client's sentences say what is wrong; the screens add this.
import type { MeshSetting } from '../mesh/errors';

/** Each setting as the Settings screen labels it, and the part of the screen it is in; the app has no proxy setting. */
const ON_SCREEN: Readonly<Record<MeshSetting, { label: string; part: string } | undefined>> = {
  mailbox: { label: 'the mailbox id', part: 'Connection' },
  baseUrl: { label: 'the base URL', part: 'Connection' },
  password: { label: 'the mailbox password', part: 'Secrets' },
  sharedKey: { label: 'the environment shared key', part: 'Secrets' },
  privateKeyPassphrase: { label: 'the private key passphrase', part: 'Secrets' },
  certificate: { label: 'the client certificate', part: 'Certificate and keys' },
  privateKey: { label: 'the private key', part: 'Certificate and keys' },
  caBundle: { label: 'the CA bundle', part: 'Certificate and keys' },
  proxy: undefined,
};

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One sentence saying where in Settings the given settings are, like "The mailbox password and
 * the environment shared key are in Settings, under Secrets."; undefined when none is on the screen.
 */
export function whereInSettings(settings: readonly MeshSetting[]): string | undefined {
  const parts = new Map<string, string[]>();
  for (const setting of new Set(settings)) {
    const where = ON_SCREEN[setting];
    if (where) parts.set(where.part, [...(parts.get(where.part) ?? []), where.label]);
  }
  const groups = [...parts].map(([part, labels]) => ({ part, labels }));
  if (groups.length === 0) return undefined;
  if (groups.length === 1) {
    const { part, labels } = groups[0]!;
    const subject = list(labels);
    return `${subject[0]!.toUpperCase()}${subject.slice(1)} ${labels.length === 1 ? 'is' : 'are'} in Settings, under ${part}.`;
  }
  return `In Settings: ${groups.map(({ part, labels }) => `${list(labels)} under ${part}`).join('; ')}.`;
}
