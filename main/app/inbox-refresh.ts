// The inbox refresh: read the inbox (every page), apply each REPORT about a DPS export, and tell
// the screens. Used by the inbox refresh job, the inbox screen and the mailbox folders.
import { applyReport, type ReportApplied } from '../exports/reports';
import { withExportLock } from '../exports/lock';
import { FolderBusyError } from '../store/folder-lock';
import type { InboxCache, InboxSnapshot } from '../operations/inbox';
import type { ConsoleRuntime } from './runtime';

export interface JobHooks {
  onInbox?(snapshot: InboxSnapshot): void;
  onReports?(applied: ReportApplied[]): void;
  onExportProgress?(exportId: string, done: number, total: number): void;
}

/** Reads the inbox and applies each REPORT about an export; used by the refresh job and on demand. */
export async function refreshInbox(runtime: ConsoleRuntime, inbox: InboxCache, hooks: JobHooks = {}): Promise<InboxSnapshot> {
  const snapshot = await inbox.refresh(await runtime.client());
  const context = runtime.exportContext();
  const applied: ReportApplied[] = [];
  const reports = snapshot.metadata.filter((metadata) => metadata.messageType === 'REPORT');
  if (reports.length) {
    try {
      // An export running elsewhere holds the lock: its REPORTs wait for the next refresh.
      await withExportLock(
        context,
        async () => {
          for (const metadata of reports) {
            const result = await applyReport(context, metadata);
            if (result) applied.push(result);
          }
        },
        { waitMs: 0 },
      );
    } catch (error) {
      if (!(error instanceof FolderBusyError)) throw error;
    }
  }
  if (applied.length) {
    inbox.forget(applied.map((a) => a.reportId));
    hooks.onReports?.(applied);
  }
  const current = inbox.snapshot ?? snapshot;
  hooks.onInbox?.(current);
  return current;
}

/** The mailbox folders being kept now, if any (they change with the settings). */
