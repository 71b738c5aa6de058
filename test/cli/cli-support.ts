// Runs `mesh-console` as a separate process, as a person or a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { watchProcess } from '../support/child-process';
import { meshConsoleNodeOptions } from '../../bin/node-options.js';

export { stopProcess, watchProcess, type WatchedProcess } from '../support/child-process';

export const BIN = fileURLToPath(new URL('../../bin/mesh-console.cjs', import.meta.url));
/** Node's options and the bin: `mesh-console` started as a shell starts it (the bin's first line names the options). */
export const BIN_COMMAND = [...meshConsoleNodeOptions(), BIN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `input`, when given, is the command's standard input (a pipe, then closed). */
export function cli(args: string[], env: Record<string, string | undefined>, input?: string): Promise<CliResult> {
  return runBin(BIN_COMMAND, args, env, input);
}

/** As cli(), but under plain `node`, without the options on the bin's first line (as `node bin/mesh-console.cjs` runs). */
export function cliUnderPlainNode(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return runBin([BIN], args, env);
}

function runBin(command: string[], args: string[], env: Record<string, string | undefined>, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    if (input !== undefined) child.stdin.end(input);
    // 'close', not 'exit': at 'exit' the last of what it printed may still be unread.
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `mesh-console sandbox ...` and resolves with its URL once it listens; rejects as soon
 * as it exits without listening. No deadline of its own: the test's is the limit. Strict (the
 * checks NHS MESH makes) unless `{ strict: false }`: the console is tested against what it will meet.
 */
export async function startSandboxProcess(
  args: string[],
  { strict = true }: { strict?: boolean } = {},
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [...BIN_COMMAND, 'sandbox', ...args, ...(strict ? ['--strict'] : [])], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  const sandbox = watchProcess(child);
  try {
    const match = await sandbox.waitFor(/listening on (https?:\/\/\S+)/);
    return { url: match[1]!, child, output: sandbox.output };
  } catch (error) {
    await sandbox.stop();
    throw new Error(`sandbox did not start: ${(error as Error).message}`, { cause: error });
  }
}

/** An admin call to a `mesh-console sandbox` process over mutual TLS (the sandbox's CA, a client identity it accepts). */
export function sandboxAdmin(
  url: string,
  tls: { ca: string; cert: string; key: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, url), { method, ...tls, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
