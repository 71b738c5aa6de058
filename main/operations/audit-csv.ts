// The audit log's rows as CSV, for an operator to keep or hand on: one row per entry, newest
// first, the columns the screen shows plus who and from where. A cell starting with = + - @ (or
// a tab or carriage return) gets a leading apostrophe: spreadsheets would otherwise run it as a
// formula, and details carry text from MESH servers and file names.
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';

const COLUMNS = ['when', 'kind', 'action', 'outcome', 'http status', 'detail', 'message id', 'export id', 'user', 'from'] as const;

function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.at,
      entry.kind,
      entry.action,
      entry.outcome,
      entry.status,
      entry.detail,
      entry.messageId,
      entry.exportId,
      entry.user,
      entry.source,
    ].map(cell),
  );
  return stringify(rows, { header: true, columns: [...COLUMNS], record_delimiter: 'windows' });
}

const WHY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: "this user's disk quota is used up",
  EROFS: 'the disk is read-only',
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  ENOENT: 'the folder no longer exists',
};

/** Writes the CSV whole or not at all (a temporary file renamed into place); one sentence when it cannot. */
export async function writeAuditCsv(path: string, entries: readonly AuditEntry[]): Promise<number> {
  const bytes = Buffer.from(auditCsv(entries), 'utf8');
  try {
    await writeFileAtomic(path, bytes, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = (code && WHY[code]) ?? `the file could not be written (${code ?? (error as Error).message})`;
    throw new Error(`The audit log was not saved to ${path}: ${why}. Nothing was written there; choose another place.`, { cause: error });
  }
  return bytes.length;
}
