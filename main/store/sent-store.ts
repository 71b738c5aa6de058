// Messages sent with the send-file dialog, in `sent.json`, with their last tracking status.
import { join } from 'node:path';
import type { SendSuggestions, SentItem } from '../domain';
import { NO_GUARD, type StoreGuard } from './folder-lock';
import { holdsListOf, openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';

/** How many recipients and workflows the send form suggests. */
export const RECENT_ADDRESSES = 8;

interface SentFile {
  version: 1;
  messages: SentItem[];
}

export interface TrackingUpdate {
  status?: string;
  trackedAt: string;
  trackingError?: string;
}

export class SentStore {
  private constructor(
    private readonly opened: OpenedJsonFile<SentFile>,
    private readonly guard: StoreGuard,
    readonly notice: StoreNotice | undefined,
  ) {}

  static async open(dataDir: string, options: { now?: () => Date; guard?: StoreGuard } = {}): Promise<SentStore> {
    const opened = await openJsonFile<SentFile>(join(dataDir, 'sent.json'), {
      label: 'sent messages',
      defaults: () => ({ version: 1, messages: [] }),
      check: holdsListOf('messages'),
      now: options.now,
    });
    return new SentStore(opened, options.guard ?? NO_GUARD, opened.notice);
  }

  private get file(): SentFile {
    return this.opened.db.data;
  }

  private writeFile(): Promise<void> {
    return this.opened.write();
  }

  /** Re-reads sent.json if another process changed it (call holding the store lock). */
  async refresh(): Promise<void> {
    await this.opened.reloadIfChanged();
  }

  add(item: SentItem): Promise<SentItem> {
    return this.guard.run(() => this.addHolding(item));
  }

  private async addHolding(item: SentItem): Promise<SentItem> {
    const copy = { ...item };
    this.file.messages.push(copy);
    try {
      await this.writeFile();
    } catch (error) {
      this.file.messages.splice(this.file.messages.indexOf(copy), 1);
      throw error;
    }
    return copy;
  }

  get(messageId: string): SentItem | undefined {
    return this.file.messages.find((m) => m.messageId === messageId);
  }

  /** Newest first. */
  list(limit?: number): SentItem[] {
    const out = [...this.file.messages].reverse();
    return limit === undefined ? out : out.slice(0, limit);
  }

  /** The last few distinct recipients and workflows sent to, newest first: the send form's suggestions. */
  recentAddresses(limit = RECENT_ADDRESSES): SendSuggestions {
    const recipients = new Set<string>();
    const workflows = new Set<string>();
    for (let i = this.file.messages.length - 1; i >= 0 && (recipients.size < limit || workflows.size < limit); i--) {
      const { to, workflowId } = this.file.messages[i]!;
      if (recipients.size < limit) recipients.add(to);
      if (workflows.size < limit) workflows.add(workflowId);
    }
    return { recipients: [...recipients], workflows: [...workflows] };
  }

  updateTracking(messageId: string, update: TrackingUpdate): Promise<SentItem> {
    return this.guard.run(() => this.updateTrackingHolding(messageId, update));
  }

  private async updateTrackingHolding(messageId: string, update: TrackingUpdate): Promise<SentItem> {
    const item = this.get(messageId);
    if (!item) throw new Error(`Message ${messageId} is not in the sent list; only messages sent from this console are tracked here.`);
    const before = { ...item };
    item.trackedAt = update.trackedAt;
    if (update.status !== undefined) item.status = update.status;
    if (update.trackingError !== undefined) item.trackingError = update.trackingError;
    else delete item.trackingError;
    try {
      await this.writeFile();
    } catch (error) {
      for (const key of Object.keys(item) as (keyof SentItem)[]) delete item[key];
      Object.assign(item, before);
      throw error;
    }
    return item;
  }
}
