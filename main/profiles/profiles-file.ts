// `<data folder>/profiles.json`: the profiles and which one is current. Each profile is a
// folder that holds exactly what a data folder held before profiles (settings.json, the
// stores, the vault, locks/): the first one is the data folder's top itself ("."), so a data
// folder made before profiles is its first profile as it is, and the others are
// `profiles/<name>/`. A missing file means one profile, at the top.
import { link, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
// zod/mini, not zod: the same checks, and every command loads this at start (zod's full API took ~18 ms to load).
import { array, literal, minLength, object, string, type infer as Infer } from 'zod/mini';
import { writeFileAtomic } from '../files/atomic-write';
import { SettingsError } from '../settings/settings-error';
import { SETTINGS_FILE_NAME } from '../settings/settings-file';
import { checkProfileName } from './profile-name';

export const PROFILES_FILE_NAME = 'profiles.json';
/** Where profiles other than the first keep their folders. */
export const PROFILES_FOLDER = 'profiles';
/** The first profile's folder: the data folder's top. */
export const TOP_FOLDER = '.';

const profilesFileSchema = object({
  version: literal(1),
  current: string(),
  profiles: array(object({ name: string(), folder: string() })).check(minLength(1)),
});

export type ProfilesFile = Infer<typeof profilesFileSchema>;

export function profilesFilePath(dataDir: string): string {
  return join(dataDir, PROFILES_FILE_NAME);
}

/** A profile's folder, absolute. Only "." and profiles/<name> are accepted, so a damaged file cannot point elsewhere. */
export function profileFolder(dataDir: string, folder: string): string {
  if (folder === TOP_FOLDER) return resolve(dataDir);
  const match = /^profiles\/([A-Za-z0-9][A-Za-z0-9_-]*)$/.exec(folder);
  if (!match) throw new SettingsError(`The profile folder "${folder}" in ${profilesFilePath(dataDir)} is not one the console makes.`);
  return join(resolve(dataDir), PROFILES_FOLDER, match[1]!);
}

/** The first profile's name before profiles.json exists: its mailbox (from settings.json), else "local" (the embedded server). */
export async function firstProfileName(dataDir: string): Promise<string> {
  let mailbox: unknown;
  try {
    mailbox = (JSON.parse(await readFile(join(dataDir, SETTINGS_FILE_NAME), 'utf8')) as { mailbox?: unknown }).mailbox;
  } catch {
    return 'local';
  }
  if (typeof mailbox !== 'string') return 'local';
  try {
    return checkProfileName(mailbox).toUpperCase();
  } catch {
    return 'default';
  }
}

/** The file, or undefined when there is none yet. A damaged one is a sentence: nothing is guessed. */
export async function readProfilesFile(dataDir: string): Promise<ProfilesFile | undefined> {
  const path = profilesFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SettingsError(`The profiles file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  let parsed;
  try {
    parsed = profilesFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success || !parsed.data.profiles.some((p) => p.name === parsed.data.current)) {
    throw new SettingsError(
      `The profiles file ${path} is damaged; restore it from a backup, or move it away to start again from the data ` +
        `folder's first profile.`,
    );
  }
  return parsed.data;
}

export async function writeProfilesFile(dataDir: string, file: ProfilesFile): Promise<void> {
  await writeFileAtomic(profilesFilePath(dataDir), JSON.stringify(file, null, 2) + '\n');
}

/**
 * Writes the file only if there is none (link is atomic and refuses an existing name), so a
 * first start never overwrites profiles another process has just added. False when it was there.
 */
export async function createProfilesFile(dataDir: string, file: ProfilesFile): Promise<boolean> {
  const temp = join(dataDir, `.${PROFILES_FILE_NAME}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFileAtomic(temp, JSON.stringify(file, null, 2) + '\n');
  try {
    await link(temp, profilesFilePath(dataDir));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
