// `mesh-console folders set` writes settings.json while the app runs: the app keeps the folders
// anew as soon as the file's folders differ from its own. A watch on the data folder, not a check
// at each folder pass: with no folders set yet there is no pass to notice the first ones.
import { watch, type FSWatcher } from 'node:fs';
import { loadSettings } from '../../settings/load-settings';
import type { ConsoleRuntime } from '../runtime';

/** The file is written under another name and renamed: several events for one change are one look. */
const QUIET_MS = 200;

export interface FoldersSettingsWatch {
  stop(): Promise<void>;
}

/** Calls `onChanged` (one at a time) when settings.json's folders are no longer those the runtime has. */
export function watchFoldersSettings(runtime: ConsoleRuntime, onChanged: () => Promise<void>): FoldersSettingsWatch {
  let chain: Promise<void> = Promise.resolve();
  let quiet: NodeJS.Timeout | undefined;
  let stopped = false;
  const look = async () => {
    if (stopped) return;
    let folders: unknown;
    try {
      folders = (await loadSettings({ env: runtime.env, dataDir: runtime.dataDir })).folders;
    } catch {
      // A file being edited by hand may be wrong for a moment; the app keeps what it has until it is right.
      return;
    }
    if (!stopped && JSON.stringify(folders) !== JSON.stringify(runtime.settings.folders)) await onChanged();
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
    // Without a watch, the folders change at the next start, as before.
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
