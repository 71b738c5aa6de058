// Upgrades a data folder written before the audit log was append-only: the entries of
// `audit.json` become the first lines of `audit.jsonl`, then `audit.json` goes. Done once, by
// the first process that opens the folder, holding the store lock. A crash after the new file is
// in place but before `audit.json` is removed is recognised the next time (the new file already
// begins with those entries), so nothing is lost or written twice. The dated `audit-*.jsonl`
// files the old log rolled its oldest entries into are already in the new format and stay.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';
import type { StoreGuard } from './folder-lock';
import { holdsListOf, openJsonFile, type StoreNotice } from './json-file';

export const OLD_AUDIT_FILE = 'audit.json';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The live file already starts with these entries: an earlier conversion got as far as writing it. */
function startsWith(live: string, lines: readonly string[]): boolean {
  if (lines.length === 0) return true;
  const liveLines = live.split('\n', lines.length);
  return liveLines.length === lines.length && liveLines[0] === lines[0] && liveLines[lines.length - 1] === lines.at(-1);
}

/** Converts `audit.json` into the start of `liveFile`; returns a notice when it was unreadable and set aside instead. */
export async function convertOldAuditFile(
  dataDir: string,
  liveFile: string,
  guard: StoreGuard,
  now: () => Date,
): Promise<StoreNotice | undefined> {
  const oldFile = join(dataDir, OLD_AUDIT_FILE);
  if (!(await exists(oldFile))) return undefined;
  return guard.run(async () => {
    if (!(await exists(oldFile))) return undefined;
    const opened = await openJsonFile<{ entries: AuditEntry[] }>(oldFile, {
      label: 'audit log',
      defaults: () => ({ entries: [] }),
      check: holdsListOf('entries'),
      now,
    });
    if (opened.notice) return opened.notice;
    const lines = opened.db.data.entries.map((entry) => JSON.stringify(entry));
    const live = await readFile(liveFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    if (!startsWith(live, lines)) await writeFileAtomic(liveFile, lines.map((line) => `${line}\n`).join('') + live);
    await rm(oldFile);
    return undefined;
  });
}
