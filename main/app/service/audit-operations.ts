// The audit log screen's operations: a page of the filtered entries at a time (never the whole
// log across IPC), and the filtered entries saved as CSV where the operator chooses.
import { dirname } from 'node:path';
import {
  AUDIT_OLDER_FILES_ROWS,
  type AuditFilter,
  type AuditPage,
  type AuditQuery,
  type ConsoleOperations,
  type SavedFile,
} from '../../domain';
import { writeAuditCsv } from '../../operations/audit-csv';
import { rotatedAuditFiles, searchEveryAuditFile, type EveryAuditFileResult } from '../../store/audit-archive';
import { MAX_PAGE } from '../../store/audit-query';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';

export type AuditOperations = Pick<ConsoleOperations, 'audit' | 'saveAuditCsv'>;

/** `audit-2026-11-25.csv`, with the day the file was saved. */
function csvName(now: Date): string {
  return `audit-${now.toISOString().slice(0, 10)}.csv`;
}

function filterOf({ search, kind, outcome, since, until }: AuditQuery): AuditFilter {
  return { search, kind, outcome, since, until };
}

export function auditOperations(runtime: ConsoleRuntime, dialogs: DialogPort): AuditOperations {
  const log = () => runtime.stores.audit;
  const dataDir = () => dirname(log().file);
  /** The last search of every file: the first page reads the files, later pages (asOf) slice what it kept. */
  let older: { key: string; found: EveryAuditFileResult } | undefined;

  async function everyFile(filter: AuditFilter, keep: number): Promise<EveryAuditFileResult> {
    // What this process appended is written first, so that the files hold it.
    await log().flush();
    return searchEveryAuditFile(dataDir(), filter, keep);
  }

  async function olderFilesPage(query: AuditQuery): Promise<AuditPage> {
    const key = JSON.stringify(filterOf(query));
    if (query.asOf === undefined || older?.key !== key) older = { key, found: await everyFile(filterOf(query), AUDIT_OLDER_FILES_ROWS) };
    const { found } = older;
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? MAX_PAGE)), MAX_PAGE);
    return {
      entries: found.entries.slice(offset, offset + limit),
      offset,
      total: found.entries.length,
      held: found.held,
      olderFiles: found.olderFiles,
      notPaged: found.total - found.entries.length,
    };
  }

  return {
    async audit(query: AuditQuery): Promise<AuditPage> {
      if (query.olderFiles) return olderFilesPage(query);
      // The command line and `mesh-console jobs` append to the same file: show what they wrote too.
      await log().refresh();
      return { ...log().page(query), olderFiles: (await rotatedAuditFiles(dataDir())).length };
    },

    async saveAuditCsv(filter: AuditFilter): Promise<SavedFile | null> {
      let entries;
      if (filter.olderFiles) {
        entries = (await everyFile(filter, AUDIT_OLDER_FILES_ROWS)).entries;
      } else {
        await log().refresh();
        entries = log().matching(filter);
      }
      const path = await dialogs.saveFile({
        title: 'Save the audit log rows as CSV',
        defaultName: csvName(new Date()),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (!path) return null;
      return { path, bytes: await writeAuditCsv(path, entries) };
    },
  };
}
