// A lowdb adapter for the one big file (records.json, 100,000 records is ~90 MB of JSON).
// lowdb's own DataFile builds the whole JSON text as one string and steno writes it, which
// for that file would hold two extra copies (the string and its buffer) at the peak. This
// adapter keeps steno's guarantees — write a temporary file beside the target, then rename
// it over the target, writes queued so the latest data wins — but writes top-level arrays a
// batch of elements at a time, and fsyncs before the rename.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Adapter } from 'lowdb';

const BATCH = 1_000;

/**
 * Top-level arrays copied (pointers only), so changes made while the write runs do not mix into
 * it; elements are replaced, never changed in place, by the stores.
 */
function snapshot(data: object): [string, unknown][] {
  return Object.entries(data).map(([key, value]) => [key, Array.isArray(value) ? value.slice() : value]);
}

async function writeStreamed(file: string, entries: [string, unknown][]): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  // A temporary file a crash left behind would keep its old mode: start from none.
  await rm(temp, { force: true });
  const out = createWriteStream(temp, { encoding: 'utf8', mode: 0o600 });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const put = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    await put('{');
    let first = true;
    for (const [key, value] of entries) {
      if (value === undefined) continue;
      await put(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      if (Array.isArray(value)) {
        // One element per line, so that reading never needs the whole file as one string.
        await put('[\n');
        for (let i = 0; i < value.length; i += BATCH) {
          const part = value.slice(i, i + BATCH).map((item) => JSON.stringify(item) ?? 'null');
          await put((i === 0 ? '' : ',\n') + part.join(',\n'));
        }
        await put('\n]');
      } else {
        await put(JSON.stringify(value));
      }
    }
    await put('}\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** What may stand outside the lists: a one-line file of an older layout, at most this long. */
const MAX_SKELETON_CHARS = 256 * 1024 * 1024;

const ARRAY_OPENS = /"((?:[^"\\]|\\.)*)":\[$/;

/**
 * Reads what writeStreamed wrote: the object's other values on the lines that open and close
 * each array, and one array element per line, each parsed on its own, so the file is never
 * held as one string. A file in any other layout (one line) is parsed whole. Anything
 * malformed throws a SyntaxError, as JSON.parse would.
 */
export async function readByLines(file: string): Promise<unknown> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let skeleton = '';
  const arrays = new Map<string, unknown[]>();
  let current: unknown[] | undefined;
  let first = true;
  for await (let line of lines) {
    // A damaged file is told at once, not after holding all of it: every layout starts with '{'.
    if (first) {
      first = false;
      if (!line.trimStart().startsWith('{')) {
        lines.close();
        throw new SyntaxError('the file does not hold an object');
      }
    }
    if (current) {
      if (line === '') continue;
      if (!line.startsWith(']')) {
        current.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
        continue;
      }
      // The line that closes one list may open the next: `],"other":[`.
      current = undefined;
      skeleton += '[]';
      line = line.slice(1);
    }
    const opens = ARRAY_OPENS.exec(line);
    if (opens) {
      current = [];
      arrays.set(JSON.parse(`"${opens[1]}"`) as string, current);
      skeleton += line.slice(0, -1);
      continue;
    }
    skeleton += line;
    if (skeleton.length > MAX_SKELETON_CHARS) {
      lines.close();
      throw new SyntaxError('the file is larger than any records file the console writes, outside its lists');
    }
  }
  if (current) throw new SyntaxError('the file ends inside a list: it was cut short');
  const data: unknown = JSON.parse(skeleton);
  if (arrays.size) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SyntaxError('the file does not hold an object');
    for (const [key, values] of arrays) (data as Record<string, unknown>)[key] = values;
  }
  return data;
}

export class StreamingJsonFile<T extends object> implements Adapter<T> {
  private running: Promise<void> | undefined;
  private queued: { data: T; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | undefined;

  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return (await readByLines(this.file)) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** One write at a time; writes asked for meanwhile collapse into one, of the latest data. */
  write(data: T): Promise<void> {
    if (!this.running) {
      this.running = writeStreamed(this.file, snapshot(data)).finally(() => this.next());
      return this.running;
    }
    return new Promise<void>((resolve, reject) => {
      this.queued ??= { data, waiters: [] };
      this.queued.data = data;
      this.queued.waiters.push({ resolve, reject });
    });
  }

  private next(): void {
    this.running = undefined;
    const queued = this.queued;
    this.queued = undefined;
    if (!queued) return;
    this.write(queued.data).then(
      () => queued.waiters.forEach((w) => w.resolve()),
      (error: unknown) => queued.waiters.forEach((w) => w.reject(error)),
    );
  }
}
