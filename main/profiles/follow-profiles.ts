// `mesh-console jobs` and the app follow the profiles while they run: every few seconds this
// looks whether profiles.json or a listed profile's settings.json was replaced (both are written by renaming a
// new file into place), and if so has the running profiles reconciled with them: a profile
// removed by `mesh-console profile remove` or the app, or whose jobs were switched off, has its
// jobs stopped, one whose job times changed has them restarted, one added or whose jobs were
// switched on has them started; the app also replaces its profile on screen when that was removed.
import { fileVersion } from '../files/file-version';
import { openProfiles } from './profiles';
import { profilesFilePath } from './profiles-file';
import { settingsFilePath } from '../settings/settings-file';

const CHECK_MS = 2000;

/** What the profiles look like on disk, without reading the files it names. */
async function profilesVersion(dataDir: string): Promise<string> {
  const versions = [await fileVersion(profilesFilePath(dataDir))];
  try {
    for (const profile of (await openProfiles(dataDir)).profiles)
      versions.push(`${profile.dir}=${await fileVersion(settingsFilePath(profile.dir))}`);
  } catch {
    // A damaged profiles.json: its own version says when it is written again.
  }
  return versions.join('|');
}

/** Calls `changed` (one call at a time) after the profiles changed on disk; stop() waits for a call under way. */
export async function followProfiles(dataDir: string, changed: () => Promise<void>): Promise<{ stop(): Promise<void> }> {
  let seen = await profilesVersion(dataDir);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> = Promise.resolve();
  const check = async () => {
    const version = await profilesVersion(dataDir);
    if (version === seen || stopped) return;
    seen = version;
    await changed().catch(() => undefined);
  };
  const schedule = () => {
    timer = setTimeout(() => {
      checking = check().finally(() => {
        if (!stopped) schedule();
      });
    }, CHECK_MS);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await checking.catch(() => undefined);
    },
  };
}
