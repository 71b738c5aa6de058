// Importing vaccination records from a file: every row checked, then all or nothing.
import { basename } from 'node:path';
import type { ImportResult } from '../domain';
import { readRecordsFile } from '../dps/read-records';
import type { VaccinationRecord } from '../dps/record';
import type { Stores } from '../store/open-stores';

export async function importRecordsFile(stores: Pick<Stores<VaccinationRecord>, 'records' | 'audit'>, path: string): Promise<ImportResult> {
  const fileName = basename(path);
  const empty = { fileName, added: 0, updated: 0, unchanged: 0, changedAfterSent: [] };
  let read;
  try {
    read = await readRecordsFile(path);
  } catch (error) {
    return { ...empty, ok: false, errors: [{ line: 0, field: '', reason: unreadable(path, error) }] };
  }
  if (read.errors.length) {
    stores.audit.append({
      kind: 'import',
      action: fileName,
      outcome: 'failed',
      detail: `${read.problemCount} problems in ${read.rows} rows; nothing imported`,
    });
    return {
      ...empty,
      ok: false,
      errors: read.errors,
      ...(read.problemCount > read.errors.length ? { problemCount: read.problemCount } : {}),
      ...(read.expectedColumns ? { expectedColumns: read.expectedColumns } : {}),
    };
  }
  try {
    const outcome = await stores.records.applyImport(read.records);
    stores.audit.append({
      kind: 'import',
      action: fileName,
      outcome: 'ok',
      detail:
        `${outcome.added} added, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ` +
        `${outcome.changedAfterSent.length} changed after sending (not resent)`,
    });
    return {
      ok: true,
      fileName,
      added: outcome.added,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      changedAfterSent: outcome.changedAfterSent.map(({ recordId, fields }) => ({ recordId, fields })),
      errors: [],
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...empty, ok: false, errors: [{ line: 0, field: 'record_id', reason }] };
  }
}

function unreadable(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `The file ${path} does not exist: check its name and folder.`;
  if (code === 'EACCES' || code === 'EPERM') return `The file ${path} cannot be opened by this user: check its permissions.`;
  if (code === 'EISDIR') return `${path} is a folder, not a file: choose the records file inside it.`;
  return `The file ${path} could not be read (${error instanceof Error ? error.message : String(error)}).`;
}
