// `mesh-console send` and `get` as processes of their own, started directly (`node` on the CLI
// bundle, as after `npm run build`, with the bin's Node options and bin/thread-pool.cjs first as
// bin/mesh-console.cjs runs it), against the local MESH server process, beside the Python
// stand-in for NHS's official client (python_mesh_standin.py: NOT the official client, which
// this machine cannot install).
// Time is each process's wall time from start to exit; memory its maxRSS (measure_process.py).
// Every file received is checked by SHA-256.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { meshConsoleNodeOptions } from '../bin/node-options.js';
import { readBenchIdentity } from './bench-identity';
import { loadNow, median, type Figure } from './figures';
import { measureProcess, pythonInterpreter, type MeasuredProcess } from './measured-process';
import { sha256OfFile, writeCsvPayload, writeRandomPayload, type PayloadFile } from './payload-files';
import type { BenchContext } from './transfer-bench';
import { MB } from './units';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAND_IN = fileURLToPath(new URL('./python_mesh_standin.py', import.meta.url));
const THREAD_POOL = join(ROOT, 'bin', 'thread-pool.cjs');
const CHUNK_SIZE = 20 * 1024 * 1024;

/** Issue 14: `mesh-console` takes at most these shares of the stand-in's time, on DPS-like CSV. */
export const SEND_TIME_RATIO_TARGET = 0.3;
export const RECEIVE_TIME_RATIO_TARGET = 0.8;
export const CLI_MEMORY_TARGET_MB = 120;

export interface CliTransferCase {
  label: string;
  kind: 'csv' | 'random';
  bytes: number;
  runs: number;
}

interface Side {
  send: MeasuredProcess;
  get: MeasuredProcess;
  messageId: string;
}

interface CliTransferRun {
  load: number;
  cli: Side;
  python?: Side;
  /** mesh-console receiving the stand-in's message: the same bytes (gzip level 9) for both. */
  cliOfPythonMessage?: MeasuredProcess;
}

export interface CliTransferOutcome {
  case: CliTransferCase;
  runs: CliTransferRun[];
  errors: string[];
}

interface Setup {
  /** `node`'s arguments before the command's own: the bin's Node options, the thread pool sized, then the bundle. */
  bundle: string[];
  env: (mailbox: string) => NodeJS.ProcessEnv;
  /** The Python interpreter's own path (not a launcher), when there is one with requests. */
  python: string | undefined;
}

async function setUp(context: BenchContext): Promise<Setup> {
  const cliDir = join(context.workDir, 'cli-transfer');
  await mkdir(cliDir, { recursive: true });
  await run(process.execPath, [join(ROOT, 'scripts/build-cli.js'), join(cliDir, 'bundle')], { cwd: ROOT });
  const identity = await readBenchIdentity(context.identityPath);
  const files = { ca: join(cliDir, 'ca.pem'), cert: join(cliDir, 'client-cert.pem'), key: join(cliDir, 'client-key.pem') };
  await writeFile(files.ca, identity.caPem);
  await writeFile(files.cert, identity.client.certificatePem);
  await writeFile(files.key, identity.client.privateKeyPem, { mode: 0o600 });
  const python = await pythonInterpreter();
  if (!python) context.log('  python3 with requests is not installed: the Python stand-in is left out.');
  else context.log(`  The Python stand-in runs on ${python}.`);
  return {
    bundle: [...meshConsoleNodeOptions(), '--require', THREAD_POOL, join(cliDir, 'bundle', 'mesh-console.mjs')],
    python,
    env: (mailbox) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MESH_ENV: 'local',
      MESH_BASE_URL: context.url,
      MESH_CA_BUNDLE: files.ca,
      MESH_CERT: files.cert,
      MESH_KEY: files.key,
      MESH_MAILBOX: mailbox,
      MESH_PASSWORD: 'password',
      MESH_SHARED_KEY: 'TestKey',
      MESH_DATA_DIR: join(cliDir, `data-${mailbox}`),
    }),
  };
}

async function acknowledge(setup: Setup, messageId: string): Promise<void> {
  await run(process.execPath, [...setup.bundle, 'ack', messageId], { env: setup.env('X26ABC2') });
}

type Who = 'cli' | 'python';

