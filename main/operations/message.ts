// Reading one message: its metadata, a bounded preview of its contents, what a REPORT means;
// saving it to a file; acknowledging. The whole message streams to a temporary file, so any
// size is read with flat memory; only the first PREVIEW_BYTES are kept for the screen.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AckResult, MessageView } from '../domain';
import { exportForReport } from '../exports/reports';
import type { MeshClient } from '../mesh';
import type { AuditSink } from '../store/audit-log';
import type { ExportsStore } from '../store/exports-store';
import { contentView, PREVIEW_BYTES } from './content-preview';
import { inboxItem } from './inbox';
import { reportCodeMeaning } from './report-codes';

/** What reading and saving a message use. */
export interface MessageDeps {
  client(): Promise<MeshClient>;
  dataDir: string;
  stores: { audit: AuditSink; exports: ExportsStore };
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PREVIEW_BYTES);
    const { bytesRead } = await file.read(buffer, 0, PREVIEW_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

export async function readMessage(runtime: MessageDeps, messageId: string): Promise<MessageView> {
  const client = await runtime.client();
  const tmpDir = join(runtime.dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${randomUUID()}.download`);
  try {
    const { metadata, bytes } = await client.download(messageId, { path: tmp });
    const view: MessageView = {
      ...inboxItem(metadata),
      size: bytes,
      content: contentView(bytes > 0 ? await readHead(tmp) : Buffer.alloc(0), bytes),
      ...(metadata.contentType ? { contentType: metadata.contentType } : {}),
      ...(metadata.statusSuccess ? { statusSuccess: metadata.statusSuccess } : {}),
      ...(metadata.statusTimestamp ? { statusTimestamp: metadata.statusTimestamp } : {}),
      ...(metadata.linkedMessageId ? { linkedMessageId: metadata.linkedMessageId } : {}),
      ...(metadata.checksum ? { checksum: metadata.checksum } : {}),
    };
    if (metadata.messageType === 'REPORT') {
      const exported = exportForReport(runtime.stores, metadata);
      view.report = {
        meaning: reportCodeMeaning(metadata.statusCode),
        ...(metadata.statusCode ? { statusCode: metadata.statusCode } : {}),
        ...(metadata.statusEvent ? { statusEvent: metadata.statusEvent } : {}),
        ...(metadata.statusDescription ? { statusDescription: metadata.statusDescription } : {}),
        ...(metadata.linkedMessageId ? { linkedMessageId: metadata.linkedMessageId } : {}),
        ...(exported ? { exportId: exported.id } : {}),
      };
    }
    runtime.stores.audit.append({ kind: 'message', action: 'read', outcome: 'ok', messageId, detail: `${bytes} bytes` });
    return view;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Downloads the whole message to `path` (the client writes beside it and renames into place). */
export async function saveMessage(
  runtime: Pick<MessageDeps, 'client' | 'stores'>,
  messageId: string,
  path: string,
): Promise<{ path: string; bytes: number }> {
  const client = await runtime.client();
  const { bytes } = await client.download(messageId, { path });
  runtime.stores.audit.append({ kind: 'message', action: 'saved', outcome: 'ok', messageId, detail: path });
  return { path, bytes };
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
