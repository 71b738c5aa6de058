// One pass over the mailbox folders, as NHS's Java MESH client keeps them (docs: README,
// "Mailbox folders"): every complete file in OUT is sent and moved to SENT, or to FAILED with a
// reason file beside it; every message waiting in the inbox that matches the workflow filter is
// written into IN, flushed to disk, and only then acknowledged.
//
// Never twice, never lost:
// - a send's local id is written to folders.json (fsynced) before the send; a pass that finds
//   one left by a pass that died looks it up in MESH by that local id and sends nothing when
//   MESH has it (docs/mesh-protocol.md, "Tracking");
// - a message is acknowledged only once its files are renamed into place and fsynced; a pass
//   that died before acknowledging leaves it in the inbox, and the next pass writes the same
//   names again (the Java layout's names are the message id; the plain layout's name is kept in
//   folders.json before the file is written), then acknowledges.
// One pass at a time per data folder: a pass holds the `folders` lock throughout.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FolderPassItem, FolderPassResult, FolderSettings } from '../domain';
import { syncFolder, writeFileAtomic } from '../files/atomic-write';
import { isMeshError, type MeshClient, type MessageMetadata } from '../mesh';
import { safeFileName } from '../operations/safe-file-name';
import type { SendDeps } from '../operations/send';
import { FolderLock } from '../store/folder-lock';
import {
  ControlFileError,
  parseControlFile,
  sendInstructions,
  writeControlFile,
  type ControlFile,
  type SendInstructions,
} from './control-file';
import { FolderStateFile } from './folder-state';
import { freeStem, moveNoReplace } from './move-file';

/** How long a file must keep its size and modification time between the pass's two looks at OUT. */
export const DEFAULT_SETTLE_MS = 1000;

export interface FolderPassDeps extends SendDeps {
  folders: FolderSettings;
  /** Who this process is, for the sentence another pass shows while it waits. */
  purpose?: string;
  lockWaitMs?: number;
  /** Between the two looks at OUT; default: wait DEFAULT_SETTLE_MS. */
  settle?: () => Promise<void>;
  /** Uncompressed bytes per chunk; default the client's (20 MiB). */
  chunkSizeBytes?: number;
  /** Only one direction; default both. */
  direction?: 'out' | 'in' | 'both';
  /** Called once MESH has accepted a file, before it is moved to SENT. */
  afterSend?: (name: string, messageId: string) => Promise<void>;
  /** Called once a message's files are written and flushed, before it is acknowledged. */
  beforeAcknowledge?: (messageId: string) => Promise<void>;
  now?: () => Date;
}

/** MESH refused the file itself: sending it again as it is would be refused again. */
const REFUSED = new Set([
  'unregistered-recipient',
  'workflow-not-allowed',
  'empty-message',
  'bad-request',
  'forbidden',
  'send-incomplete',
  'chunk-error',
]);

interface Look {
  size: number;
  mtimeMs: number;
}

async function look(dir: string): Promise<Map<string, Look>> {
  const out = new Map<string, Look>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Hidden files are ours (partial downloads, temporary files) or the system's.
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    try {
      const s = await stat(join(dir, entry.name));
      out.set(entry.name, { size: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Gone between the listing and the look: not there.
    }
  }
  return out;
}

function meshTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'is not there',
  EACCES: 'may not be read or written by this user',
  EPERM: 'may not be read or written by this user',
  ENOSPC: 'is on a full disk',
  EROFS: 'is on a read-only disk',
  EBUSY: 'is in use by another program',
  ENOTDIR: 'is not a folder (part of its path is a file)',
};

