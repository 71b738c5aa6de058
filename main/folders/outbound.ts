// OUT: every complete file is sent and moved to SENT, or to FAILED with a reason file beside it.
// A send's local id is kept in folders.json (fsynced) before the send, so a pass that died is
// settled by that local id in MESH, never by sending again.
import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderPassItem } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';
import { isMeshError } from '../mesh';
import {
  ControlFileError,
  parseControlFile,
  sendInstructions,
  writeControlFile,
  type ControlFile,
  type SendInstructions,
} from './control-file';
import type { FolderStateFile } from './folder-state';
import { freeStem, moveNoReplace } from './move-file';
import { DEFAULT_SETTLE_MS, meshTime, message, type FolderPassDeps } from './pass-support';

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

interface Outgoing {
  /** The data file's name in OUT. */
  name: string;
  /** The control file's name in OUT, when it has one. */
  control?: string;
}

export async function outbound(deps: FolderPassDeps, state: FolderStateFile, items: FolderPassItem[]): Promise<void> {
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
