// Writes a small file so that a reader or a crash sees the old contents or the new, never a
// mix: a temporary file beside it, flushed, then renamed over it. Private (0600) by default.
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { processIsGone } from './process-gone';

function thisMachine(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';
}

/** The temporary file's name says which process wrote it, so a leftover of a killed one can be told apart. */
export function tempFileFor(file: string, pid = process.pid): string {
  return join(dirname(file), `.${basename(file)}.${thisMachine()}.${pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(file: string, contents: string | Buffer, mode = 0o600): Promise<void> {
  const temp = tempFileFor(file);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A full disk fails the write; nothing half-written is left beside the file.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(file));
}

/** Flushes a folder's entries (a rename into it) where the platform allows it. */
export async function syncFolder(dir: string): Promise<void> {
  try {
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Folders cannot be opened for fsync on Windows; the file's own flush is what matters there.
  }
}

const TEMP_OF_A_PROCESS = /^\..+\.([^.]+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
const TEMP_OF_AN_OLDER_VERSION = /^\..+\.[0-9a-f]{8}\.tmp$/;
const OLDER_VERSION_TEMP_AGE_MS = 60 * 60 * 1000;

/**
 * Removes the temporary files that writeFileAtomic left in `dir` when its process was killed
 * between creating and renaming one (SIGKILL, power cut). Only files of processes of this
 * machine that are gone: another process's write in progress is never touched. Names without a
 * process (an older version's) go once they are an hour old.
 */
export async function removeLeftoverTempFiles(dir: string, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const ofProcess = TEMP_OF_A_PROCESS.exec(name);
    let leftover: boolean;
    if (ofProcess) leftover = ofProcess[1] === thisMachine() && processIsGone(Number(ofProcess[2]));
    else if (TEMP_OF_AN_OLDER_VERSION.test(name)) {
      const info = await stat(join(dir, name)).catch(() => undefined);
      leftover = info !== undefined && now - info.mtimeMs > OLDER_VERSION_TEMP_AGE_MS;
    } else leftover = false;
    if (leftover) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}
