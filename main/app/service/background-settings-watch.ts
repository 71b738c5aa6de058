// settings.json written by another process while the app runs (`mesh-console folders set`, the
// Settings of another window, an editor): the app takes in at once what its background work runs
// on (the mailbox folders, whether the jobs are on and their times, the inbound folder) as soon as
// the file's differ from its own. A watch on the data folder, not a check at each folder pass or
// job run: with no folders set or the jobs off there is no pass or run to notice the change.
import { watch, type FSWatcher } from 'node:fs';
import { loadSettings, type Settings } from '../../settings/load-settings';
import type { ConsoleRuntime } from '../runtime';

/** The file is written under another name and renamed: several events for one change are one look. */
const QUIET_MS = 200;

export interface BackgroundSettingsWatch {
  stop(): Promise<void>;
}

/** What the background work runs on, comparable as text. */
function backgroundPart(settings: Settings): string {
  const { folders, jobsEnabled, jobTimes, inboundFolder } = settings;
  return JSON.stringify({ folders, jobsEnabled, jobTimes, inboundFolder });
}

/** Calls `onChanged` (one at a time) with the file's settings when their background part is no longer the runtime's. */
export function watchBackgroundSettings(
  runtime: ConsoleRuntime,
  onChanged: (settings: Settings) => Promise<void>,
  onUnreadable: (reason: string | undefined) => void = () => undefined,
): BackgroundSettingsWatch {
  /** Why the file could not be read at the last look, told once until it can. */
  let unreadable: string | undefined;
  let chain: Promise<void> = Promise.resolve();
  let quiet: NodeJS.Timeout | undefined;
  let stopped = false;
  const look = async () => {
    if (stopped) return;
    let settings: Settings;
    try {
      settings = await loadSettings({ env: runtime.env, dataDir: runtime.dataDir });
    } catch (error) {
      // A file being edited by hand may be wrong for a moment; the app keeps what it has until it is right, and says so.
      const reason = error instanceof Error ? error.message : String(error);
      if (!stopped && reason !== unreadable) onUnreadable(reason);
      unreadable = reason;
      return;
    }
    if (unreadable !== undefined) {
      unreadable = undefined;
      if (!stopped) onUnreadable(undefined);
    }
    if (!stopped && backgroundPart(settings) !== backgroundPart(runtime.settings)) await onChanged(settings);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(runtime.dataDir, (_event, name) => {
      if (name !== null && name !== 'settings.json') return;
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        chain = chain.then(look).catch(() => undefined);
      }, QUIET_MS);
    });
    watcher.on('error', () => undefined);
  } catch {
    // Without a watch, these settings change at the next start, as before.
  }
  return {
    async stop() {
      stopped = true;
      clearTimeout(quiet);
      watcher?.close();
      await chain;
    },
  };
}
