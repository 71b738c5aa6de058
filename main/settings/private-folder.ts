// The data folder holds patient records, DPS export files, the audit log and the encrypted
// secrets, so only its owner may open it: made 0700 when new, and narrowed to 0700 when an
// older folder (made under the default umask, 0755) lets others in.
import { chmod, mkdir, stat } from 'node:fs/promises';
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
      `The data folder ${dir} belongs to another user and others can open it, so the console will not keep patient data or secrets there; choose a folder of your own with MESH_DATA_DIR.`,
    );
  }
  await chmod(dir, 0o700);
}
