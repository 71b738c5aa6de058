// The mailbox folders kept in the background (the app and `mesh-console jobs`): OUT is sent
// promptly (a pass when the folder changes, and every minute in case the change was missed, as on
// a network share); the inbox is read at start and then no more often than every 5 minutes, as
// MESH asks (docs/mesh-protocol.md, "Limits and how often"): either by a timer here, or by the
// inbox refresh job, which hands the pass the inbox it has just read (main/app/console-jobs.ts).
// Passes run one at a time, in this process by a queue, across processes by the pass's lock.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import type { FolderPassItem, FolderPassResult } from '../domain';
import { runFolderPass, type FolderPassDeps } from './folder-pass';

type Direction = NonNullable<FolderPassDeps['direction']>;

/** MESH asks that an inbox is not polled more often than this. */
export const MIN_FOLDER_INBOX_MINUTES = 5;
const OUT_CHECK_MS = 60_000;
/** A change in OUT is passed on after this quiet time, so a burst of writes is one pass. */
const OUT_QUIET_MS = 500;

export interface KeptFolders {
  /**
   * One pass after any running or queued one; `readInbox` gives the pass an inbox list already
   * read instead of listing it itself. Rejects when the pass cannot start (another process's pass
   * holds the lock past the wait, or the folders are no longer kept).
   */
  runNow(direction?: Direction, readInbox?: FolderPassDeps['readInbox']): Promise<FolderPassResult>;
  /** Stops the timers and the watch, and waits for a running pass. */
  stop(): Promise<void>;
}

export interface KeepFoldersOptions {
  /** The inbox is read by a timer here this often (at least 5); absent: only when runNow asks (the inbox refresh job). */
  inboxEveryMinutes?: number;
  /** One line per file sent, refused or received, and per pass that stopped. */
  log: (line: string) => void;
  /** Every pass's result, however it was started. */
  onPass?: (pass: FolderPassResult) => void;
}

function describe(item: FolderPassItem): string | undefined {
  if (item.outcome === 'waiting' && !item.blocked) return undefined;
  const what = item.direction === 'out' ? item.name : `message ${item.name}`;
  const id = item.direction === 'out' && item.messageId ? ` as ${item.messageId}` : '';
  return `Folders: ${item.outcome} ${what}${id}${item.reason ? `: ${item.reason}` : ''}`;
}

export function keepFolders(deps: Omit<FolderPassDeps, 'direction' | 'readInbox'>, options: KeepFoldersOptions): KeptFolders {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const report = (pass: FolderPassResult) => {
    for (const item of pass.items) {
      const line = describe(item);
      if (line) options.log(line);
    }
    if (pass.error) options.log(`Folders: the pass stopped: ${pass.error}`);
    options.onPass?.(pass);
  };
  const enqueue = (direction: Direction, readInbox?: FolderPassDeps['readInbox']): Promise<FolderPassResult> => {
    const pass = chain.then(async () => {
      if (stopped) throw new Error('The mailbox folders are no longer kept: the console is stopping or its settings changed.');
      const result = await runFolderPass({ ...deps, direction, ...(readInbox ? { readInbox } : {}) });
      report(result);
      // A file still being written goes as soon as it is complete, not a minute later.
      if (result.items.some((item) => item.direction === 'out' && item.outcome === 'waiting' && !item.blocked)) scheduleOut();
      return result;
    });
    chain = pass.catch(() => undefined);
    return pass;
  };
  const inBackground = (direction: Direction) =>
    void enqueue(direction).catch((error: unknown) => {
      if (!stopped) options.log(`Folders: the pass stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  let quiet: NodeJS.Timeout | undefined;
  const scheduleOut = () => {
    if (stopped) return;
    clearTimeout(quiet);
    quiet = setTimeout(() => inBackground('out'), OUT_QUIET_MS);
  };

  const ownInbox = options.inboxEveryMinutes !== undefined;
  inBackground(ownInbox ? 'both' : 'out');
  let watcher: FSWatcher | undefined;
  try {
    mkdirSync(deps.folders.out, { recursive: true });
    watcher = watch(deps.folders.out, () => scheduleOut());
    watcher.on('error', () => undefined);
  } catch {
    // The minute's check below still finds the files.
  }
  const outTimer = setInterval(() => scheduleOut(), OUT_CHECK_MS);
  const inTimer = ownInbox
    ? setInterval(() => inBackground('in'), Math.max(MIN_FOLDER_INBOX_MINUTES, options.inboxEveryMinutes!) * 60_000)
    : undefined;
  return {
    runNow: (direction = 'both', readInbox) => enqueue(direction, readInbox),
    async stop() {
      stopped = true;
      clearTimeout(quiet);
      clearInterval(outTimer);
      clearInterval(inTimer);
      watcher?.close();
      await chain;
    },
  };
}
