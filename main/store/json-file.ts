// Opens one lowdb JSON file in the data folder. Writes go to a temporary file beside the
// target, flushed, then renamed over it, so a reader or a crash sees either the old file or the
// new one, never half of one (the big records file uses StreamingJsonFile, which does the same
// in batches); a write that fails (a full or read-only disk) leaves no temporary file behind.
// Files are the owner's only (0600): they hold patient data. A file that cannot be read or
// parsed is moved aside under a dated name and reported; the store then starts fresh instead
// of overwriting it.
//
// Several processes may share a data folder (the app, `mesh-console jobs`, a command): each
// store re-reads its file under the folder's store lock when another process changed it since
// this one last read or wrote it (reloadIfChanged), so no process writes back stale data.
import { chmod, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { readByLines, StreamingJsonFile } from './streaming-json-file';
import { syncFolder, writeFileAtomic } from '../files/atomic-write';
import { fileVersion } from '../files/file-version';

/** What an operator reads when a store file was unreadable and has been set aside. */
export interface StoreNotice {
  file: string;
  keptAs: string;
  reason: string;
  /** One sentence: which file, where it was kept, what to do. */
  message: string;
  /** Set when the file was kept and only this many damaged lines of it skipped (the audit log). */
  skippedLines?: number;
}

/** Larger than any of the small store files the console writes (the big records file is streamed). */
const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

class TooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`it is ${Math.round(bytes / (1024 * 1024))} MB, larger than any such file the console writes`);
  }
}

export interface JsonFileOptions<T> {
  /** A plain word for the file in sentences, e.g. "records". */
  label: string;
  /** Fresh contents for a new (or set aside) file. */
  defaults: () => T;
  /** Checks the parsed contents; returns a reason when they are not what the store expects. */
  check?: (data: unknown) => string | undefined;
  /** fsync the file and its folder after each write, so a power cut cannot lose a write that returned. */
  durable?: boolean;
  /**
   * Write top-level arrays in batches instead of as one string (the records file), through
   * StreamingJsonFile: same temporary-file-and-rename, plus fsync, without the peak copies.
   */
  streaming?: boolean;
  /** Indent the JSON (small files people may read); compact otherwise. */
  pretty?: boolean;
  now?: () => Date;
}

export interface OpenedJsonFile<T> {
  db: Low<T>;
  /** Set when the file on disk was unreadable and was moved aside. */
  notice?: StoreNotice;
  /** Writes db.data atomically (and durably when asked). */
  write(): Promise<void>;
  /**
   * Reads the file again when another process changed it since this one last read or wrote
   * it; true when db.data was replaced. A file gone or unreadable meanwhile keeps what is in
   * memory (the next write puts it back).
   */
  reloadIfChanged(): Promise<boolean>;
}

/** Writes small JSON files: temporary file, flush, rename, owner-only. */
class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly stringify: (data: T) => string,
  ) {}

  async read(): Promise<T | null> {
    throw new Error(`read ${this.file} through openJsonFile`);
  }

  write(data: T): Promise<void> {
    return writeFileAtomic(this.file, this.stringify(data));
  }
}

/** A JsonFileOptions check: the file must be an object holding a list under `key` (`{ "records": [...] }`). */
export function holdsListOf(key: string): (data: unknown) => string | undefined {
  return (data) =>
    typeof data === 'object' && data !== null && Array.isArray((data as Record<string, unknown>)[key])
      ? undefined
      : `it does not hold a list of ${key}`;
}

/** `2026-11-25T14:03:00.123Z` → `2026-11-25T14-03-00Z`: safe in file names on every platform. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function freeAsideName(file: string, at: Date): Promise<string> {
  const base = `${file}.unreadable-${fileStamp(at)}`;
  if (!(await exists(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await exists(candidate))) return candidate;
  }
}

/** Flushes a file's data and, where the platform allows it, its folder entry (the rename). */
export async function fsyncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(dirname(file));
}

export async function openJsonFile<T>(file: string, options: JsonFileOptions<T>): Promise<OpenedJsonFile<T>> {
  await mkdir(dirname(file), { recursive: true });
  const adapter = options.streaming
    ? new StreamingJsonFile<T & object>(file)
    : new AtomicJsonFile<T>(file, (data) => (options.pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)));
  const db = new Low<T>(adapter as Adapter<T>, options.defaults());
  // The big file is read a line at a time (see streaming-json-file.ts); the others whole, and only
  // when their size is one the console could have written (a damaged file must not take gigabytes).
  const read = options.streaming
    ? () => readByLines(file)
    : async () => {
        const size = (await stat(file)).size;
        if (size > MAX_WHOLE_FILE_BYTES) throw new TooLargeError(size);
        return JSON.parse(await readFile(file, 'utf8')) as unknown;
      };

  let data: T | undefined;
  let problem: string | undefined;
  let signature = await fileVersion(file);
  try {
    try {
      const parsed: unknown = await read();
      problem = options.check?.(parsed);
      if (!problem) data = parsed as T;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // JSON.parse's message may quote the file's text (patient data): give only the position.
      const position = options.streaming ? undefined : /position (\d+)/.exec((error as Error).message)?.[1];
      problem = position ? `it is not valid JSON (at character ${position})` : 'it is not valid JSON';
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof TooLargeError) problem = error.message;
    else if (code !== 'ENOENT') problem = `it could not be read (${code ?? (error as Error).message})`;
  }

  let notice: StoreNotice | undefined;
  if (problem) {
    const keptAs = await freeAsideName(file, (options.now ?? (() => new Date()))());
    try {
      await rename(file, keptAs);
    } catch (error) {
      throw new Error(
        `The ${options.label} file ${file} is unreadable (${problem}) and could not be moved aside ` +
          `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); move it away yourself and start the console again.`,
        { cause: error },
      );
    }
    notice = {
      file,
      keptAs,
      reason: problem,
      message:
        `The ${options.label} file ${file} was unreadable because ${problem}, so it was kept as ${basename(keptAs)} ` +
        `in the same folder and the console started a new, empty one; restore from that copy or a backup if you need what it held.`,
    };
  }
  db.data = data ?? options.defaults();
  if (data !== undefined && process.platform !== 'win32') await chmod(file, 0o600).catch(() => undefined);
  if (notice) signature = undefined;

  const write = async (): Promise<void> => {
    await db.write();
    if (options.durable) await fsyncPath(file);
    signature = await fileVersion(file);
  };
  const reloadIfChanged = async (): Promise<boolean> => {
    const now = await fileVersion(file);
    if (now === undefined || now === signature) return false;
    try {
      const parsed: unknown = await read();
      if (options.check?.(parsed)) return false;
      db.data = parsed as T;
      signature = now;
      return true;
    } catch {
      return false;
    }
  };
  return { db, notice, write, reloadIfChanged };
}