function commandLine(
  setup: Setup,
  who: Who,
): { command: string; send: (file: string) => string[]; get: (id: string, out: string) => string[] } {
  const chunking = ['--chunk-size', String(CHUNK_SIZE)];
  return who === 'cli'
    ? {
        command: process.execPath,
        send: (file) => [...setup.bundle, 'send', 'X26ABC2', file, ...chunking],
        get: (id, out) => [...setup.bundle, 'get', id, '--out', out],
      }
    : {
        command: setup.python!,
        send: (file) => [STAND_IN, 'send', 'X26ABC2', file, ...chunking],
        get: (id, out) => [STAND_IN, 'get', id, out],
      };
}

async function sendAs(
  setup: Setup,
  who: Who,
  payload: PayloadFile,
  timeoutMs: number,
): Promise<{ send: MeasuredProcess; messageId: string }> {
  const { command, send } = commandLine(setup, who);
  const sent = await measureProcess(command, send(payload.path), setup.env('X26ABC1'), timeoutMs);
  return { send: sent, messageId: sent.stdout.split('\n').pop()!.trim() };
}

/**
 * Every get writes a new file (replacing one costs up to a second or more on ext4), and starts just after the last
 * get's file, as large, is deleted: memory freed seconds earlier is slower to use again on this VM, so each get is
 * given the same (bench/README.md, "Deleted files, and the order of the gets").
 */
async function receiveAs(
  setup: Setup,
  who: Who,
  payload: PayloadFile,
  messageId: string,
  out: string,
  timeoutMs: number,
): Promise<MeasuredProcess> {
  const { command, get } = commandLine(setup, who);
  await rm(out, { force: true });
  const got = await measureProcess(command, get(messageId, out), setup.env('X26ABC2'), timeoutMs);
  if ((await sha256OfFile(out)) !== payload.sha256) throw new Error(`the file ${who} received is NOT the file sent (SHA-256 differs)`);
  return got;
}

const describe = (side: Side) =>
  `send ${(side.send.wallMs / 1000).toFixed(2)} s (CPU ${(side.send.cpuMs / 1000).toFixed(1)} s, ${side.send.maxRssMb.toFixed(0)} MB), ` +
  `get ${(side.get.wallMs / 1000).toFixed(2)} s (CPU ${(side.get.cpuMs / 1000).toFixed(1)} s, ${side.get.maxRssMb.toFixed(0)} MB)`;

