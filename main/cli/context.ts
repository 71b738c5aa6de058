// Opening the console's core for one command, and turning what went wrong into an exit code
// and a sentence on stderr.
import { isMeshError } from '../mesh';
import type { AuditSource } from '../domain';
import { ConsoleRuntime } from '../app/runtime';
import { cliSecretsFilePath, readCliSecretsFile } from '../settings/cli-secrets-file';
import { defaultDataDir } from '../settings/data-dir';
import { chooseProfile, openProfiles, type Profile, type ProfileList } from '../profiles/profiles';
import { envForProfile } from '../profiles/profile-settings';
import { FileKeyEncryptor } from '../settings/file-encryptor';
import { checkFolderUsable } from '../settings/private-folder';
import { storageProblem } from '../store/storage-errors';
import { SettingsError } from '../settings/settings-error';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes';
import { createOutput, type Output } from './output';
import { whereToSet } from './where-settings-are';

export interface CommandOptions {
  json?: boolean;
}

/** Thrown by a command that reported its own failure: exit 1 without another message. */
export class ReportedFailure extends Error {
  override name = 'ReportedFailure';
}

/** --profile, when given; set by the program before a command runs. */
let profileOption: string | undefined;

export function setProfileOption(name: string | undefined): void {
  profileOption = name;
}

/** The whole data folder (MESH_DATA_DIR, else the platform's); profiles are chosen within it. */
export function cliDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESH_DATA_DIR?.trim() || defaultDataDir();
}

/** The data folder's profiles; a folder from before profiles becomes the first one (main/profiles/). */
export async function cliProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileList> {
  const dataDir = cliDataDir(env);
  await checkFolderUsable(dataDir);
  return openProfiles(dataDir);
}

/** The profile named by --profile, else MESH_PROFILE; undefined when neither names one. */
export function profileAsked(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = profileOption ?? env.MESH_PROFILE;
  return asked?.trim() ? asked.trim() : undefined;
}

/** The profile a command works on: --profile, else MESH_PROFILE, else the one last chosen. */
export function profileInUse(list: ProfileList, env: NodeJS.ProcessEnv = process.env): Profile {
  return chooseProfile(list, profileAsked(env));
}

/** The profile's folder, for commands that only read or write its settings. */
export async function cliProfileDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return profileInUse(await cliProfiles(env), env).dir;
}

const tellNotice = (notice: string) => process.stderr.write(`mesh-console: ${notice}\n`);

/**
 * Opens the core on a profile: the one in use unless another is given (the jobs of every
 * profile). Secrets are decrypted with the data folder's one key file, as in the app.
 */
export async function openCliRuntime(
  env: NodeJS.ProcessEnv = process.env,
  options: { only?: { list: ProfileList; profile: Profile }; auditSource?: AuditSource; meshStoresOnly?: boolean } = {},
): Promise<ConsoleRuntime> {
  const { only } = options;
  const list = only?.list ?? (await cliProfiles(env));
  const inUse = profileInUse(list, env);
  const profile = only?.profile ?? inUse;
  const profileEnv = envForProfile(env, profile.dir === inUse.dir);
  const dataDir = profile.dir;
  const extraSecrets = readCliSecretsFile(cliSecretsFilePath(dataDir, profileEnv));
  const runtime = await ConsoleRuntime.open({
    env: profileEnv,
    dataDir,
    encryptor: FileKeyEncryptor.inDataDir(list.dataDir),
    ...(extraSecrets ? { extraSecrets } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
    purpose: `mesh-console ${process.argv[2] ?? ''}`.trim(),
    auditSource: options.auditSource ?? 'cli',
    // No command reads the earlier entries through the runtime (`mesh-console audit` opens the log itself).
    auditHistory: false,
    ...(options.meshStoresOnly ? { meshStoresOnly: true, onLateStoreNotice: tellNotice } : {}),
  });
  // A store file set aside as unreadable (and the like) is told here, as the app shows it in a banner.
  for (const notice of runtime.startupNotices) tellNotice(notice);
  return runtime;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof SettingsError) return EXIT_USAGE;
  return EXIT_FAILED;
}

type CommandBody = (runtime: ConsoleRuntime, out: Output) => Promise<void>;

/** Runs a command that does not open the core (it reads or writes a file or two); the same exit codes and sentences as runCommand. */
export async function runWithoutCore(options: CommandOptions, body: (out: Output) => Promise<void>): Promise<number> {
  const out = createOutput(Boolean(options.json));
  try {
    await body(out);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ReportedFailure)) reportError(out, error);
    return exitCodeFor(error);
  }
}

/** Runs a command with the core open; prints the reason for any failure on stderr and returns the exit code. */
export async function runCommand(options: CommandOptions, body: CommandBody, open: { meshStoresOnly?: boolean } = {}): Promise<number> {
  const out = createOutput(Boolean(options.json));
  let runtime: ConsoleRuntime | undefined;
  try {
    runtime = await openCliRuntime(process.env, open);
    await body(runtime, out);
    return EXIT_OK;
  } catch (error) {
    out.endProgress();
    if (!(error instanceof ReportedFailure)) reportError(out, error);
    return exitCodeFor(error);
  } finally {
    await runtime?.close();
  }
}

/**
 * runCommand for a MESH command: it uses the MESH client and `runtime.meshStores` only, so (with a real mailbox) the
 * records, the export history and the read marks are not read; records.json of 100,000 records took 1.8 s and
 * 130 MB at every start (issue 14).
 */
export function runMeshCommand(options: CommandOptions, body: CommandBody): Promise<number> {
  return runCommand(options, body, { meshStoresOnly: true });
}

/** The sentence for what went wrong; a MESH error naming settings to check is followed by how to set them here. */
export function errorMessage(error: unknown, dataDir = cliDataDir()): string {
  const message = storageProblem(error, dataDir) ?? (error instanceof Error ? error.message : String(error));
  const where = isMeshError(error) ? whereToSet(error.settings) : undefined;
  return where ? `${message} ${where}` : message;
}

export function reportError(out: Output, error: unknown, dataDir = cliDataDir()): void {
  const message = errorMessage(error, dataDir);
  if (out.json) {
    const kind = isMeshError(error)
      ? error.kind
      : error instanceof SettingsError
        ? 'settings'
        : error instanceof UsageError
          ? 'usage'
          : 'error';
    process.stderr.write(`${JSON.stringify({ error: message, kind })}\n`);
  } else {
    process.stderr.write(`mesh-console: ${message}\n`);
  }
}
