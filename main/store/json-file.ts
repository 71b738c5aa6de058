// Opens one lowdb JSON file in the data folder. Writes go through lowdb's DataFile, whose
// steno Writer writes a temporary file beside the target (`.<name>.tmp`) and renames it over
// the target, so a reader or a crash sees either the old file or the new one, never half of
// one (the big records file uses StreamingJsonFile, which does the same in batches). A file that cannot be read or parsed is moved aside under a dated name and reported;
// the store then starts fresh instead of overwriting it.
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { readByLines, StreamingJsonFile } from './streaming-json-file';
import { syncFolder } from '../settings/atomic-write';

/** What an operator reads when a store file was unreadable and has been set aside. */
export interface StoreNotice {
  file: string;
  keptAs: string;
  reason: string;
  /** One sentence: which file, where it was kept, what to do. */
  message: string;
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
}

/** A JsonFileOptions check: the file must be an object holding a list under `key` (`{ "records": [...] }`). */
export function holdsListOf(key: string): (data: unknown) => string | undefined {
  return (data) =>
    typeof data === 'object' && data !== null && Array.isArray((data as Record<string, unknown>)[key]) ? undefined : `it does not hold a list of ${key}`;
}

/** `2026-11-25T14:03:00.123Z` → `2026-11-25T14-03-00Z`: safe in file names on every platform. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
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
    : new DataFile<T>(file, {
        parse: (text) => JSON.parse(text) as T,
        stringify: (data) => (options.pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)),
      });
  const db = new Low<T>(adapter as Adapter<T>, options.defaults());

  let data: T | undefined;
  let problem: string | undefined;
  try {
    // The big file is read a line at a time (see streaming-json-file.ts); the others whole.
    const read = options.streaming ? () => readByLines(file) : async () => JSON.parse(await readFile(file, 'utf8')) as unknown;
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
    if (code !== 'ENOENT') problem = `it could not be read (${code ?? (error as Error).message})`;
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

  const write = async (): Promise<void> => {
    await db.write();
    if (options.durable) await fsyncPath(file);
  };
  return { db, notice, write };
}
