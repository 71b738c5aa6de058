// The data folder's profiles: named mailbox connections, each with a folder of its own
// (profiles-file.ts). Changes to the list take a lock of their own in the data folder, so the
// app and the command line can add, rename or switch at the same time without losing one.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensurePrivateFolder } from '../settings/private-folder';
import { SettingsError } from '../settings/settings-error';
import { FolderLock } from '../store/folder-lock';
import { syncFolder } from '../files/atomic-write';
import { checkProfileName, sameProfileName } from './profile-name';
import {
  createProfilesFile,
  firstProfileName,
  PROFILES_FOLDER,
  profileFolder,
  readProfilesFile,
  TOP_FOLDER,
  writeProfilesFile,
  type ProfilesFile,
} from './profiles-file';

export interface Profile {
  name: string;
  /** The profile's own data folder, absolute. */
  dir: string;
  /** As kept in profiles.json: "." for the data folder's top, else profiles/<name>. */
  folder: string;
}

export interface ProfileList {
  dataDir: string;
  profiles: Profile[];
  current: string;
}

/** Problems writing profiles.json at first start that leave the folder usable for reading (a read-only disk, ...). */
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT']);

function listFrom(dataDir: string, file: ProfilesFile): ProfileList {
  return {
    dataDir,
    current: file.current,
    profiles: file.profiles.map((p) => ({ name: p.name, folder: p.folder, dir: profileFolder(dataDir, p.folder) })),
  };
}

function lockFor(dataDir: string): FolderLock {
  return new FolderLock(dataDir, 'profiles', {
    waitMs: 30_000,
    busySentence: 'Another process is changing the profiles of this data folder',
    purpose: `process ${process.pid}`,
  });
}

/**
 * The profiles. At first start (no profiles.json) the data folder as it is becomes the first
 * profile, named after its mailbox (or "local"); nothing is moved, so nothing is lost or sent
 * again, and a process of an older version still using the folder keeps seeing the same files.
 */
