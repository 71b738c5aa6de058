// The audit log: every MESH call, export change, import, settings change and job run, with who
// and from where, in `audit.jsonl` (see audit-file.ts: append-only, shared by every process using
// the data folder, torn lines skipped). Appends are cheap (memory only) and written together a
// moment later, or on flush()/close(). What every process appended is read back in the order it
// reached the file; the screen pages through it (audit-query.ts).
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditPage, AuditQuery, AuditSource, AuditFilter } from '../domain';
import { appendAuditLines, AuditFileReader, rotateAuditFile } from './audit-file';
import { AuditPager, matchingEntries } from './audit-query';
import { auditSourceHere, operatingSystemUser } from './audit-source';
import { convertOldAuditFile } from './audit-upgrade';
import { NO_GUARD, outsideLocks, type StoreGuard } from './folder-lock';
import type { StoreNotice } from './json-file';

export const AUDIT_FILE = 'audit.jsonl';

export type AuditInput = Omit<AuditEntry, 'at' | 'user' | 'source'> & { at?: string };

/** Where the other stores and the MESH calls report to. */
export interface AuditSink {
  append(entry: AuditInput): void;
}

export interface AuditSearch {
  search?: string;
  kind?: AuditEntry['kind'];
  exportId?: string;
  messageId?: string;
  limit?: number;
}

export interface AuditLogOptions {
  /** Past this size `audit.jsonl` is renamed to `audit-<stamp>.jsonl` and a new one begun. Default 32 MB (about 150,000 entries). */
  maxFileBytes?: number;
  /** Entries kept in memory for the screen and searches (the newest); the rest stay on disk. Default 250,000. */
  maxEntriesInMemory?: number;
  /** How long appends wait to be written together. Default 250 ms. */
  flushDelayMs?: number;
  now?: () => Date;
  /** Told when a coalesced write fails (the entries stay in memory and are tried again). */
  onError?: (error: Error) => void;
  /** The data folder's store lock: taken to convert an old `audit.json` and to rotate the file. */
  guard?: StoreGuard;
  /** Where this process's entries come from, unless asAuditSource says otherwise. Default 'cli'. */
  source?: AuditSource;
  /**
   * False for a process that only appends (a command line): the entries already in the file are not read, only
   * those appended after opening. Reading a log of 100,000 entries took 0.15 s and 90 MB at every command's start
   * (issue 14). Default true: the app's screen and searches need them.
   */
  history?: boolean;
}

const DEFAULT_SEARCH_LIMIT = 200;
const MAX_SEARCH_LIMIT = 10_000;

export class AuditLog implements AuditSink {
  private entries: AuditEntry[] = [];
  /** Being written now. */
  private writingBatch: AuditEntry[] = [];
  /** Written, and shown from here until read back from the file. */
  private unread: AuditEntry[] = [];
  /** Appended here and not yet written. */
  private pending: AuditEntry[] = [];
  private version = 0;
  private damagedLines = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private reading: Promise<void> = Promise.resolve();
  private closed = false;
  /** Set once closed: reading stops (what is written later stays shown from memory), no file is held open. */
  private readerClosed = false;
  private readonly pager = new AuditPager();
  private readonly maxFileBytes: number;
  private readonly maxEntriesInMemory: number;
  private readonly flushDelayMs: number;
  private readonly now: () => Date;
  private readonly guard: StoreGuard;
  private readonly user = operatingSystemUser();
  /** Problems met on opening: an old `audit.json` set aside, damaged lines skipped. */
  readonly notices: StoreNotice[] = [];

  private constructor(
    readonly file: string,
    private readonly reader: AuditFileReader,
    private readonly options: AuditLogOptions,
  ) {
    this.maxFileBytes = Math.max(4096, options.maxFileBytes ?? 32 * 1024 * 1024);
    this.maxEntriesInMemory = Math.max(100, options.maxEntriesInMemory ?? 250_000);
    this.flushDelayMs = options.flushDelayMs ?? 250;
    this.now = options.now ?? (() => new Date());
    this.guard = options.guard ?? NO_GUARD;
  }

  static async open(dataDir: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    const file = join(dataDir, AUDIT_FILE);
    const firstRead = options.history === false ? 0 : 2 * (options.maxFileBytes ?? 32 * 1024 * 1024);
    const log = new AuditLog(file, new AuditFileReader(file, firstRead), options);
    const setAside = await convertOldAuditFile(dataDir, file, log.guard, log.now);
    if (setAside) log.notices.push(setAside);
    // Patient data may be in the details: the owner's only, narrowed where an older version left it open.
    if (process.platform !== 'win32') await chmod(file, 0o600).catch(() => undefined);
    await log.refresh();
    if (log.damagedLines > 0) log.notices.push(log.damagedNotice());
    return log;
  }

