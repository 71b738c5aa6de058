// What a failed write to the data folder means for an operator, in one sentence: a read-only
// disk, a full disk, a folder this user may not write. Never a raw EROFS or a stack trace.
import { dirname } from 'node:path';

const CODES: Record<string, (dir: string) => string> = {
  EROFS: (dir) => `the data folder ${dir} is on a read-only disk; give the console a folder it can write (MESH_DATA_DIR)`,
  ENOSPC: (dir) => `the disk holding the data folder ${dir} is full; free some space there`,
  EDQUOT: (dir) => `this user's disk quota for the data folder ${dir} is used up; free some space there`,
  EACCES: (dir) => `this user may not write in the data folder ${dir}; use a folder of your own (MESH_DATA_DIR) or ask its owner`,
  EPERM: (dir) => `this user may not write in the data folder ${dir}; use a folder of your own (MESH_DATA_DIR) or ask its owner`,
};

/** The sentence for a file-system error of the data folder (default: the folder of the file it names), or undefined when it is not one. */
export function storageProblem(error: unknown, dataDir?: string): string | undefined {
  const errno = error as NodeJS.ErrnoException | undefined;
  const sentence = errno?.code ? CODES[errno.code] : undefined;
  const dir = dataDir ?? (errno?.path ? dirname(errno.path) : 'in use');
  return sentence?.(dir);
}

/** storageProblem's sentence, or the error's own message. */
export function storageFailureText(error: unknown, dataDir?: string): string {
  return storageProblem(error, dataDir) ?? (error instanceof Error ? error.message : String(error));
}
