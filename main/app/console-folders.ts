// The mailbox folders as the app and `mesh-console jobs` keep them: OUT by keepFolders (a watch
// and a minute's timer), the inbox by the inbox refresh job. The inbox is read once for both: the
// folder pass, once it holds its lock, asks refreshInbox for the list (which also applies the
// REPORTs about DPS exports and keeps the list for the inbox screen), receives from that list what
// matches its workflow filter, and what it acknowledged then leaves the cached list.
import type { FolderPassResult } from '../domain';
import { exportForReport } from '../exports/reports';
import { runFolderPass } from '../folders/folder-pass';
import { keepFolders, type KeptFolders } from '../folders/keep-folders';
import type { InboxCache, InboxSnapshot } from '../operations/inbox';
import { asAuditSource } from '../store/audit-source';
import { refreshInbox, type JobHooks } from './inbox-refresh';
import type { ConsoleRuntime } from './runtime';

function passDeps(runtime: ConsoleRuntime, purpose: string) {
  const folders = runtime.settings.folders;
  if (!folders) return undefined;
  return {
    client: () => runtime.client(),
    dataDir: runtime.dataDir,
    stores: { audit: runtime.stores.audit, sent: runtime.stores.sent },
    folders,
    purpose,
  };
}

/** Starts keeping the folders when they are set; undefined when they are not. */
export function keepConsoleFolders(
  runtime: ConsoleRuntime,
  purpose: string,
  options: { log: (line: string) => void; onPass?: (pass: FolderPassResult) => void },
): KeptFolders | undefined {
  const deps = passDeps(runtime, purpose);
  // Unattended, like a scheduled job: the passes it starts (watch, timer) are audited as coming from one.
  return deps ? asAuditSource('job', () => keepFolders(deps, options)) : undefined;
}

/** The folders for one pass asked for while they are not kept in the background (scheduled jobs off). */
export function foldersForOnePass(
  runtime: ConsoleRuntime,
  purpose: string,
  onPass?: (pass: FolderPassResult) => void,
): KeptFolders | undefined {
  const deps = passDeps(runtime, purpose);
  if (!deps) return undefined;
  return {
    async runNow(direction = 'both', readInbox) {
      const pass = await runFolderPass({ ...deps, direction, ...(readInbox ? { readInbox } : {}) });
      onPass?.(pass);
      return pass;
    },
    async stop() {},
  };
}

export interface InboxAndFolders {
  snapshot: InboxSnapshot;
  /** Absent when the pass could not start; `passProblem` says why. */
  pass?: FolderPassResult;
  passProblem?: string;
}

/** One read of the inbox for the inbox screen and the folders (and OUT first, for Run now). */
export async function refreshInboxAndFolders(
  runtime: ConsoleRuntime,
  inbox: InboxCache,
  hooks: JobHooks,
  kept: KeptFolders,
  direction: 'in' | 'both' = 'in',
): Promise<InboxAndFolders> {
  let read: InboxSnapshot | undefined;
  const quiet: JobHooks = { ...hooks, onInbox: undefined };
  let pass: FolderPassResult | undefined;
  let passProblem: string | undefined;
  try {
    pass = await kept.runNow(direction, async () => {
      read = await refreshInbox(runtime, inbox, quiet);
      const context = runtime.exportContext();
      // A REPORT about a DPS export is the export tracking's: refreshInbox has applied it, or (the
      // export lock being busy) it waits in the inbox for the next refresh, not for IN.
      return read.metadata.filter((metadata) => !(metadata.messageType === 'REPORT' && exportForReport(context, metadata)));
    });
  } catch (error) {
    passProblem = error instanceof Error ? error.message : String(error);
  }
  // The pass stopped before it read the inbox (a folder it cannot make, another pass holding the lock).
  if (!read) read = await refreshInbox(runtime, inbox, quiet);
  const received = (pass?.items ?? []).filter((item) => item.direction === 'in' && item.outcome === 'received').map((item) => item.name);
  inbox.forget(received);
  const snapshot = inbox.snapshot ?? read;
  hooks.onInbox?.(snapshot);
  return { snapshot, ...(pass ? { pass } : {}), ...(passProblem ? { passProblem } : {}) };
}

/** The inbox refresh job's sentence about the folders: what came in, and what went wrong. */
export function describeFolderPass(result: InboxAndFolders): { failed: boolean; text: string } {
  if (!result.pass) return { failed: true, text: `The mailbox folders were not kept: ${result.passProblem ?? 'the pass did not run'}` };
  const items = result.pass.items;
  const count = (direction: 'in' | 'out', outcome: string) =>
    items.filter((item) => item.direction === direction && item.outcome === outcome).length;
  const failed = count('in', 'failed') + count('out', 'failed');
  const parts = [`${count('in', 'received')} received into IN`];
  if (count('out', 'sent')) parts.push(`${count('out', 'sent')} sent from OUT`);
  if (failed) parts.push(`${failed} failed`);
  return {
    failed: failed > 0 || Boolean(result.pass.error),
    text: `Folders: ${parts.join(', ')}.${result.pass.error ? ` The pass stopped: ${result.pass.error}` : ''}`,
  };
}
