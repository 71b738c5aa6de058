// What each scheduled job does (docs/dps-file.md, "When the jobs run"): the handshake, the DPS
// export, tracking exports (and the REPORTs about them), and the inbox refresh. The scheduler
// decides when.
import { applyReport, type ReportApplied } from '../exports/reports';
import { withExportLock } from '../exports/lock';
import { runExports } from '../exports/run';
import { FolderBusyError } from '../store/folder-lock';
import { trackExportsAndReports } from '../exports/tracking';
import type { JobRunOutcome } from '../jobs/scheduler';
import { defaultJobs, type JobBodies } from '../jobs/default-jobs';
import { Scheduler } from '../jobs/scheduler';
import { validateMailbox } from '../operations/handshake';
import type { InboxCache, InboxSnapshot } from '../operations/inbox';
import type { ConsoleRuntime } from './runtime';

export interface JobHooks {
  onInbox?(snapshot: InboxSnapshot): void;
  onReports?(applied: ReportApplied[]): void;
  onExportProgress?(exportId: string, done: number, total: number): void;
}

function failed(error: unknown): JobRunOutcome {
  return { result: 'failed', message: error instanceof Error ? error.message : String(error) };
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

export function consoleJobBodies(runtime: ConsoleRuntime, inbox: InboxCache, hooks: JobHooks = {}): JobBodies {
  return {
    async handshake() {
      const result = await validateMailbox(runtime);
      return result.ok
        ? { result: 'ok', message: `Mailbox ${result.mailbox} validated.` }
        : { result: 'failed', message: result.error ?? 'The handshake failed.' };
    },
    async dpsExport() {
      try {
        const results = await runExports(
          runtime.exportContext({ ...(hooks.onExportProgress ? { onProgress: hooks.onExportProgress } : {}) }),
        );
        const sent = results.filter((r) => r.status === 'accepted' || r.warning);
        const problems = results.filter((r) => r.error);
        const message = [
          sent.length
            ? `Sent ${sent.map((r) => `${r.fileName} (${r.recordCount} records)`).join(', ')}.`
            : 'No records waiting to be sent.',
          ...problems.map((r) => `${r.programme}: ${r.error}`),
          ...results.filter((r) => r.warning).map((r) => `${r.programme}: ${r.warning}`),
        ].join(' ');
        return { result: problems.length ? 'failed' : 'ok', message };
      } catch (error) {
        return failed(error);
      }
    },
    async tracking() {
      try {
        const context = runtime.exportContext();
        const tracked = await trackExportsAndReports(context);
        const { reports } = tracked;
        if (reports.length) hooks.onReports?.(reports);
        const message =
          `${tracked.exports.length} exports changed status; ${reports.length} reports applied.` +
          tracked.problems.map((p) => ` Export ${p.exportId}: ${p.error}`).join('');
        return { result: tracked.problems.length ? 'failed' : 'ok', message };
      } catch (error) {
        return failed(error);
      }
    },
    async inboxRefresh() {
      try {
        const snapshot = await refreshInbox(runtime, inbox, hooks);
        return { result: 'ok', message: `${snapshot.items.length} messages waiting.` };
      } catch (error) {
        return failed(error);
      }
    },
  };
}

export function createConsoleScheduler(
  runtime: ConsoleRuntime,
  inbox: InboxCache,
  hooks: JobHooks = {},
  log?: (line: string) => void,
): Scheduler {
  return new Scheduler({
    jobs: defaultJobs(runtime.settings.jobTimes, consoleJobBodies(runtime, inbox, hooks)),
    state: runtime.stores.jobs,
    enabled: runtime.settings.jobsEnabled,
    audit: runtime.stores.audit,
    ...(log ? { log } : {}),
  });
}
