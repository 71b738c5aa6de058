// IN: every message waiting that matches the workflow filter is written into IN, flushed to disk,
// and only then acknowledged; a pass that died before acknowledging writes the same names again.
import { basename, join } from 'node:path';
import { matchesWorkflowFilter, type FolderPassItem } from '../domain';
import { syncFolder, writeFileAtomic } from '../files/atomic-write';
import type { MeshClient, MessageMetadata } from '../mesh';
import { safeFileName } from '../operations/safe-file-name';
import { writeControlFile, type ControlFile } from './control-file';
import type { FolderStateFile } from './folder-state';
import { freeStem } from './move-file';
import { meshTime, message, type FolderPassDeps } from './pass-support';

export async function inbound(deps: FolderPassDeps, state: FolderStateFile, items: FolderPassItem[], now: () => Date): Promise<void> {
  const { folders } = deps;
  const client = await deps.client();
  const known = new Map<string, MessageMetadata>();
  let ids: string[];
  if (deps.readInbox) {
    // A list read for the inbox screen as well: the filter MESH would apply is applied here.
    for (const metadata of await deps.readInbox())
      if (matchesWorkflowFilter(folders.workflowFilter, metadata.workflowId)) known.set(metadata.messageId, metadata);
    ids = [...known.keys()];
  } else ids = await client.inboxAll(folders.workflowFilter ? { workflowFilter: folders.workflowFilter } : {});
  const waiting = new Set(ids);
  for (const messageId of ids) {
    try {
      items.push(await receiveOne(deps, client, state, messageId, now, known.get(messageId)));
    } catch (error) {
      items.push({
        direction: 'in',
        name: messageId,
        outcome: 'failed',
        reason: `${message(error)} It stays in the inbox for the next pass.`,
      });
    }
  }
  // Names kept for messages acknowledged since (a pass that died after acknowledging).
  let changed = false;
  for (const messageId of Object.keys(state.state.receiving)) {
    if (!waiting.has(messageId)) {
      delete state.state.receiving[messageId];
      changed = true;
    }
  }
  if (changed) await state.save();
}

function receivedControl(metadata: MessageMetadata, now: () => Date): ControlFile {
  const at = metadata.statusTimestamp ?? metadata.lastModified;
  const dateTime = meshTime(at ? new Date(at) : now());
  const report = metadata.messageType === 'REPORT';
  return {
    version: '1.0',
    addressType: 'DTS',
    messageType: report ? 'Report' : 'Data',
    ...(metadata.sender ? { fromDts: metadata.sender } : {}),
    ...(metadata.recipient ? { toDts: metadata.recipient } : {}),
    ...(metadata.subject ? { subject: metadata.subject } : {}),
    ...(metadata.localId ? { localId: metadata.localId } : {}),
    dtsId: report ? (metadata.linkedMessageId ?? metadata.messageId) : metadata.messageId,
    ...(metadata.partnerId ? { partnerId: metadata.partnerId } : {}),
    ...(report ? {} : { compress: false, encrypted: metadata.encrypted, isCompressed: metadata.compressed }),
    ...(metadata.workflowId ? { workflowId: metadata.workflowId } : {}),
    ...(metadata.checksum ? { dataChecksum: metadata.checksum } : {}),
    statusRecord: report
      ? {
          dateTime,
          event: metadata.statusEvent ?? 'TRANSFER',
          status: 'ERROR',
          statusCode: metadata.statusCode ?? '',
          description: metadata.statusDescription ?? 'Not delivered',
        }
      : { dateTime, event: 'TRANSFER', status: 'SUCCESS', statusCode: '00', description: 'Transferred to recipient mailbox' },
  };
}

async function receiveOne(
  deps: FolderPassDeps,
  client: MeshClient,
  state: FolderStateFile,
  messageId: string,
  now: () => Date,
  known: MessageMetadata | undefined,
): Promise<FolderPassItem> {
  const { folders } = deps;
  const metadata = known ?? (await client.metadata(messageId));
  const report = metadata.messageType === 'REPORT';
  const files: string[] = [];
  // The names: the message id (Java layout, and every REPORT), else the message's own file name,
  // chosen once and kept so that a pass after a crash writes the same file again.
  let dataName: string | undefined;
  if (!report) {
    if (folders.layout === 'java') dataName = `${messageId}.dat`;
    else {
      dataName = state.state.receiving[messageId]?.files[0];
      if (!dataName) {
        const taken = new Set(
          Object.entries(state.state.receiving)
            .filter(([id]) => id !== messageId)
            .flatMap(([, r]) => r.files),
        );
        dataName = await freeStem(folders.in, safeFileName(metadata.fileName, messageId), [''], taken);
        state.state.receiving[messageId] = { files: [dataName] };
        await state.save();
      }
    }
    const path = join(folders.in, dataName);
    await client.download(messageId, { path }, { durable: true });
    files.push(path);
  }
  if (report || folders.layout === 'java') {
    const path = join(folders.in, `${messageId}.ctl`);
    await writeFileAtomic(path, writeControlFile(receivedControl(metadata, now)), 0o644);
    files.push(path);
  }
  await syncFolder(folders.in);
  await deps.beforeAcknowledge?.(messageId);
  await client.acknowledge(messageId);
  deps.stores.audit.append({
    kind: 'message',
    action: 'received',
    outcome: 'ok',
    messageId,
    detail: `into IN as ${files.map((file) => basename(file)).join(' and ')}, then acknowledged`,
  });
  if (state.state.receiving[messageId]) {
    delete state.state.receiving[messageId];
    await state.save();
  }
  return {
    direction: 'in',
    name: messageId,
    outcome: 'received',
    messageId,
    files,
    ...(report
      ? {
          reason:
            `A REPORT about ${metadata.linkedMessageId ?? 'an earlier message'}: ${metadata.statusDescription ?? 'not delivered'}` +
            `${metadata.statusCode ? ` (code ${metadata.statusCode})` : ''}.`,
        }
      : {}),
  };
}
