// The audit log screen's operations: a page of the filtered entries at a time (never the whole
// log across IPC), and the filtered entries saved as CSV where the operator chooses.
import type { AuditFilter, AuditPage, AuditQuery, ConsoleOperations, SavedFile } from '../../domain';
import { writeAuditCsv } from '../../operations/audit-csv';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';

export type AuditOperations = Pick<ConsoleOperations, 'audit' | 'saveAuditCsv'>;

/** `audit-2026-11-25.csv`, with the day the file was saved. */
function csvName(now: Date): string {
  return `audit-${now.toISOString().slice(0, 10)}.csv`;
}

export function auditOperations(runtime: ConsoleRuntime, dialogs: DialogPort): AuditOperations {
  return {
    async audit(query: AuditQuery): Promise<AuditPage> {
      // The command line and `mesh-console jobs` append to the same file: show what they wrote too.
      await runtime.stores.audit.refresh();
      return runtime.stores.audit.page(query);
    },

    async saveAuditCsv(filter: AuditFilter): Promise<SavedFile | null> {
      await runtime.stores.audit.refresh();
      const entries = runtime.stores.audit.matching(filter);
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
