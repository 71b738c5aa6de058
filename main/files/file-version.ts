// Whether a file was replaced since it was last looked at, without reading it. Every file the
// console rewrites is a new file renamed into place, so its inode, size or modification time moves.
import { stat } from 'node:fs/promises';

/** The file's version, or undefined when there is none (or it cannot be looked at). */
export async function fileVersion(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}
