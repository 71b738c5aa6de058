// The audit log: every MESH call and every export state change, in `audit.json`.
// Appends are cheap (memory only); writes are coalesced and happen a moment later, or on
// flush()/close(). Growth is bounded: past `maxEntries`, the oldest entries are moved to a
// dated JSON Lines file beside it (`audit-<stamp>.jsonl`), written before the main file so a
// crash between the two can duplicate an entry in the archive but never lose one.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditQuery } from '../domain';
import { NO_GUARD, outsideLocks, type StoreGuard } from './folder-lock';
import { fileStamp, holdsListOf, openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';

export type AuditInput = Omit<AuditEntry, 'at'> & { at?: string };

/** Where the other stores and the MESH calls report to. */
export interface AuditSink {
  append(entry: AuditInput): void;
}

export interface AuditSearch extends AuditQuery {
  kind?: AuditEntry['kind'];
  exportId?: string;
  messageId?: string;
}

interface AuditFile {
  version: 1;
  entries: AuditEntry[];
}

export interface AuditLogOptions {
  /** Entries kept in audit.json; older ones roll to a dated file. Default 10,000. */
  maxEntries?: number;
  /** How long appends wait to be written together. Default 250 ms. */
  flushDelayMs?: number;
  now?: () => Date;
  /** Told when a coalesced write fails (the entries stay in memory and are tried again). */
  onError?: (error: Error) => void;
  /** The data folder's store lock: other processes append to the same file. */
  guard?: StoreGuard;
}

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 10_000;

function matches(entry: AuditEntry, needle: string): boolean {
  return [entry.kind, entry.action, entry.outcome, entry.detail, entry.messageId, entry.exportId, entry.status?.toString()].some(
    (value) => value !== undefined && value.toLowerCase().includes(needle),
  );
}

export class AuditLog implements AuditSink {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Appended here and not yet written: the file may hold other processes' entries meanwhile. */
  private pending: AuditEntry[] = [];
  private closed = false;
  private readonly maxEntries: number;
  private readonly flushDelayMs: number;
  private readonly now: () => Date;
  private readonly guard: StoreGuard;

  private constructor(
    private readonly opened: OpenedJsonFile<AuditFile>,
    private readonly dataDir: string,
    readonly notice: StoreNotice | undefined,
    private readonly options: AuditLogOptions,
  ) {
    this.maxEntries = Math.max(10, options.maxEntries ?? 10_000);
    this.flushDelayMs = options.flushDelayMs ?? 250;
    this.now = options.now ?? (() => new Date());
    this.guard = options.guard ?? NO_GUARD;
  }

  static async open(dataDir: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    const opened = await openJsonFile<AuditFile>(join(dataDir, 'audit.json'), {
      label: 'audit log',
      defaults: () => ({ version: 1, entries: [] }),
      check: holdsListOf('entries'),
      now: options.now,
    });
    return new AuditLog(opened, dataDir, opened.notice, options);
  }

  private get file(): AuditFile {
    return this.opened.db.data;
  }

  /** Re-reads audit.json if another process wrote to it (call holding the store lock). */
  async refresh(): Promise<void> {
    await this.opened.reloadIfChanged();
  }

  get size(): number {
    return this.file.entries.length + this.pending.length;
  }

  append(input: AuditInput): void {
    const entry: AuditEntry = { ...input, at: input.at ?? this.now().toISOString() };
    for (const key of Object.keys(entry) as (keyof AuditEntry)[]) if (entry[key] === undefined) delete entry[key];
    this.pending.push(entry);
    if (!this.timer && !this.closed) {
      // Made outside any lock the caller holds: the flush takes the store lock itself, later.
      this.timer = outsideLocks(() =>
        setTimeout(() => {
          this.timer = undefined;
          this.flush().catch((error: Error) => this.options.onError?.(error));
        }, this.flushDelayMs),
      );
      this.timer.unref();
    }
  }

  /** Newest first; `search` matches any field, case-insensitively. */
  search(query: AuditSearch = {}): AuditEntry[] {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const needle = query.search?.trim().toLowerCase();
    const out: AuditEntry[] = [];
    const all = this.pending.length ? [...this.file.entries, ...this.pending] : this.file.entries;
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = all[i]!;
      if (query.kind && entry.kind !== query.kind) continue;
      if (query.exportId && entry.exportId !== query.exportId) continue;
      if (query.messageId && entry.messageId !== query.messageId) continue;
      if (needle && !matches(entry, needle)) continue;
      out.push(entry);
    }
    return out;
  }

  /** Writes what was appended so far (rolling old entries out first when over the bound). */
  flush(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(() => this.writeNow());
    return this.writing;
  }

  /** Flushes and stops the timer; later appends are kept in memory until the next flush. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async writeNow(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.guard.run(async () => {
      const adding = this.pending;
      this.file.entries.push(...adding);
      this.pending = [];
      try {
        if (this.file.entries.length > this.maxEntries) await this.roll();
        await this.opened.write();
      } catch (error) {
        // Kept for the next flush; the file on disk is as it was (or rolled, whose archive holds them).
        const unwritten = new Set(adding);
        this.opened.db.data = { ...this.file, entries: this.file.entries.filter((entry) => !unwritten.has(entry)) };
        this.pending = [...adding, ...this.pending];
        throw error;
      }
    });
  }

  private async roll(): Promise<void> {
    const keep = Math.floor(this.maxEntries * 0.8);
    const old = this.file.entries.slice(0, this.file.entries.length - keep);
    const archive = join(this.dataDir, `audit-${fileStamp(this.now())}.jsonl`);
    await appendFile(archive, old.map((entry) => JSON.stringify(entry)).join('\n') + '\n', { encoding: 'utf8', mode: 0o600 });
    this.file.entries.splice(0, old.length);
  }
}
