// Opening the console's core for one command, and turning what went wrong into an exit code
// and a sentence on stderr.
import { isMeshError } from '../mesh';
import type { AuditSource } from '../domain';
import { ConsoleRuntime } from '../app/runtime';
import { cliSecretsFilePath, readCliSecretsFile } from '../settings/cli-secrets-file';
import { defaultDataDir } from '../settings/data-dir';
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

function cliDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESH_DATA_DIR?.trim() || defaultDataDir();
}

/** `auditSource`: what the audit log says the entries came from; `mesh-console jobs` is 'job'. */
export async function openCliRuntime(env: NodeJS.ProcessEnv = process.env, auditSource: AuditSource = 'cli'): Promise<ConsoleRuntime> {
  const dataDir = cliDataDir(env);
  await checkFolderUsable(dataDir);
  const extraSecrets = readCliSecretsFile(cliSecretsFilePath(dataDir, env));
  const runtime = await ConsoleRuntime.open({
    env,
    dataDir,
    encryptor: FileKeyEncryptor.inDataDir(dataDir),
    ...(extraSecrets ? { extraSecrets } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
    purpose: `mesh-console ${process.argv[2] ?? ''}`.trim(),
    auditSource,
  });
  // A store file set aside as unreadable (and the like) is told here, as the app shows it in a banner.
  for (const notice of runtime.startupNotices) process.stderr.write(`mesh-console: ${notice}\n`);
  return runtime;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof SettingsError) return EXIT_USAGE;
  return EXIT_FAILED;
}

/** Runs a command with the core open; prints the reason for any failure on stderr and returns the exit code. */
export async function runCommand(options: CommandOptions, body: (runtime: ConsoleRuntime, out: Output) => Promise<void>): Promise<number> {
  const out = createOutput(Boolean(options.json));
  let runtime: ConsoleRuntime | undefined;
  try {
    runtime = await openCliRuntime();
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
