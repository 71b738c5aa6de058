// The inbox as the operator sees it: every message id MESH lists (all pages), each with the
// metadata its HEAD gives. Metadata does not change while a message waits, so it is asked once
// per message and kept; a refresh asks only about new ids.
import type { InboxItem } from '../domain';
import type { MeshClient, MessageMetadata } from '../mesh';

// As many at once as the MESH client keeps connections (main/mesh/tls-agent.ts).
const HEAD_CONCURRENCY = 4;

export function inboxItem(metadata: MessageMetadata): InboxItem {
  return {
    messageId: metadata.messageId,
    messageType: metadata.messageType,
    sender: metadata.sender,
    recipient: metadata.recipient,
    workflowId: metadata.workflowId,
    chunkCount: metadata.chunkCount,
    ...(metadata.subject ? { subject: metadata.subject } : {}),
    ...(metadata.fileName ? { fileName: metadata.fileName } : {}),
    ...(metadata.localId ? { localId: metadata.localId } : {}),
    ...((metadata.lastModified ?? metadata.statusTimestamp) ? { receivedAt: metadata.lastModified ?? metadata.statusTimestamp } : {}),
  };
}

export interface InboxSnapshot {
  items: InboxItem[];
  refreshedAt: string;
  /** The metadata of every listed message, for REPORT handling. */
  metadata: MessageMetadata[];
}

export class InboxCache {
  private readonly metadataById = new Map<string, MessageMetadata>();
  private last: InboxSnapshot | undefined;

  get snapshot(): InboxSnapshot | undefined {
    return this.last;
  }

  metadataOf(messageId: string): MessageMetadata | undefined {
    return this.metadataById.get(messageId);
  }

  forget(messageIds: readonly string[]): void {
    for (const id of messageIds) this.metadataById.delete(id);
    if (this.last) {
      const gone = new Set(messageIds);
      this.last = {
        ...this.last,
        items: this.last.items.filter((item) => !gone.has(item.messageId)),
        metadata: this.last.metadata.filter((m) => !gone.has(m.messageId)),
      };
    }
  }

  clear(): void {
    this.metadataById.clear();
    this.last = undefined;
  }

  /** Lists the whole inbox (optionally filtered by workflow) and reads metadata for new ids. */
  async refresh(client: MeshClient, workflowFilter?: string): Promise<InboxSnapshot> {
    const ids = await client.inboxAll(workflowFilter ? { workflowFilter } : {});
    const unknown = ids.filter((id) => !this.metadataById.has(id));
    await forEachLimited(unknown, HEAD_CONCURRENCY, async (id) => {
      this.metadataById.set(id, await client.metadata(id));
    });
    const listed = new Set(ids);
    if (!workflowFilter) for (const id of [...this.metadataById.keys()]) if (!listed.has(id)) this.metadataById.delete(id);
    const metadata = ids.map((id) => this.metadataById.get(id)!);
    const snapshot = { items: metadata.map(inboxItem), metadata, refreshedAt: new Date().toISOString() };
    if (!workflowFilter) this.last = snapshot;
    return snapshot;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/** The oldest message's arrival time, for the 5-day expiry warning. */
export function oldestReceivedAt(items: readonly InboxItem[]): string | undefined {
  let oldest: string | undefined;
  for (const item of items) if (item.receivedAt && (!oldest || item.receivedAt < oldest)) oldest = item.receivedAt;
  return oldest;
}
