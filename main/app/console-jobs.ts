// What each scheduled job does (docs/dps-file.md, "When the jobs run"): the handshake, the DPS
// export, tracking exports (and the REPORTs about them), and the inbox refresh. The scheduler
// decides when.
import { runExports } from '../exports/run';
import { trackExportsAndReports } from '../exports/tracking';
import type { JobRunOutcome } from '../jobs/scheduler';
import { defaultJobs, type JobBodies } from '../jobs/default-jobs';
import { Scheduler } from '../jobs/scheduler';
import { validateMailbox } from '../operations/handshake';
import type { InboxCache } from '../operations/inbox';
import type { KeptFolders } from '../folders/keep-folders';
import { refreshInbox, type JobHooks } from './inbox-refresh';
import { describeFolderPass, refreshInboxAndFolders } from './console-folders';
import type { ConsoleRuntime } from './runtime';

export { refreshInbox, type JobHooks } from './inbox-refresh';

function failed(error: unknown): JobRunOutcome {
  return { result: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The mailbox folders being kept now, if any (they change with the settings). */
export type KeptFoldersNow = () => KeptFolders | undefined;

export function consoleJobBodies(
  runtime: ConsoleRuntime,
  inbox: InboxCache,
  hooks: JobHooks = {},
  keptFolders: KeptFoldersNow = () => undefined,
): JobBodies {
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
          `${tracked.changed.length} exports changed status; ${reports.length} reports applied.` +
          tracked.problems.map((p) => ` Export ${p.exportId}: ${p.error}`).join('');
        return { result: tracked.problems.length ? 'failed' : 'ok', message };
      } catch (error) {
        return failed(error);
      }
    },
    async inboxRefresh() {
      try {
        const kept = keptFolders();
        if (kept) {
          // One read of the inbox for the inbox screen and the mailbox folders (console-folders.ts).
          const both = await refreshInboxAndFolders(runtime, inbox, hooks, kept);
          const folders = describeFolderPass(both);
          return { result: folders.failed ? 'failed' : 'ok', message: `${both.snapshot.items.length} messages waiting. ${folders.text}` };
        }
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
  keptFolders?: KeptFoldersNow,
): Scheduler {
  return new Scheduler({
    jobs: defaultJobs(runtime.settings.jobTimes, consoleJobBodies(runtime, inbox, hooks, keptFolders)),
    state: runtime.stores.jobs,
    enabled: runtime.settings.jobsEnabled,
    audit: runtime.stores.audit,
    ...(log ? { log } : {}),
  });
}
