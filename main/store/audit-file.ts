// The audit log on disk: `audit.jsonl`, one JSON entry per line, only ever appended to. Every
// process using the data folder (the app, `mesh-console jobs`, any command) appends its entries
// in one write to a file opened with O_APPEND, so their lines never mix, without a lock. A line
// torn by a crash or a full disk is ended by the next writer (which then starts on a new line)
// and skipped by readers, who count it; it never breaks the log. Past a size bound the file is
// renamed to `audit-<time>.jsonl` (under the store lock) and a new one begun.
import { open, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../domain';

const NEWLINE = 0x0a;

export interface AuditLines {
  entries: AuditEntry[];
  /** Lines that were not an entry (torn by a crash or a full disk, or damaged otherwise). */
  damaged: number;
}

function isEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.at === 'string' && typeof entry.kind === 'string' && typeof entry.action === 'string' && typeof entry.outcome === 'string'
  );
}

/** Parses complete lines; empty lines are nothing, anything else that is not an entry counts as damaged. */
export function parseAuditLines(text: string, into: AuditLines): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) {
      try {
        const value: unknown = JSON.parse(text.slice(start, end));
        if (isEntry(value)) into.entries.push(value);
        else into.damaged++;
      } catch {
        into.damaged++;
      }
    }
    start = end + 1;
  }
}

/**
 * Appends the entries as lines in a single write; returns the file's size after it. Throws when
 * the write was cut short (a full disk): what did land is a torn line the next append ends.
 */
export async function appendAuditLines(file: string, entries: readonly AuditEntry[]): Promise<number> {
  const handle = await open(file, 'a+', 0o600);
  try {
    const before = (await handle.stat()).size;
    let text = entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
    if (before > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, before - 1);
      if (last[0] !== NEWLINE) text = '\n' + text;
    }
    const bytes = Buffer.from(text, 'utf8');
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
    if (bytesWritten !== bytes.length) {
      throw Object.assign(new Error(`only ${bytesWritten} of ${bytes.length} bytes reached the disk`), { code: 'ENOSPC' });
    }
    return before + bytes.length;
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Renames the live file to `audit-<stamp>.jsonl` when it has grown past maxBytes; call holding the store lock. */
export async function rotateAuditFile(file: string, maxBytes: number, at: Date): Promise<string | undefined> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size <= maxBytes) return undefined;
  // Millisecond stamps, moved on a millisecond if taken, so that the names sort as the files were written.
  const named = (time: number) => join(file, '..', `audit-${new Date(time).toISOString().replace(/:/g, '-')}.jsonl`);
  let time = at.getTime();
  while (await exists(named(time))) time++;
  const archive = named(time);
  await rename(file, archive);
  return archive;
}

/**
 * Reads what was appended since the last read. It keeps the file open, so when another process
 * renames it away (rotation) the rest of the old file is still read before the new one.
 */
export class AuditFileReader {
  private handle: FileHandle | undefined;
  private offset = 0;
  private opened = false;

  constructor(
    private readonly file: string,
    /** At most this much of a file is read on opening it (its newest part): a runaway file must not take the memory. */
    private readonly maxFirstReadBytes: number,
  ) {}

  async readNew(): Promise<AuditLines> {
    const into: AuditLines = { entries: [], damaged: 0 };
    if (!this.handle && !(await this.openFile())) return into;
    await this.readTail(this.handle!, into);
    const [mine, named] = await Promise.all([this.handle!.stat(), stat(this.file).catch(() => undefined)]);
    if (!named || named.ino !== mine.ino || named.dev !== mine.dev) {
      await this.close();
      if (await this.openFile()) await this.readTail(this.handle!, into);
    }
    return into;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  private async openFile(): Promise<boolean> {
    try {
      this.handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    this.offset = 0;
    this.opened = false;
    return true;
  }

  private async readTail(handle: FileHandle, into: AuditLines): Promise<void> {
    const { size } = await handle.stat();
    const firstRead = !this.opened;
    this.opened = true;
    let skipPartialLine = false;
    if (firstRead && size > this.maxFirstReadBytes) {
      this.offset = size - this.maxFirstReadBytes;
      skipPartialLine = true;
    }
    if (size <= this.offset) return;
    const buffer = Buffer.allocUnsafe(size - this.offset);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, this.offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const start = skipPartialLine ? buffer.indexOf(NEWLINE) + 1 : 0;
    // Only whole lines: an unended last line may be another process's write still arriving. On
    // first opening a file, though, it is taken as it is: most likely a line a crash tore.
    const end = firstRead ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
    if (end > start) parseAuditLines(buffer.toString('utf8', start, end), into);
    this.offset += Math.max(end, start);
  }
}
