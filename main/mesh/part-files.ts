// The part file a download into a file is written to: `.<name>.<hostTag>-<pid>-<random>.part`
// beside the destination. The name says who wrote it, so that a part file left by a process that
// was killed (SIGKILL, a power cut) can be told from one still being written and removed by the
// next download to the same destination.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { processIsGone } from '../files/process-gone';

/**
 * A short, stable tag of this machine's name. In a folder shared between machines, only this machine's part files
 * are judged: another's pids mean nothing here.
 */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

export interface PartFileWriter {
  hostTag: string;
  pid: number;
}

const HEX8 = /^[0-9a-f]{8}$/;
const PID = /^[1-9][0-9]{0,9}$/;

/** The part file's path for a download to `path`, by this process on this machine. */
export function partFilePath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}.part`);
}

/** Who wrote `entry`, when it is a part file of a download to a file called `name`; otherwise undefined. */
export function partFileWriter(entry: string, name: string): PartFileWriter | undefined {
  const prefix = `.${name}.`;
  const suffix = '.part';
  if (entry.length <= prefix.length + suffix.length || !entry.startsWith(prefix) || !entry.endsWith(suffix)) return undefined;
  // The middle has no dots, so a part file of another name that begins with this one never matches.
  const fields = entry.slice(prefix.length, -suffix.length).split('-');
  if (fields.length !== 3) return undefined;
  const [hostTag, pid, random] = fields as [string, string, string];
  if (!HEX8.test(hostTag) || !PID.test(pid) || !HEX8.test(random)) return undefined;
  return { hostTag, pid: Number(pid) };
}

/** Whether the process that wrote a part file is certainly gone: written here, by another process that no longer runs. */
export function writerIsGone({ hostTag, pid }: PartFileWriter): boolean {
  return hostTag === HOST_TAG && pid !== process.pid && processIsGone(pid);
}

/**
 * Removes the part files of earlier downloads to `path` whose writer is gone. Never fails: a leftover that stays is
 * no reason to stop a download.
 */
export async function removeLeftoverPartFiles(path: string): Promise<void> {
  const name = basename(path);
  let entries: string[];
  try {
    entries = await readdir(dirname(path));
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const writer = partFileWriter(entry, name);
      if (writer && writerIsGone(writer)) await unlink(join(dirname(path), entry)).catch(() => {});
    }),
  );
}
