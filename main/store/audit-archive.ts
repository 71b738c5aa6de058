// The audit log with its older files: `audit.jsonl` and every `audit-<time>.jsonl` it was rotated
// into, read from disk for an investigation that reaches further back than the log keeps in
// memory. Each file is streamed and filtered while it is read; only the newest `keep` matches are
// held (a ring per file), so memory stays bounded however many files there are.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditFilter } from '../domain';
import { parseAuditLines, type AuditLines } from './audit-file';
import { auditMatcher } from './audit-query';

const LIVE_FILE = 'audit.jsonl';
const ROTATED_FILE = /^audit-.+\.jsonl$/;

/** The rotated files of a data folder, oldest first (their names sort as they were written). */
export async function rotatedAuditFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((name) => ROTATED_FILE.test(name)).sort();
}

export interface EveryAuditFileResult {
  /** The newest matches, newest first, at most `keep`. */
  entries: AuditEntry[];
  /** How many entries match in all the files. */
  total: number;
  /** How many entries the files hold in all. */
  held: number;
  /** How many rotated files were read besides `audit.jsonl`. */
  olderFiles: number;
  /** Lines that were not entries, skipped. */
  damaged: number;
}

/** The newest `capacity` of what is pushed, oldest first; nothing is copied until the end. */
class NewestKept {
  private readonly ring: AuditEntry[] = [];
  private pushed = 0;
  constructor(private readonly capacity: number) {}

  push(entry: AuditEntry): void {
    if (this.capacity === 0) return;
    this.ring[this.pushed % this.capacity] = entry;
    this.pushed++;
  }

  newestFirst(): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = this.pushed - 1; i >= Math.max(0, this.pushed - this.capacity); i--) out.push(this.ring[i % this.capacity]!);
    return out;
  }
}

/** Streams one file's lines; an unended last line of the live file is another process's write still arriving, and left. */
async function streamFile(path: string, live: boolean, onLines: (lines: AuditLines) => void): Promise<number> {
  let rest = '';
  let damaged = 0;
  const take = (text: string) => {
    const lines: AuditLines = { entries: [], damaged: 0 };
    parseAuditLines(text, lines);
    damaged += lines.damaged;
    onLines(lines);
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
      const text = rest + (chunk as string);
      const end = text.lastIndexOf('\n') + 1;
      take(text.slice(0, end));
      rest = text.slice(end);
    }
  } catch (error) {
    // The live file may not have been begun yet, or be rotated away as it is reached.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return damaged;
    throw new Error(
      `The audit file ${path} could not be read (${code ?? (error as Error).message}): check this user may read it, then try again.`,
      {
        cause: error,
      },
    );
  }
  if (rest && !live) take(rest);
  return damaged;
}

async function searchFiles(dataDir: string, rotated: readonly string[], filter: AuditFilter, keep: number): Promise<EveryAuditFileResult> {
  const matches = auditMatcher(filter);
  const result: EveryAuditFileResult = { entries: [], total: 0, held: 0, olderFiles: rotated.length, damaged: 0 };
  for (const name of [...rotated, LIVE_FILE].reverse()) {
    const kept = new NewestKept(Math.max(0, keep - result.entries.length));
    result.damaged += await streamFile(join(dataDir, name), name === LIVE_FILE, (lines) => {
      result.held += lines.entries.length;
      for (const entry of lines.entries) {
        if (!matches(entry)) continue;
        result.total++;
        kept.push(entry);
      }
    });
    for (const entry of kept.newestFirst()) result.entries.push(entry);
  }
  return result;
}

/** Every file of the log, newest first: matches of `filter`, the newest `keep` of them kept, the rest counted. */
export async function searchEveryAuditFile(dataDir: string, filter: AuditFilter, keep: number): Promise<EveryAuditFileResult> {
  let rotated = await rotatedAuditFiles(dataDir);
  for (let attempt = 1; ; attempt++) {
    const result = await searchFiles(dataDir, rotated, filter, keep);
    // A file rotated while it was read moved out of the way unread: read them all again (twice at most).
    const now = await rotatedAuditFiles(dataDir);
    if (attempt === 3 || now.join('\n') === rotated.join('\n')) return result;
    rotated = now;
  }
}
