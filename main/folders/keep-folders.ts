// The mailbox folders kept in the background (`mesh-console jobs`): OUT is sent promptly (a
// pass when the folder changes, and every minute in case the change was missed, as on a network
// share); the inbox is read at start and then no more often than every 5 minutes, as MESH asks
// (docs/mesh-protocol.md, "Limits and how often"). Passes run one at a time.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import type { FolderPassItem, FolderPassResult } from '../domain';
import { runFolderPass, type FolderPassDeps } from './folder-pass';

/** MESH asks that an inbox is not polled more often than this. */
export const MIN_FOLDER_INBOX_MINUTES = 5;
const OUT_CHECK_MS = 60_000;
/** A change in OUT is passed on after this quiet time, so a burst of writes is one pass. */
const OUT_QUIET_MS = 500;

export interface KeptFolders {
  /** Stops the timers and the watch, and waits for a running pass. */
  stop(): Promise<void>;
}

export interface KeepFoldersOptions {
  inboxEveryMinutes: number;
  /** One line per file sent, refused or received, and per pass that stopped. */
  log: (line: string) => void;
}

function describe(item: FolderPassItem): string | undefined {
  if (item.outcome === 'waiting' && !item.blocked) return undefined;
  const what = item.direction === 'out' ? item.name : `message ${item.name}`;
  const id = item.direction === 'out' && item.messageId ? ` as ${item.messageId}` : '';
  return `Folders: ${item.outcome} ${what}${id}${item.reason ? `: ${item.reason}` : ''}`;
}

export function keepFolders(deps: Omit<FolderPassDeps, 'direction'>, options: KeepFoldersOptions): KeptFolders {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const report = (pass: FolderPassResult) => {
    for (const item of pass.items) {
      const line = describe(item);
      if (line) options.log(line);
    }
    if (pass.error) options.log(`Folders: the pass stopped: ${pass.error}`);
  };
  const enqueue = (direction: 'out' | 'in' | 'both') => {
    chain = chain
      .then(async () => {
        if (stopped) return;
        const pass = await runFolderPass({ ...deps, direction });
        report(pass);
        // A file still being written goes as soon as it is complete, not a minute later.
        if (pass.items.some((item) => item.direction === 'out' && item.outcome === 'waiting' && !item.blocked)) scheduleOut();
      })
      .catch((error: unknown) => options.log(`Folders: the pass stopped: ${error instanceof Error ? error.message : String(error)}`));
  };
  let quiet: NodeJS.Timeout | undefined;
  const scheduleOut = () => {
    if (stopped) return;
    clearTimeout(quiet);
    quiet = setTimeout(() => enqueue('out'), OUT_QUIET_MS);
  };

  enqueue('both');
  let watcher: FSWatcher | undefined;
  try {
    mkdirSync(deps.folders.out, { recursive: true });
    watcher = watch(deps.folders.out, () => scheduleOut());
    watcher.on('error', () => undefined);
  } catch {
    // The minute's check below still finds the files.
  }
  const outTimer = setInterval(() => scheduleOut(), OUT_CHECK_MS);
  const inTimer = setInterval(() => enqueue('in'), Math.max(MIN_FOLDER_INBOX_MINUTES, options.inboxEveryMinutes) * 60_000);
  return {
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
