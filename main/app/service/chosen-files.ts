// The files an operator chose to send (in a dialog, or by dropping one on the window), known to
// the screens only by a token: the renderer never holds a path it could change, and main checks
// each path itself before accepting it.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { ChosenFile } from '../../domain';

export class ChosenFiles {
  private readonly paths = new Map<string, string>();

  /** A token for a regular, readable file at an absolute path; a sentence when it is not one. */
  async choose(path: string): Promise<ChosenFile> {
    if (!isAbsolute(path)) throw new Error('The console could not tell where the dropped file is: choose it with “Choose a file” instead.');
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new Error(`${basename(path)} could not be opened: check it still exists, then choose it again.`);
    }
    if (!info.isFile()) throw new Error(`${basename(path)} is a folder, not a file: choose one file to send.`);
    const token = randomUUID();
    this.paths.set(token, path);
    return { token, name: basename(path), size: info.size };
  }

  pathOf(token: string): string | undefined {
    return this.paths.get(token);
  }
}
