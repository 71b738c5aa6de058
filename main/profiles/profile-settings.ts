// A new profile's settings.json, from the command line's options or from another profile, and
// the environment each profile is opened with.
import { isAbsolute, resolve } from 'node:path';
import { buildSettings, ENV_VARIABLES } from '../settings/load-settings';
import { readSettingsFile, writeSettingsFile, type SettingsFile } from '../settings/settings-file';

export interface NewProfileSettings {
  environment: string;
  baseUrl?: string;
  mailbox: string;
  dpsMailbox?: string;
  workflow?: string;
  caBundle?: string;
  certificate?: string;
  privateKey?: string;
}

/** Variables that choose a profile's settings or secrets: they apply to the profile in use only. */
const PROFILE_VARIABLES = [...Object.keys(ENV_VARIABLES), 'MESH_SECRETS_FILE'];

/**
 * The environment a profile is opened with. The MESH_* settings variables override the profile
 * in use (scripts rely on them); a profile opened beside it (the jobs of every profile) is not
 * given another mailbox's password or address by them.
 */
export function envForProfile(env: NodeJS.ProcessEnv, inUse: boolean): NodeJS.ProcessEnv {
  if (inUse) return env;
  const own = { ...env };
  for (const name of PROFILE_VARIABLES) delete own[name];
  return own;
}

/** The MESH_* variables set (not blank) that override the settings of the profile in use, by name. */
export function overridingVariables(env: NodeJS.ProcessEnv): string[] {
  return PROFILE_VARIABLES.filter((name) => (env[name] ?? '').trim() !== '');
}

function absolute(path: string | undefined, from: string): string | undefined {
  if (path === undefined || path.startsWith('-----BEGIN')) return path;
  return isAbsolute(path) ? path : resolve(from, path);
}

/** settings.json for `profile add`: file paths made absolute from where the command was run. */
export function newProfileSettingsFile(input: NewProfileSettings, cwd: string): SettingsFile {
  const file: SettingsFile = { environment: input.environment, mailbox: input.mailbox };
  if (input.baseUrl) file.base_url = input.baseUrl;
  if (input.dpsMailbox) file.dps_mailbox = input.dpsMailbox;
  if (input.workflow) file.dps_workflow_id = input.workflow;
  const ca = absolute(input.caBundle, cwd);
  const certificate = absolute(input.certificate, cwd);
  const key = absolute(input.privateKey, cwd);
  if (ca) file.ca_bundle = ca;
  if (certificate) file.certificate = certificate;
  if (key) file.private_key = key;
  return file;
}

/**
 * Another profile's settings for a duplicate: the connection (paths made absolute from the
 * profile they came from) without what must belong to one profile only. Two profiles keeping
 * the same OUT folder or inbound folder would both send its files, so those are left out, and
 * scheduled jobs start off.
 */
export async function duplicateSettingsFile(fromDir: string): Promise<SettingsFile> {
  const source = await readSettingsFile(fromDir);
  const copy: SettingsFile = { ...source };
  delete copy.folders;
  delete copy.inbound_folder;
  delete copy.mesh_jobs;
  for (const key of ['certificate', 'private_key', 'ca_bundle'] as const) {
    const path = absolute(copy[key], fromDir);
    if (path) copy[key] = path;
  }
  return copy;
}

/** Writes a new profile's settings.json after checking them as loading would (without the MESH_* variables). */
export async function writeProfileSettings(folder: string, file: SettingsFile, env: NodeJS.ProcessEnv): Promise<void> {
  buildSettings(file, envForProfile(env, false), folder);
  await writeSettingsFile(folder, file);
}
