// Sending a file to another mailbox, and following what became of it. Every send carries a
// local id (the operator's, or one made here), so that a send whose outcome is unknown can be
// looked up instead of being sent twice.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SendResult, SentItem } from '../domain';
import { isMeshError, type MeshClient } from '../mesh';
import type { AuditSink } from '../store/audit-log';
import type { SentStore } from '../store/sent-store';
import { storageFailureText } from '../store/storage-errors';

export interface SendFileRequest {
  path: string;
  to: string;
  workflowId: string;
  subject?: string;
  localId?: string;
  fileName?: string;
  /** false: never gzip; true or absent: gzip when it makes the data smaller (the operator's "Compress" is not a demand to gzip a zip). */
  compress?: boolean;
  chunkSizeBytes?: number;
  onProgress?: (done: number, total: number) => void;
  /** Cancels between chunks (see SendMessageRequest.signal). */
  signal?: AbortSignal;
}

/** What sending and tracking a sent message use. */
export interface SendDeps {
  client(): Promise<MeshClient>;
  dataDir: string;
  stores: { audit: AuditSink; sent: SentStore };
}

export async function sendFile(runtime: SendDeps, request: SendFileRequest): Promise<SendResult & { localId: string }> {
  const localId = request.localId?.trim() || `mesh-console-${randomUUID()}`;
  const fileName = request.fileName?.trim() || basename(request.path);
  let bytes: number;
  try {
    bytes = (await stat(request.path)).size;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return {
      ok: false,
      localId,
      error: `The file ${request.path} ${reason}: check its name and folder, then send it again. Nothing was sent.`,
    };
  }
  let messageId: string;
  let chunks: number;
  try {
    const client = await runtime.client();
    const sent = await client.send({
      to: request.to.trim().toUpperCase(),
      workflowId: request.workflowId.trim(),
      source: { path: request.path },
      fileName,
      localId,
      compress: request.compress === false ? false : 'auto',
      ...(request.subject ? { subject: request.subject } : {}),
      ...(request.chunkSizeBytes ? { chunkSizeBytes: request.chunkSizeBytes } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    messageId = sent.messageId;
    chunks = sent.chunks;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    runtime.stores.audit.append({ kind: 'message', action: 'send', outcome: 'failed', detail: `${fileName} to ${request.to}: ${text}` });
    if (isMeshError(error) && error.kind === 'send-cancelled' && error.messageId) {
      // MESH holds it (uploading, never delivered): the sent list says so, with its id, like any message MESH has.
      await runtime.stores.sent
        .add({ ...sentItem(request, { messageId: error.messageId, fileName, localId, bytes }), status: 'uploading', cancelled: text })
        .catch(() => undefined);
    }
    return {
      ok: false,
      localId,
      error: text,
      ...(isMeshError(error) && error.kind === 'send-outcome-unknown' ? { outcomeUnknown: true } : {}),
      ...(isMeshError(error) && error.kind === 'send-cancelled' ? { cancelled: true } : {}),
      ...(isMeshError(error) && error.messageId ? { messageId: error.messageId } : {}),
      ...(isMeshError(error) && error.settings.length ? { errorSettings: [...error.settings] } : {}),
    };
  }
  // MESH has the message from here on: whatever fails now, it is reported as sent, with its id.
  runtime.stores.audit.append({
    kind: 'message',
    action: 'sent',
    outcome: 'ok',
    messageId,
    detail: `${fileName} to ${request.to} (${chunks} chunks)`,
  });
  try {
    await runtime.stores.sent.add({ ...sentItem(request, { messageId, fileName, localId, bytes }), status: 'accepted' });
  } catch (error) {
    return {
      ok: true,
      messageId,
      localId,
      warning:
        `Sent as ${messageId}, but the console could not record it in its sent list: ` +
        `${storageFailureText(error, runtime.dataDir)}. Do not send it again.`,
    };
  }
  return { ok: true, messageId, localId };
}

function sentItem(request: SendFileRequest, sent: { messageId: string; fileName: string; localId: string; bytes: number }): SentItem {
  return {
    ...sent,
    to: request.to.trim().toUpperCase(),
    workflowId: request.workflowId.trim(),
    sentAt: new Date().toISOString(),
    ...(request.subject ? { subject: request.subject } : {}),
  };
}

export async function trackSent(runtime: Pick<SendDeps, 'client' | 'stores'>, messageId: string): Promise<SentItem> {
  const trackedAt = new Date().toISOString();
  try {
    const tracking = await (await runtime.client()).trackByMessageId(messageId);
    return await runtime.stores.sent.updateTracking(messageId, { status: tracking.status, trackedAt });
  } catch (error) {
    return await runtime.stores.sent.updateTracking(messageId, {
      trackedAt,
      trackingError: error instanceof Error ? error.message : String(error),
    });
  }
}
