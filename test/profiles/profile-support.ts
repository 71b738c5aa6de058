// Adds a profile with the real command line, pointed at a sandbox server process; changes a
// profile's settings from another process, as the app's Settings screen writes them; starts a
// sandbox with profiles whose jobs are on.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SettingsChange } from '../../main/settings/settings-view';
import { cli } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';

export async function addSandboxProfile(sandbox: SandboxProcess, dataDir: string, name: string, mailbox: string): Promise<void> {
  const connection = sandbox.consoleEnv(dataDir);
  const args = ['profile', 'add', name, '--environment', 'custom', '--base-url', connection.MESH_BASE_URL!];
  args.push('--ca-bundle', connection.MESH_CA_BUNDLE!, '--mailbox', mailbox);
  const added = await cli(args, { MESH_DATA_DIR: dataDir });
  assert.equal(added.code, 0, added.stderr);
}

/** Stores a profile's password (the sandbox's own unless given) and shared key with `mesh-console secret set`. */
export async function setProfileSecrets(dataDir: string, profile: string, password = 'password'): Promise<void> {
  for (const [secret, value] of [
    ['password', password],
    ['shared-key', 'TestKey'],
  ] as const) {
    const set = await cli(['secret', 'set', secret, '--profile', profile], { MESH_DATA_DIR: dataDir }, `${value}\n`);
    assert.equal(set.code, 0, set.stderr);
  }
}

/** Jobs on, the inbox refreshed a minute ago: only the handshake (never run) is due at start, so the last job is known. */
export async function jobsOnWithHandshakeDue(profileDir: string): Promise<void> {
  await changeSettingsElsewhere(profileDir, { jobsEnabled: true });
  const minuteAgo = new Date(Date.now() - 60_000).toISOString();
  await mkdir(profileDir, { recursive: true });
  await writeFile(
    join(profileDir, 'jobs.json'),
    JSON.stringify({ version: 1, enabledSince: minuteAgo, jobs: { inboxRefresh: { lastRunAt: minuteAgo, lastResult: 'ok' } } }),
  );
}

/** Sends a small file from one sandbox mailbox to another. */
export async function sendNote(sandbox: SandboxProcess, from: string, to: string, workflowId = 'TEST_WORKFLOW'): Promise<void> {
  const sender = sandbox.client(from);
  await sender.send({ to, workflowId, fileName: 'note.txt', source: { data: Buffer.from('hello\n') } });
  await sender.close();
}

export interface SandboxFolder {
  dir: string;
  /** `data` in the folder. */
  dataDir: string;
  sandbox: SandboxProcess;
}

/** Runs `body` with a MESH server process in a new folder named from `prefix`; then, come what may, stops it and removes the folder. */
export async function withSandboxFolder(prefix: string, body: (folder: SandboxFolder) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    await body({ dir, dataDir: join(dir, 'data'), sandbox });
  } finally {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ProfilesWithJobs {
  dataDir: string;
  sandbox: SandboxProcess;
  profileDir(name: string): string;
  /** Stops the sandbox and removes the folder. */
  stop(): Promise<void>;
}

/**
 * A MESH server process in a new folder (named from `prefix`) and on it a profile for each key of `settings`, added in
 * that order on mailboxes X26ABC1, X26ABC2, …; then each has its jobs switched on, with its own further change.
 */
export async function startProfilesWithJobs(prefix: string, settings: Record<string, SettingsChange>): Promise<ProfilesWithJobs> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const dataDir = join(dir, 'data');
  const profileDir = (name: string) => join(dataDir, 'profiles', name);
  let sandbox: SandboxProcess | undefined;
  const stop = async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    const names = Object.keys(settings);
    for (const [index, name] of names.entries()) await addSandboxProfile(sandbox, dataDir, name, `X26ABC${index + 1}`);
    for (const name of names) await changeSettingsElsewhere(profileDir(name), { jobsEnabled: true, ...settings[name] });
    return { dataDir, sandbox, profileDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const SETTINGS_VIEW = fileURLToPath(new URL('../../main/settings/settings-view.ts', import.meta.url));
/** tsx is found from the checkout, wherever the tests were started from. */
const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

/** Writes `change` into the settings.json of `profileDir` from a process of its own, with the code the app's Settings uses. */
export function changeSettingsElsewhere(profileDir: string, change: SettingsChange): Promise<void> {
  const script =
    `const { applySettingsChange } = await import(${JSON.stringify(SETTINGS_VIEW)});` +
    `await applySettingsChange(${JSON.stringify(profileDir)}, ${JSON.stringify(change)}, {});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: CHECKOUT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the settings were not changed (exit ${code}): ${stderr}`))));
  });
}