export async function openProfiles(dataDir: string): Promise<ProfileList> {
  const existing = await readProfilesFile(dataDir);
  if (existing) return listFrom(dataDir, existing);
  const name = await firstProfileName(dataDir);
  const file: ProfilesFile = { version: 1, current: name, profiles: [{ name, folder: TOP_FOLDER }] };
  try {
    await ensurePrivateFolder(dataDir);
    if (!(await createProfilesFile(dataDir, file))) return openProfiles(dataDir);
  } catch (error) {
    if (!READ_ONLY_CODES.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    // A folder that cannot be written is still read: profiles.json is written by the first start that can.
  }
  return listFrom(dataDir, file);
}

export function findProfile(list: ProfileList, name: string): Profile | undefined {
  return list.profiles.find((p) => sameProfileName(p.name, name));
}

/** The profile of that name; a sentence naming the profiles there are when there is none. */
export function profileNamed(list: ProfileList, name: string): Profile {
  const found = findProfile(list, name);
  if (found) return found;
  throw new SettingsError(`There is no profile called ${name}; the profiles are ${list.profiles.map((p) => p.name).join(', ')}.`);
}

function unknownProfile(list: ProfileList, name: string): SettingsError {
  return new SettingsError(
    `There is no profile "${name}" in ${list.dataDir}; the profiles are ${list.profiles.map((p) => p.name).join(', ')} ` +
      `(mesh-console profile list).`,
  );
}

/** The profile asked for (--profile, else MESH_PROFILE), else the current one. */
export function chooseProfile(list: ProfileList, asked?: string): Profile {
  if (asked === undefined || asked.trim() === '') return findProfile(list, list.current) ?? list.profiles[0]!;
  const found = findProfile(list, asked.trim());
  if (!found) throw unknownProfile(list, asked.trim());
  return found;
}

async function change(dataDir: string, edit: (file: ProfilesFile, list: ProfileList) => Promise<ProfilesFile>): Promise<ProfileList> {
  await openProfiles(dataDir);
  return lockFor(dataDir).run(async () => {
    const file = (await readProfilesFile(dataDir))!;
    const next = await edit(file, listFrom(dataDir, file));
    await writeProfilesFile(dataDir, next);
    return listFrom(dataDir, next);
  });
}

function checkNewName(list: ProfileList, name: string): string {
  const checked = checkProfileName(name);
  if (findProfile(list, checked))
    throw new SettingsError(`There is already a profile called ${findProfile(list, checked)!.name}; choose another name.`);
  return checked;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds a profile: `prepare` fills its new folder (settings.json) before the profile is listed,
 * so a crash or a refused setting leaves no half-made profile. A folder left by a removed
 * profile of the same name is not taken over: its records and history are not this one's.
 */
export async function addProfile(
  dataDir: string,
  name: string,
  prepare: (folder: string) => Promise<void>,
  options: { makeCurrent?: boolean } = {},
): Promise<ProfileList> {
  return change(dataDir, async (file, list) => {
    const checked = checkNewName(list, name);
    const folder = `${PROFILES_FOLDER}/${checked}`;
    const target = profileFolder(dataDir, folder);
    if (await exists(target)) {
      throw new SettingsError(
        `The folder ${target} is kept from a profile removed earlier; choose another name, or delete that folder first.`,
      );
    }
    await ensurePrivateFolder(join(dataDir, PROFILES_FOLDER));
    const staging = join(dataDir, PROFILES_FOLDER, `.adding-${checked}-${randomBytes(4).toString('hex')}`);
    await ensurePrivateFolder(staging);
    try {
      await prepare(staging);
      await rename(staging, target);
      await syncFolder(join(dataDir, PROFILES_FOLDER));
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    return {
      ...file,
      ...(options.makeCurrent ? { current: checked } : {}),
      profiles: [...file.profiles, { name: checked, folder }],
    };
  });
}

/** Renames a profile; its folder stays where it is, so anything running on it is not disturbed. */
export async function renameProfile(dataDir: string, from: string, to: string): Promise<ProfileList> {
  return change(dataDir, async (file, list) => {
    const profile = findProfile(list, from);
    if (!profile) throw unknownProfile(list, from);
    const checked = checkProfileName(to);
    const clash = findProfile(list, checked);
    if (clash && clash !== profile) throw new SettingsError(`There is already a profile called ${clash.name}; choose another name.`);
    return {
      ...file,
      current: sameProfileName(file.current, profile.name) ? checked : file.current,
      profiles: file.profiles.map((p) => (p.name === profile.name ? { ...p, name: checked } : p)),
    };
  });
}

/** Makes a profile the one chosen when none is asked for (the app's and the command line's). */
export async function useProfile(dataDir: string, name: string): Promise<ProfileList> {
  return change(dataDir, async (file, list) => {
    const profile = findProfile(list, name);
    if (!profile) throw unknownProfile(list, name);
    return { ...file, current: profile.name };
  });
}

/**
 * Takes a profile off the list. Its folder (records, export history, audit log) stays unless
 * `deleteData`; the first profile's folder is the data folder itself, so its data is never deleted here.
 */
export async function removeProfile(dataDir: string, name: string, options: { deleteData?: boolean } = {}): Promise<ProfileList> {
  let removed: Profile | undefined;
  const list = await change(dataDir, async (file, current) => {
    removed = findProfile(current, name);
    if (!removed) throw unknownProfile(current, name);
    if (current.profiles.length === 1) throw new SettingsError(`${removed.name} is the only profile; add another before removing it.`);
    if (options.deleteData && removed.folder === TOP_FOLDER) {
      throw new SettingsError(
        `The data of ${removed.name} is the data folder ${dataDir} itself, so it is not deleted from here; remove the ` +
          `profile keeping its data, and delete those files yourself if you mean to.`,
      );
    }
    const profiles = file.profiles.filter((p) => p.name !== removed!.name);
    return { ...file, profiles, current: sameProfileName(file.current, removed.name) ? profiles[0]!.name : file.current };
  });
  if (options.deleteData && removed) await rm(removed.dir, { recursive: true, force: true });
  return list;
}

/** Makes sure a profile's folder exists (a profile whose folder was deleted by hand starts empty). */
export async function ensureProfileFolder(profile: Profile): Promise<void> {
  await mkdir(profile.dir, { recursive: true, mode: 0o700 });
}
