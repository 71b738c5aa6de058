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
import { mkdir } from 'node:fs/promises';
import type { FolderPassItem, FolderPassResult } from '../domain';
import { DEFAULT_LOCK_WAIT_MS, FolderLock } from '../store/folder-lock';
import { FolderStateFile } from './folder-state';
import { inbound } from './inbound';
import { outbound } from './outbound';
import { message, type FolderPassDeps } from './pass-support';

export { DEFAULT_SETTLE_MS, type FolderPassDeps } from './pass-support';

/** One pass: OUT, then the inbox. The result is kept in folders.json (the last 20). */
export async function runFolderPass(deps: FolderPassDeps): Promise<FolderPassResult> {
  const now = deps.now ?? (() => new Date());
  const lock = new FolderLock(deps.dataDir, 'folders', {
    waitMs: deps.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
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
