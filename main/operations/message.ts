// Reading one message: its metadata, a bounded preview of its contents, what a REPORT means; saving
// messages into a folder and acknowledging them (one message to one file: save-message.ts). The
// whole message streams to a temporary file, so any size is read with flat memory; only the first
// PREVIEW_BYTES are kept for the screen.
import { access, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MessageView, SaveAndAcknowledgeResult } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';
import { exportForReport } from '../exports/reports';
import type { MeshClient } from '../mesh';
import type { AuditLog, AuditSink } from '../store/audit-log';
import type { ExportsStore } from '../store/exports-store';
import { contentView, PREVIEW_BYTES } from './content-preview';
import { inboxItem } from './inbox';
import { reportCodeMeaning } from './report-codes';
import { safeFileName } from './safe-file-name';
import { acknowledgeMessages, saveMessage, type DownloadProgress, type SaveDeps } from './save-message';

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

/**
 * The messages among `messageIds` never opened or saved in the console: the audit log records
 * each read and save. One pass over the message entries it holds (the current file, so a message
 * handled before the file was last rotated may be counted as never saved: the warning errs on the safe side).
 */
export function neverSavedOrOpened(audit: Pick<AuditLog, 'matching'>, messageIds: readonly string[]): string[] {
  const handled = new Set<string>();
  for (const entry of audit.matching({ kind: 'message' })) {
    if (entry.messageId && entry.outcome === 'ok' && (entry.action === 'read' || entry.action === 'saved')) handled.add(entry.messageId);
  }
  return messageIds.filter((messageId) => !handled.has(messageId));
}

/** Where the folder "Save and acknowledge" saves to is kept, in the data folder. */
function saveFolderFile(dataDir: string): string {
  return join(dataDir, 'save-folder.json');
}

export async function readSaveFolder(dataDir: string): Promise<string | undefined> {
  try {
    const { folder } = JSON.parse(await readFile(saveFolderFile(dataDir), 'utf8')) as { folder?: unknown };
    return typeof folder === 'string' && folder ? folder : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSaveFolder(dataDir: string, folder: string): Promise<void> {
  await writeFileAtomic(saveFolderFile(dataDir), `${JSON.stringify({ folder }, null, 2)}\n`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Saves each message into `folder` (under its MESH file name, or `<id>-<name>` when that name is
 * taken), each file and the folder's entries flushed to the disk, and only then acknowledges the
 * messages whose file is on disk. A message that could not be saved is not acknowledged.
 */
export async function saveAndAcknowledgeMessages(
  runtime: SaveDeps,
  folder: string,
  messageIds: readonly string[],
  fileNameOf: (messageId: string) => Promise<string | undefined>,
  onProgress?: (messageId: string) => DownloadProgress,
): Promise<SaveAndAcknowledgeResult> {
  const saved = new Map<string, { path: string; bytes: number }>();
  const failed = new Map<string, string>();
  for (const messageId of messageIds) {
    try {
      const name = safeFileName(await fileNameOf(messageId), `${messageId}.dat`);
      let path = join(folder, name);
      if (await exists(path)) path = join(folder, `${messageId}-${name}`);
      saved.set(messageId, await saveMessage(runtime, messageId, path, { onProgress: onProgress?.(messageId), durable: true }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failed.set(messageId, `Not acknowledged, because it could not be saved: ${reason}`);
    }
  }
  const acks = saved.size ? await acknowledgeMessages(await runtime.client(), [...saved.keys()]) : [];
  const ackOf = new Map(acks.map((a) => [a.messageId, a]));
  return {
    folder,
    results: messageIds.map((messageId) => {
      const file = saved.get(messageId);
      if (!file) return { messageId, ok: false, error: failed.get(messageId)! };
      const ack = ackOf.get(messageId)!;
      return { ...ack, path: file.path, bytes: file.bytes };
    }),
  };
}