export async function runCliTransferBench(context: BenchContext, cases: CliTransferCase[]): Promise<CliTransferOutcome[]> {
  const setup = await setUp(context);
  const outcomes: CliTransferOutcome[] = [];
  for (const kase of cases) {
    context.log(`\nmesh-console send/get as processes, ${kase.label}${setup.python ? ', beside the Python stand-in' : ''}:`);
    const outcome: CliTransferOutcome = { case: kase, runs: [], errors: [] };
    outcomes.push(outcome);
    const source = join(context.workDir, `cli-payload-${kase.kind}-${kase.bytes}`);
    const out = join(context.workDir, `cli-received-${kase.kind}-${kase.bytes}`);
    const timeoutMs = Math.max(120_000, (kase.bytes / MB) * 1000);
    try {
      const payload = kase.kind === 'csv' ? await writeCsvPayload(source, kase.bytes) : await writeRandomPayload(source, kase.bytes);
      for (let index = 1; index <= kase.runs; index++) {
        const load = loadNow();
        try {
          // Both send first; then the gets, one straight after another, so that each follows the same steps. Each
          // side's get goes first in turn: the first follows the sends, the second a get.
          const cliSent = await sendAs(setup, 'cli', payload, timeoutMs);
          const pythonSent = setup.python ? await sendAs(setup, 'python', payload, timeoutMs) : undefined;
          const receiveOwn = (who: Who, sent: { messageId: string }) => receiveAs(setup, who, payload, sent.messageId, out, timeoutMs);
          let pythonGet: MeasuredProcess | undefined;
          if (pythonSent && index % 2 === 0) pythonGet = await receiveOwn('python', pythonSent);
          const cli: Side = { ...cliSent, get: await receiveOwn('cli', cliSent) };
          let python: Side | undefined;
          let cliOfPythonMessage: MeasuredProcess | undefined;
          if (pythonSent) {
            python = { ...pythonSent, get: pythonGet ?? (await receiveOwn('python', pythonSent)) };
            if (kase.kind === 'csv') cliOfPythonMessage = await receiveAs(setup, 'cli', payload, pythonSent.messageId, out, timeoutMs);
          }
          for (const side of [cli, python]) if (side) await acknowledge(setup, side.messageId);
          outcome.runs.push({ load, cli, ...(python ? { python } : {}), ...(cliOfPythonMessage ? { cliOfPythonMessage } : {}) });
          context.log(
            `  run ${index}/${kase.runs} (load ${load.toFixed(1)}): mesh-console ${describe(cli)}` +
              (python ? `; stand-in ${describe(python)}` : '') +
              (cliOfPythonMessage ? `; mesh-console get of the stand-in's message ${(cliOfPythonMessage.wallMs / 1000).toFixed(2)} s` : ''),
          );
        } catch (error) {
          outcome.errors.push(`mesh-console ${kase.label} run ${index}: ${(error as Error).message}`);
          context.log(`  run ${index}/${kase.runs} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      await rm(source, { force: true });
      await rm(out, { force: true });
    }
  }
  return outcomes;
}

const seconds = (ms: number[]) => `${(median(ms) / 1000).toFixed(2)} s`;

export function cliTransferFigures(outcomes: CliTransferOutcome[]): Figure[] {
  const figures: Figure[] = [];
  for (const { case: kase, runs } of outcomes) {
    if (runs.length === 0) continue;
    const loads = runs.map((r) => r.load);
    const paired = runs.filter((r): r is CliTransferRun & { python: Side } => r.python !== undefined);
    for (const step of ['send', 'get'] as const) {
      const what = step === 'send' ? 'send' : 'get (receive)';
      figures.push({
        name: `mesh-console ${what}, ${kase.label}: time`,
        unit: 's',
        runs: runs.map((r) => r.cli[step].wallMs / 1000),
        loads,
        note: `process start to exit; CPU ${(median(runs.map((r) => r.cli[step].cpuMs)) / 1000).toFixed(2)} s`,
      });
      if (paired.length) {
        figures.push(
          {
            name: `Python stand-in ${what}, ${kase.label}: time`,
            unit: 's',
            runs: paired.map((r) => r.python[step].wallMs / 1000),
            loads: paired.map((r) => r.load),
            note:
              `python_mesh_standin.py (a stand-in, not the official client); CPU ` +
              `${(median(paired.map((r) => r.python[step].cpuMs)) / 1000).toFixed(2)} s, ` +
              `peak memory ${median(paired.map((r) => r.python[step].maxRssMb)).toFixed(0)} MB`,
          },
          {
            name: `mesh-console ${what} ÷ Python stand-in, ${kase.label}`,
            unit: '×',
            runs: paired.map((r) => r.cli[step].wallMs / r.python[step].wallMs),
            loads: paired.map((r) => r.load),
            ...(kase.kind === 'csv'
              ? { target: { kind: 'max' as const, limit: step === 'send' ? SEND_TIME_RATIO_TARGET : RECEIVE_TIME_RATIO_TARGET } }
              : {}),
          },
        );
      }
      const crossed = paired.filter((r): r is typeof r & { cliOfPythonMessage: MeasuredProcess } => r.cliOfPythonMessage !== undefined);
      if (step === 'get' && crossed.length) {
        figures.push({
          name: `mesh-console get ÷ Python stand-in get, both of the stand-in's message (gzip level 9), ${kase.label}`,
          unit: '×',
          runs: crossed.map((r) => r.cliOfPythonMessage.wallMs / r.python.get.wallMs),
          loads: crossed.map((r) => r.load),
          note:
            `mesh-console ${seconds(crossed.map((r) => r.cliOfPythonMessage.wallMs))} against the stand-in's ` +
            `${seconds(crossed.map((r) => r.python.get.wallMs))} (medians); the target compares each side's own message`,
        });
      }
      figures.push({
        name: `mesh-console ${what}, ${kase.label}: peak memory (maxRSS)`,
        unit: 'MB',
        runs: runs.map((r) => r.cli[step].maxRssMb),
        loads,
        target: { kind: 'max', limit: CLI_MEMORY_TARGET_MB },
      });
    }
  }
  return figures;
}