  private damagedNotice(): StoreNotice {
    const lines = this.damagedLines === 1 ? '1 damaged line' : `${this.damagedLines} damaged lines`;
    return {
      file: this.file,
      keptAs: this.file,
      reason: `${lines} (cut short by a crash or a full disk)`,
      skippedLines: this.damagedLines,
      message:
        `The audit log ${this.file} has ${lines}, most likely cut short by a crash or a full disk; ` +
        'they were skipped and every other entry is shown.',
    };
  }

  /** Lines of the file that were not entries, skipped (since opening). */
  get skippedLines(): number {
    return this.damagedLines;
  }

  /** Reads what this and other processes appended since the last read. */
  refresh(): Promise<void> {
    this.reading = this.reading.catch(() => undefined).then(() => this.readNew());
    return this.reading;
  }

  private async readNew(): Promise<void> {
    if (this.readerClosed) return;
    const unread = this.unread;
    const read = await this.reader.readNew();
    this.damagedLines += read.damaged;
    // What was written before this read began is in what it read.
    if (unread.length) this.unread = this.unread.slice(unread.length);
    if (read.entries.length === 0 && unread.length === 0) return;
    this.entries = this.entries.concat(read.entries);
    if (this.entries.length > this.maxEntriesInMemory) this.entries = this.entries.slice(this.entries.length - this.maxEntriesInMemory);
    this.version++;
  }

  /** Entries held: those read from the file plus those not yet written. */
  get size(): number {
    return this.entries.length + this.unread.length + this.writingBatch.length + this.pending.length;
  }

  append(input: AuditInput): void {
    const entry = {
      ...input,
      at: input.at ?? this.now().toISOString(),
      user: this.user,
      source: auditSourceHere() ?? this.options.source ?? 'cli',
    };
    for (const key of Object.keys(entry) as (keyof AuditEntry)[]) if (entry[key] === undefined) delete entry[key];
    this.pending.push(entry);
    this.version++;
    if (!this.timer && !this.closed) {
      // Made outside any lock the caller holds: a rotation takes the store lock itself, later.
      this.timer = outsideLocks(() =>
        setTimeout(() => {
          this.timer = undefined;
          this.flush().catch((error: Error) => this.options.onError?.(error));
        }, this.flushDelayMs),
      );
      this.timer.unref();
    }
  }

  private all(): AuditEntry[] {
    const notRead = this.unread.length + this.writingBatch.length + this.pending.length;
    return notRead ? this.entries.concat(this.unread, this.writingBatch, this.pending) : this.entries;
  }

  /** One page of the entries matching the query, newest first. */
  page(query: AuditQuery = {}): AuditPage {
    const asOf = query.asOf;
    if (asOf === undefined) return this.pager.page(() => this.all(), this.version, query);
    return this.pager.page(() => this.all().slice(0, asOf), `${this.version}:${asOf}`, query);
  }

  /** Every entry matching the filter, newest first. */
  matching(filter: AuditFilter = {}): AuditEntry[] {
    return matchingEntries(this.all(), filter);
  }

  /** Newest first, at most `limit`; `search` matches any field, case-insensitively. */
  search(query: AuditSearch = {}): AuditEntry[] {
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_SEARCH_LIMIT), MAX_SEARCH_LIMIT);
    const matches = matchingEntries(this.all(), {
      ...(query.search ? { search: query.search } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    });
    return matches
      .filter(
        (entry) => (!query.exportId || entry.exportId === query.exportId) && (!query.messageId || entry.messageId === query.messageId),
      )
      .slice(0, limit);
  }

  /** Writes what was appended so far, in one append to the file. */
  flush(): Promise<void> {
    this.writing = this.writing.catch(() => undefined).then(() => this.writeNow());
    return this.writing;
  }

  /** Flushes and stops the timer; later appends are kept in memory until the next flush. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      await this.flush();
    } finally {
      await this.reading.catch(() => undefined);
      this.readerClosed = true;
      await this.reader.close();
    }
  }

  private async writeNow(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.writingBatch = batch;
    let size: number;
    try {
      size = await appendAuditLines(this.file, batch);
      this.unread = this.unread.concat(batch);
    } catch (error) {
      // Kept for the next flush; what of it reached the disk is a torn line that the next append ends.
      this.pending = batch.concat(this.pending);
      throw error;
    } finally {
      this.writingBatch = [];
    }
    await this.refresh();
    if (size > this.maxFileBytes) await this.guard.run(() => rotateAuditFile(this.file, this.maxFileBytes, this.now()));
  }
}
