// Saving one message to a file or reading it out to a stream, and acknowledging messages: what
// `mesh-console get` and `ack` need, apart from reading a message on screen and REPORT handling
// (message.ts), which they do not load. Each save or read-out is recorded in the audit log, which
// tells the inbox's acknowledge check what was handled.
import type { Writable } from 'node:stream';
import type { AckResult } from '../domain';
import type { DownloadOptions, MeshClient, MessageMetadata } from '../mesh';
import type { AuditSink } from '../store/audit-log';

/** Told as a download moves along: bytes written so far, and the chunk being fetched. */
export type DownloadProgress = (done: number, chunk: { index: number; count: number }) => void;

export interface SaveOptions {
  onProgress?: DownloadProgress;
  /** Told the message's metadata before anything is written; throwing stops the download (e.g. for a REPORT). */
  onMetadata?: (metadata: MessageMetadata) => void;
  /** Flush the file to the disk before returning: for a message about to be acknowledged. */
  durable?: boolean;
}

/** What saving a message uses. */
export interface SaveDeps {
  client(): Promise<MeshClient>;
  stores: { audit: AuditSink };
}

function downloadOptions({ onProgress, onMetadata, durable = false }: SaveOptions): DownloadOptions {
  return {
    durable,
    ...(onProgress ? { onProgress: (done, _total, chunk) => onProgress(done, chunk) } : {}),
    ...(onMetadata ? { onMetadata } : {}),
  };
}

/** Downloads the whole message to `path` (the client writes beside it and renames into place). */
export async function saveMessage(
  runtime: SaveDeps,
  messageId: string,
  path: string,
  options: SaveOptions = {},
): Promise<{ path: string; bytes: number }> {
  const client = await runtime.client();
  const { bytes } = await client.download(messageId, { path }, downloadOptions(options));
  runtime.stores.audit.append({ kind: 'message', action: 'saved', outcome: 'ok', messageId, detail: path });
  return { path, bytes };
}

/** Writes the whole message to `destination` (`mesh-console get` to standard output): read out, as on the screen. */
export async function readOut(
  runtime: SaveDeps,
  messageId: string,
  destination: Writable,
  options: Omit<SaveOptions, 'durable'> = {},
): Promise<{ bytes: number }> {
  const client = await runtime.client();
  const { bytes } = await client.download(messageId, destination, downloadOptions(options));
  runtime.stores.audit.append({ kind: 'message', action: 'read', outcome: 'ok', messageId, detail: `${bytes} bytes, to standard output` });
  return { bytes };
}

/**
 * Saves one message to `path`, flushed to the disk, and only then acknowledges it (`mesh-console get --ack`): once
 * acknowledged, MESH no longer holds it. A failed acknowledgement is returned, not thrown: the file is saved either way.
 */
export async function saveThenAcknowledge(
  runtime: SaveDeps,
  messageId: string,
  path: string,
  options: Omit<SaveOptions, 'durable'> = {},
): Promise<{ path: string; bytes: number; acknowledgement: AckResult }> {
  const saved = await saveMessage(runtime, messageId, path, { ...options, durable: true });
  const [acknowledgement] = await acknowledgeMessages(await runtime.client(), [messageId]);
  return { ...saved, acknowledgement: acknowledgement! };
}

export async function acknowledgeMessages(client: MeshClient, messageIds: readonly string[]): Promise<AckResult[]> {
  const results: AckResult[] = [];
  for (const messageId of messageIds) {
    try {
      await client.acknowledge(messageId);
      results.push({ messageId, ok: true });
    } catch (error) {
      results.push({ messageId, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
