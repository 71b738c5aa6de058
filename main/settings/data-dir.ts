// Where the console keeps its files: MESH_DATA_DIR, else the platform's per-user app data folder.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_FOLDER = 'mesh-console';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const fromEnv = env.MESH_DATA_DIR?.trim();
  if (fromEnv) return platform === 'win32' ? win32.resolve(fromEnv) : posix.resolve(fromEnv);
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_FOLDER);
}