/** The sentence for what went wrong; a file system error names the path and the cause, never a stack. */
function message(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code && path && !isMeshError(error)) {
    const problem = FILE_PROBLEMS[code] ?? `could not be used (${code})`;
    return `${path} ${problem}: check the mailbox folders and their permissions.`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** One pass: OUT, then the inbox. The result is kept in folders.json (the last 20). */
export async function runFolderPass(deps: FolderPassDeps): Promise<FolderPassResult> {
  const now = deps.now ?? (() => new Date());
  const lock = new FolderLock(deps.dataDir, 'folders', {
    waitMs: deps.lockWaitMs ?? 30_000,
    busySentence: 'Another folder pass is running in this data folder',
    purpose: deps.purpose ?? 'a folder pass',
  });
  return lock.run(async () => {
    const startedAt = now().toISOString();
    const state = await FolderStateFile.open(deps.dataDir, now);
    const items: FolderPassItem[] = [];
    let error: string | undefined = state.notice;
    try {
      const { folders } = deps;
      for (const dir of [folders.out, folders.in, folders.sent, folders.failed]) await mkdir(dir, { recursive: true });
      const direction = deps.direction ?? 'both';
      if (direction !== 'in') await outbound(deps, state, items);
      if (direction !== 'out') await inbound(deps, state, items, now);
    } catch (failure) {
      error = message(failure);
    }
    const result: FolderPassResult = { startedAt, finishedAt: now().toISOString(), items, ...(error ? { error } : {}) };
    await state.addPass(result);
    return result;
  });
}

// ---- OUT ----------------------------------------------------------------------------------

interface Outgoing {
  /** The data file's name in OUT. */
  name: string;
  /** The control file's name in OUT, when it has one. */
  control?: string;
}

async function outbound(deps: FolderPassDeps, state: FolderStateFile, items: FolderPassItem[]): Promise<void> {
  const { folders } = deps;
  const first = await look(folders.out);
  await (deps.settle ?? (() => new Promise<void>((resolve) => setTimeout(resolve, DEFAULT_SETTLE_MS))))();
  const second = await look(folders.out);
  const stable = new Set<string>();
  for (const [name, now] of second) {
    const before = first.get(name);
    if (before && before.size === now.size && before.mtimeMs === now.mtimeMs) stable.add(name);
  }
  const names = [...second.keys()].sort();
  const lower = new Map(names.map((name) => [name.toLowerCase(), name]));
  const work: Outgoing[] = [];
  for (const name of names) {
    const low = name.toLowerCase();
    if (low.endsWith('.ctl')) {
      const data = lower.get(low.slice(0, -4) + '.dat');
      if (!data)
        items.push({
          direction: 'out',
          name,
          outcome: 'waiting',
          reason: `The control file ${name} waits for its data file ${name.slice(0, -4)}.dat.`,
        });
      continue;
    }
    if (low.endsWith('.dat')) {
      const control = lower.get(low.slice(0, -4) + '.ctl');
      if (control) {
        work.push({ name, control });
      } else if (!state.state.sending[name]) {
        items.push({
          direction: 'out',
          name,
          outcome: 'waiting',
          reason: `The data file ${name} waits for its control file ${name.slice(0, -4)}.ctl (a .dat file is sent only with one).`,
        });
      } else work.push({ name });
      continue;
    }
    work.push({ name });
  }
  for (const file of work) {
    const unsettled = [file.name, file.control].filter((n): n is string => n !== undefined && !stable.has(n));
    if (unsettled.length && !state.state.sending[file.name]) {
      items.push({
        direction: 'out',
        name: file.name,
        outcome: 'waiting',
        reason: `${unsettled.join(' and ')} is still being written; it goes at the next pass.`,
      });
      continue;
    }
    try {
      items.push(await sendOne(deps, state, file));
    } catch (error) {
      // One file that cannot be read or moved does not hold up the others.
      items.push({ direction: 'out', name: file.name, outcome: 'waiting', blocked: true, reason: message(error) });
    }
  }
}

async function sendOne(deps: FolderPassDeps, state: FolderStateFile, file: Outgoing): Promise<FolderPassItem> {
  const { folders } = deps;
  const item = (rest: Omit<FolderPassItem, 'direction' | 'name'>): FolderPassItem => ({ direction: 'out', name: file.name, ...rest });
  // A send this file started in an earlier pass that did not finish: MESH may have it, whatever
  // its control file says now.
  const pending = state.state.sending[file.name];
  if (pending) {
    const settled = await reconcile(deps, state, file, pending.localId);
    if (settled) return settled;
  }

  let control: ControlFile | undefined;
  let instructions: SendInstructions;
  try {
    if (file.control) {
      control = parseControlFile(await readFile(join(folders.out, file.control), 'utf8'), file.control);
      instructions = sendInstructions(control, file.control);
    } else if (folders.rule) {
      instructions = { to: folders.rule.to, workflowId: folders.rule.workflowId };
    } else {
      return await toFailed(
        deps,
        state,
        file,
        `${file.name} has no control file and the folders have no rule (a recipient and workflow) for such files; ` +
          `give it a control file (NAME.dat with NAME.ctl), or set the rule with mesh-console folders set --to MAILBOX --send-workflow W.`,
      );
    }
  } catch (error) {
    if (error instanceof ControlFileError) return await toFailed(deps, state, file, error.message);
    throw error;
  }

  const localId = pending?.localId ?? instructions.localId ?? `mesh-console-folder-${randomUUID()}`;
  state.state.sending[file.name] = { localId, startedAt: new Date().toISOString() };
  await state.save();
  let messageId: string;
  try {
    messageId = await send(deps, file.name, instructions, localId);
  } catch (error) {
    if (isMeshError(error) && error.kind === 'send-outcome-unknown') {
      return item({
        outcome: 'waiting',
        blocked: true,
        reason: `${error.message} The next pass looks it up by its local id ${localId} before sending anything.`,
      });
    }
    delete state.state.sending[file.name];
    await state.save();
    if (isMeshError(error) && REFUSED.has(error.kind)) return await toFailed(deps, state, file, error.message);
    return item({ outcome: 'waiting', blocked: true, reason: `${message(error)} It stays in OUT for the next pass.` });
  }
  await deps.afterSend?.(file.name, messageId);
  const files = await toSent(deps, state, file, control, messageId, instructions);
  return item({ outcome: 'sent', messageId, files });
}

/** Sends as the send-file dialog does (operations/send.ts): audited, and listed with the messages sent. */
async function send(deps: FolderPassDeps, name: string, instructions: SendInstructions, localId: string): Promise<string> {
  const path = join(deps.folders.out, name);
  const bytes = (await stat(path)).size;
  let sent;
  try {
    sent = await (
      await deps.client()
    ).send({
      to: instructions.to,
      workflowId: instructions.workflowId,
      source: { path },
      fileName: name,
      localId,
      compress: instructions.compress === false ? false : 'auto',
      ...(instructions.subject ? { subject: instructions.subject } : {}),
      ...(deps.chunkSizeBytes ? { chunkSizeBytes: deps.chunkSizeBytes } : {}),
    });
  } catch (error) {
    deps.stores.audit.append({
      kind: 'message',
      action: 'send',
      outcome: 'failed',
      detail: `${name} from OUT to ${instructions.to}: ${message(error)}`,
    });
    throw error;
  }
  deps.stores.audit.append({
    kind: 'message',
    action: 'sent',
    outcome: 'ok',
    messageId: sent.messageId,
    detail: `${name} from OUT to ${instructions.to} (${sent.chunks} chunks)`,
  });
  // The sent list is a convenience: MESH has the message, and the file goes to SENT whatever happens here.
  await deps.stores.sent
    .add({
      messageId: sent.messageId,
      to: instructions.to,
      workflowId: instructions.workflowId,
      fileName: name,
      localId,
      bytes,
      sentAt: new Date().toISOString(),
      status: 'accepted',
      ...(instructions.subject ? { subject: instructions.subject } : {}),
    })
    .catch(() => undefined);
  return sent.messageId;
}

/** Looks a pending send up by its local id; the item when it is settled, undefined when MESH never had it. */
async function reconcile(
  deps: FolderPassDeps,
  state: FolderStateFile,
  file: Outgoing,
  localId: string,
): Promise<FolderPassItem | undefined> {
  let tracking;
  try {
    tracking = await (await deps.client()).trackByLocalId(localId);
  } catch (error) {
    if (isMeshError(error) && error.kind === 'not-found') {
      delete state.state.sending[file.name];
      await state.save();
      return undefined;
    }
    if (isMeshError(error) && error.kind === 'ambiguous-local-id') {
      return await toFailed(
        deps,
        state,
        file,
        `An earlier pass was interrupted while sending ${file.name}, and MESH holds several messages with its local id ` +
          `${localId}, so the console cannot tell whether it went; check the outbox, and move it back to OUT only if it did not.`,
      );
    }
    return {
      direction: 'out',
      name: file.name,
      outcome: 'waiting',
      blocked: true,
      reason: `${message(error)} It stays in OUT until MESH says whether it has it.`,
    };
  }
  if (tracking.status === 'accepted' || tracking.status === 'acknowledged') {
    const files = await toSent(deps, state, file, undefined, tracking.messageId, undefined);
    return {
      direction: 'out',
      name: file.name,
      outcome: 'sent',
      messageId: tracking.messageId,
      files,
      reason:
        `An earlier pass sent it as ${tracking.messageId} before it was interrupted ` +
        `(found by its local id ${localId}); it was not sent again.`,
    };
  }
  return await toFailed(
    deps,
    state,
    file,
    `An earlier pass was interrupted while sending ${file.name}, and MESH has it as ${tracking.messageId} with status ` +
      `${tracking.status}, so it will not be delivered; move it back to OUT to send it again.`,
  );
}

function pairNames(file: Outgoing): { names: string[]; stem: string; extensions: string[] } {
  if (file.control) {
    const stem = file.name.slice(0, -4);
    return { names: [file.name, file.control], stem, extensions: [file.name.slice(-4), file.control.slice(-4)] };
  }
  return { names: [file.name], stem: file.name, extensions: [''] };
}

async function moveAll(from: string, to: string, file: Outgoing): Promise<{ stem: string; files: string[] }> {
  const { names, stem, extensions } = pairNames(file);
  const free = await freeStem(to, stem, extensions);
  const files: string[] = [];
  for (const [i, name] of names.entries()) {
    const target = join(to, free + extensions[i]!);
    await moveNoReplace(join(from, name), target);
    files.push(target);
  }
  return { stem: free, files };
}

async function toSent(
  deps: FolderPassDeps,
  state: FolderStateFile,
  file: Outgoing,
  control: ControlFile | undefined,
  messageId: string,
  instructions: SendInstructions | undefined,
): Promise<string[]> {
  const { folders } = deps;
  const moved = await moveAll(folders.out, folders.sent, file);
  if (file.control && control) {
    // As the Java client does: the control file in SENT says what MESH made of it.
    const ctl = moved.files[1]!;
    const sentControl: ControlFile = {
      ...control,
      ...(instructions ? { toDts: instructions.to } : {}),
      dtsId: messageId,
      statusRecord: { dateTime: meshTime(new Date()), event: 'SEND', status: 'SUCCESS', statusCode: '00', description: 'Accepted by MESH' },
    };
    await writeFileAtomic(ctl, writeControlFile(sentControl), 0o644);
  }
  delete state.state.sending[file.name];
  await state.save();
  return moved.files;
}

async function toFailed(deps: FolderPassDeps, state: FolderStateFile, file: Outgoing, reason: string): Promise<FolderPassItem> {
  const moved = await moveAll(deps.folders.out, deps.folders.failed, file);
  const reasonFile = join(deps.folders.failed, `${moved.stem}.reason.txt`);
  await writeFile(reasonFile, `${reason}\n`, { mode: 0o644 });
  delete state.state.sending[file.name];
  await state.save();
  return { direction: 'out', name: file.name, outcome: 'failed', files: [...moved.files, reasonFile], reason };
}

// ---- IN -----------------------------------------------------------------------------------

async function inbound(deps: FolderPassDeps, state: FolderStateFile, items: FolderPassItem[], now: () => Date): Promise<void> {
  const { folders } = deps;
  const client = await deps.client();
  const ids = await client.inboxAll(folders.workflowFilter ? { workflowFilter: folders.workflowFilter } : {});
  const waiting = new Set(ids);
  for (const messageId of ids) {
    try {
      items.push(await receiveOne(deps, client, state, messageId, now));
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

async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
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
): Promise<FolderPassItem> {
  const { folders } = deps;
  const metadata = await client.metadata(messageId);
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
    await client.download(messageId, { path });
    await flushFile(path);
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
