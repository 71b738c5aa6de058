// The data folder holds patient records, DPS export files, the audit log and the encrypted
// secrets, so only its owner may open it: made 0700 when new, and narrowed to 0700 when an
// older folder (made under the default umask, 0755) lets others in.
import { constants } from 'node:fs';
import { access, chmod, mkdir, stat } from 'node:fs/promises';
import { SettingsError } from './settings-error';

export async function ensurePrivateFolder(dir: string, options: { platform?: NodeJS.Platform; uid?: number } = {}): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Windows has no mode bits; a per-user profile folder is private there already.
  if ((options.platform ?? process.platform) === 'win32') return;
  const folder = await stat(dir);
  if ((folder.mode & 0o077) === 0) return;
  const uid = options.uid ?? process.getuid?.();
  if (uid !== undefined && folder.uid !== uid) {
    throw new SettingsError(
      `The data folder ${dir} belongs to another user and others can open it, so the console will not keep patient ` +
        `data or secrets there; choose a folder of your own with MESH_DATA_DIR.`,
    );
  }
  await chmod(dir, 0o700);
}

/**
 * Before anything is read from it: a data folder this user cannot open (another user's) is
 * one sentence, not an EACCES from whichever file is opened first.
 */
export async function checkFolderUsable(dir: string, options: { uid?: number } = {}): Promise<void> {
  let folder;
  try {
    folder = await stat(dir);
  } catch {
    return; // Not there yet: it is made, private, when first used.
  }
  try {
    // Read and enter: a folder on a read-only disk is still usable for what only reads (and a send says what it could not record).
    await access(dir, constants.R_OK | constants.X_OK);
  } catch {
    const uid = options.uid ?? process.getuid?.();
    const whose = uid !== undefined && folder.uid !== uid ? `belongs to another user (uid ${folder.uid})` : 'cannot be opened by this user';
    throw new SettingsError(
      `The data folder ${dir} ${whose}, so the console cannot read or keep its records there; run it as that user, ` +
        `or choose a folder of your own with MESH_DATA_DIR.`,
    );
  }
}
