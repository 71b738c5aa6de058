// The messages: an in-memory index over records that, with a data folder, are also kept on disk.
import type { ChunkStore } from './chunk-store';
import type { MessageFiles } from './message-files';
import { currentStatus, type MessageEvent, type StoredMessage } from '../message';

export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly inboxes = new Map<string, StoredMessage[]>();
  private readonly outboxes = new Map<string, StoredMessage[]>();
  private lastSeq = 0;
  private lastInboxSeq = 0;

  constructor(
    readonly chunks: ChunkStore,
    private readonly files?: MessageFiles,
  ) {}

  /** Reads the records kept on disk (file mode); memory mode starts empty. */
  async load(): Promise<void> {
    if (!this.files) return;
    const loaded = await this.files.loadAll();
    loaded.sort((a, b) => a.seq - b.seq);
    for (const message of loaded) {
      this.messages.set(message.messageId, message);
      this.lastSeq = Math.max(this.lastSeq, message.seq);
      this.lastInboxSeq = Math.max(this.lastInboxSeq, message.inboxSeq ?? 0);
      if (message.visibleToSender !== false) listFor(this.outboxes, message.sender.mailboxId).push(message);
    }
    const inboxed = loaded.filter((m) => m.inboxSeq !== undefined).sort((a, b) => a.inboxSeq! - b.inboxSeq!);
    for (const message of inboxed) listFor(this.inboxes, message.recipient.mailboxId).push(message);
  }

  nextSeq(): number {
    return ++this.lastSeq;
  }

  get(messageId: string): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  /** Messages that reached this mailbox's inbox, oldest first, whatever their status now. */
  inbox(mailboxId: string): readonly StoredMessage[] {
    return this.inboxes.get(mailboxId) ?? [];
  }

  /** Accepted messages in arrival order: what the inbox lists. */
  acceptedInbox(mailboxId: string): StoredMessage[] {
    return this.inbox(mailboxId).filter((m) => currentStatus(m) === 'accepted');
  }

  /** Messages this mailbox sent, oldest first. */
  outbox(mailboxId: string): readonly StoredMessage[] {
    return this.outboxes.get(mailboxId) ?? [];
  }

  /** DATA messages still accepted in an inbox, not acknowledged, whose inbox expiry is at or before `now`. */
  uncollectedBy(now: Date): StoredMessage[] {
    const due: StoredMessage[] = [];
    for (const inbox of this.inboxes.values()) {
      for (const message of inbox) {
        if (message.messageType === 'DATA' && currentStatus(message) === 'accepted' && Date.parse(message.inboxExpiry) <= now.getTime())
          due.push(message);
      }
    }
    return due;
  }

  byLocalId(sender: string, localId: string): StoredMessage[] {
    return this.outbox(sender).filter((m) => m.metadata.localId === localId);
  }

  /** Adds a new message (its chunks already stored) and delivers it when it is accepted. */
  async add(message: StoredMessage): Promise<void> {
    this.messages.set(message.messageId, message);
    listFor(this.outboxes, message.sender.mailboxId).push(message);
    this.deliverIfAccepted(message);
    await this.save(message);
  }

  /** Puts an event first, so its status becomes the message's status. */
  async pushEvent(message: StoredMessage, event: MessageEvent): Promise<void> {
    message.events.unshift(event);
    this.deliverIfAccepted(message);
    await this.save(message);
  }

  async save(message: StoredMessage): Promise<void> {
    await this.files?.save(message);
  }

  private deliverIfAccepted(message: StoredMessage): void {
    if (message.inboxSeq !== undefined || currentStatus(message) !== 'accepted') return;
    message.fileSize = Object.values(message.chunkSizes).reduce((sum, size) => sum + size, 0);
    message.inboxSeq = ++this.lastInboxSeq;
    listFor(this.inboxes, message.recipient.mailboxId).push(message);
  }

  /** Wipes every message and chunk (both modes). */
  async clear(): Promise<void> {
    await this.files?.flush();
    this.messages.clear();
    this.inboxes.clear();
    this.outboxes.clear();
    await this.chunks.clear();
  }

  /** Empties one mailbox: its inbox messages go, and its outbox and local ids are forgotten. */
  async resetMailbox(mailboxId: string): Promise<void> {
    for (const message of this.inbox(mailboxId)) await this.remove(message);
    for (const message of [...this.messages.values()]) {
      if (message.recipient.mailboxId === mailboxId && message.inboxSeq === undefined) await this.remove(message);
    }
    for (const message of this.outbox(mailboxId)) {
      if (!this.messages.has(message.messageId)) continue;
      message.visibleToSender = false;
      await this.save(message);
    }
    this.inboxes.delete(mailboxId);
    this.outboxes.delete(mailboxId);
  }

  private async remove(message: StoredMessage): Promise<void> {
    this.messages.delete(message.messageId);
    const outbox = this.outboxes.get(message.sender.mailboxId);
    if (outbox)
      this.outboxes.set(
        message.sender.mailboxId,
        outbox.filter((m) => m !== message),
      );
    await this.files?.remove(message);
    await this.chunks.removeMessage(message);
  }

  async flush(): Promise<void> {
    await this.files?.flush();
  }
}

function listFor(map: Map<string, StoredMessage[]>, key: string): StoredMessage[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
