// What the console remembers about the messages in the inbox, in `read-marks.json`: which were
// opened (read marks) and each one's size once it has been downloaded (MESH tells a message's
// size only by sending it). Marks of messages gone from the inbox are dropped at each full listing.
import { join } from 'node:path';
import { NO_GUARD, type StoreGuard } from './folder-lock';
import { openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';

export interface ReadMark {
  /** When the operator first opened it in the console (ISO). */
  readAt?: string;
  /** Its size in bytes after gunzip, once downloaded. */
  bytes?: number;
}

interface ReadMarksFile {
  version: 1;
  messages: Record<string, ReadMark>;
}

function holdsMessages(data: unknown): string | undefined {
  const messages = typeof data === 'object' && data !== null ? (data as { messages?: unknown }).messages : undefined;
  return typeof messages === 'object' && messages !== null && !Array.isArray(messages) ? undefined : 'it does not hold the read marks';
}

export class ReadMarksStore {
  private constructor(
    private readonly opened: OpenedJsonFile<ReadMarksFile>,
    private readonly guard: StoreGuard,
    private readonly now: () => Date,
    readonly notice: StoreNotice | undefined,
  ) {}

  static async open(dataDir: string, options: { now?: () => Date; guard?: StoreGuard } = {}): Promise<ReadMarksStore> {
    const opened = await openJsonFile<ReadMarksFile>(join(dataDir, 'read-marks.json'), {
      label: 'read marks',
      defaults: () => ({ version: 1, messages: {} }),
      check: holdsMessages,
      now: options.now,
    });
    return new ReadMarksStore(opened, options.guard ?? NO_GUARD, options.now ?? (() => new Date()), opened.notice);
  }

  private get messages(): Record<string, ReadMark> {
    return this.opened.db.data.messages;
  }

  /** Re-reads read-marks.json if another process changed it (call holding the store lock). */
  async refresh(): Promise<void> {
    await this.opened.reloadIfChanged();
  }

  of(messageId: string): ReadMark | undefined {
    return Object.hasOwn(this.messages, messageId) ? this.messages[messageId] : undefined;
  }

  isRead(messageId: string): boolean {
    return this.of(messageId)?.readAt !== undefined;
  }

  /** The message was opened: read from now on, and its size is known. */
  markRead(messageId: string, bytes: number): Promise<void> {
    return this.change(messageId, (mark) => ({ ...mark, readAt: mark?.readAt ?? this.now().toISOString(), bytes }));
  }

  /** The message was downloaded without being opened (saved to a file): only its size is learnt. */
  noteSize(messageId: string, bytes: number): Promise<void> {
    return this.change(messageId, (mark) => ({ ...mark, bytes }));
  }

  /** Drops the marks of messages no longer in the inbox (acknowledged, or expired by MESH). */
  keepOnly(listed: ReadonlySet<string>): Promise<void> {
    if (Object.keys(this.messages).every((id) => listed.has(id))) return Promise.resolve();
    return this.guard.run(async () => {
      const kept = Object.fromEntries(Object.entries(this.messages).filter(([id]) => listed.has(id)));
      if (Object.keys(kept).length === Object.keys(this.messages).length) return;
      this.opened.db.data.messages = kept;
      await this.opened.write();
    });
  }

  private change(messageId: string, update: (mark: ReadMark | undefined) => ReadMark): Promise<void> {
    return this.guard.run(async () => {
      const before = this.of(messageId);
      this.messages[messageId] = update(before);
      try {
        await this.opened.write();
      } catch (error) {
        if (before) this.messages[messageId] = before;
        else delete this.messages[messageId];
        throw error;
      }
    });
  }
}
