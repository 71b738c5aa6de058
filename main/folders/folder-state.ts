// `folders.json` in the data folder: what a folder pass must remember across a crash, and the
// last passes for the screens and `mesh-console folders show`.
//
// - `sending`: a file in OUT whose send has started, with the local id it went with. Written
//   (and fsynced) before the send, cleared once the file is in SENT or FAILED; a pass that finds
//   one left over looks the local id up in MESH instead of sending the file again.
// - `receiving`: the file name chosen in IN for a message not yet acknowledged (plain layout), so
//   that a pass after a crash writes the same file again rather than a second copy beside it.
//
// Only a pass writes it, holding the `folders` lock, so nothing else changes it meanwhile.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderPassResult } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';

export const FOLDER_STATE_FILE = 'folders.json';
/** How many passes are kept. */
export const KEPT_PASSES = 20;

export interface PendingSend {
  localId: string;
  startedAt: string;
}

export interface FolderState {
  version: 1;
  /** By the data file's name in OUT. */
  sending: Record<string, PendingSend>;
  /** By message id: the names its files have in IN. */
  receiving: Record<string, { files: string[] }>;
  /** Newest last. */
  passes: FolderPassResult[];
}

function empty(): FolderState {
  return { version: 1, sending: {}, receiving: {}, passes: [] };
}

function isState(value: unknown): value is FolderState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const isRecord = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  return v.version === 1 && isRecord(v.sending) && isRecord(v.receiving) && Array.isArray(v.passes);
}

export class FolderStateFile {
  private constructor(
    readonly path: string,
    public state: FolderState,
    /** A sentence when an unreadable file was set aside. */
    readonly notice: string | undefined,
  ) {}

  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<FolderStateFile> {
    const path = join(dataDir, FOLDER_STATE_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new FolderStateFile(path, empty(), undefined);
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (isState(parsed)) return new FolderStateFile(path, parsed, undefined);
    } catch {
      // Set aside below.
    }
    const aside = `${path}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, aside);
    return new FolderStateFile(
      path,
      empty(),
      `The folder pass record ${path} could not be read and was kept as ${aside}; files whose send was interrupted ` +
        `before it was lost cannot be looked up, so check SENT and the outbox before sending them again.`,
    );
  }

  /** Written atomically and fsynced: what it says must survive a crash straight after. */
  async save(): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(this.state, null, 2) + '\n');
  }

  async addPass(pass: FolderPassResult): Promise<void> {
    this.state.passes.push(pass);
    this.state.passes.splice(0, Math.max(0, this.state.passes.length - KEPT_PASSES));
    await this.save();
  }
}

/** The last passes, newest first, without taking the lock (a reader sees an old or a new file, never half). */
export async function readFolderPasses(dataDir: string): Promise<FolderPassResult[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dataDir, FOLDER_STATE_FILE), 'utf8'));
    return isState(parsed) ? [...parsed.passes].reverse() : [];
  } catch {
    return [];
  }
}
