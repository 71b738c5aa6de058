// What the command-line folder tests share: a local MESH server in a process of its own for the
// test file (X26ABC2's client beside it), and per test a console data folder using it as X26ABC1
// with its mailbox folders set by `mesh-console folders set`, and processes started on that folder.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeshClient } from '../../main/mesh';
import { BIN, cli, watchProcess, type WatchedProcess } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';

export interface FolderTestServer {
  /** The test file's temporary folder (removed after its tests). */
  root: string;
  sandbox: SandboxProcess;
  x2: MeshClient;
}

/** Starts the server before the file's tests and stops it after them: read the fields inside a test. */
export function folderTestServer(tempPrefix: string): FolderTestServer {
  const server = {} as FolderTestServer;
  before(async () => {
    server.root = await mkdtemp(join(tmpdir(), tempPrefix));
    server.sandbox = await startSandbox(join(server.root, 'mesh'));
    server.x2 = server.sandbox.client('X26ABC2');
  });
  after(async () => {
    await server.x2?.close();
    await server.sandbox?.stop();
    if (server.root) await rm(server.root, { recursive: true, force: true });
  });
  return server;
}

export interface ConsoleWithFolders {
  /** The environment of a `mesh-console` on `dir/data`. */
  env: Record<string, string>;
  /** `dir/mailbox`, holding OUT, IN and the rest. */
  mailbox: string;
}

/** `mesh-console folders set --out dir/mailbox/OUT --in dir/mailbox/IN ...setOptions` on a new data folder `dir/data`. */
export async function consoleWithFolders(sandbox: SandboxProcess, dir: string, setOptions: string[]): Promise<ConsoleWithFolders> {
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const env = sandbox.consoleEnv(dataDir);
  const mailbox = join(dir, 'mailbox');
  const set = await cli(['folders', 'set', '--out', join(mailbox, 'OUT'), '--in', join(mailbox, 'IN'), ...setOptions], env);
  assert.equal(set.code, 0, set.stderr);
  return { env, mailbox };
}

function startNode(args: string[], env: Record<string, string>): WatchedProcess {
  return watchProcess(spawn(process.execPath, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }));
}

/** `mesh-console ...args` as a long-running process, its standard error watched. */
export function startConsole(args: string[], env: Record<string, string>): WatchedProcess {
  return startNode([BIN, ...args], env);
}

/** pass-child.ts: a folder pass that stops dead where FOLDER_CHILD_STOP says, for the test to kill it there. */
export function startPassChild(env: Record<string, string>, stop: 'in' | 'out'): WatchedProcess {
  return startNode(['--import', 'tsx', fileURLToPath(new URL('./pass-child.ts', import.meta.url))], { ...env, FOLDER_CHILD_STOP: stop });
}
