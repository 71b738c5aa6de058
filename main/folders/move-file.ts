// Moving files between the mailbox folders without ever replacing one already there: a name
// taken gets `-2`, `-3`, ... before its extension (the `.dat` and `.ctl` of a pair the same).
import { copyFile, constants, link, stat, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { syncFolder } from '../files/atomic-write';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** `report.csv` → `report-2.csv`; `name.dat` stays a `.dat`. */
export function numbered(name: string, n: number): string {
  if (n <= 1) return name;
  const ext = extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  return `${stem}-${n}${ext && ext !== name ? ext : ''}`;
}

/** A stem free in `dir` for every one of `extensions` (`['.dat', '.ctl']`, or `['']` for a file as it is). */
export async function freeStem(
  dir: string,
  stem: string,
  extensions: readonly string[],
  taken: ReadonlySet<string> = new Set(),
): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : extensions.length === 1 && extensions[0] === '' ? numbered(stem, n) : `${stem}-${n}`;
    const names = extensions.map((ext) => candidate + ext);
    if (names.some((name) => taken.has(name))) continue;
    let free = true;
    for (const name of names) if (await exists(join(dir, name))) free = false;
    if (free) return candidate;
  }
}

/** Moves `from` to `to`, which must not exist; across disks by copying. The folder entries are flushed. */
export async function moveNoReplace(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // Another disk, or a file system without hard links: copy (refusing to replace), then remove.
    await copyFile(from, to, constants.COPYFILE_EXCL);
  }
  await unlink(from);
  await syncFolder(join(to, '..'));
  await syncFolder(join(from, '..'));
}
