// mesh-console sizes libuv's thread pool before anything uses it (bin/thread-pool.cjs, run first by
// bin/mesh-console.cjs): as many threads as cores, from 2 to 4; a size set in the environment is kept.
// The pool's threads are counted in /proc: libuv starts them all when the pool is first used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BIN } from './cli-support';

const run = promisify(execFile);
const THREAD_POOL = fileURLToPath(new URL('../../bin/thread-pool.cjs', import.meta.url));
const EXPECTED = String(Math.min(4, Math.max(2, availableParallelism())));
const onLinux = existsSync('/proc/self/task');

/** Says, as the process ends, the pool size asked for and how many threads the process has (-1 without /proc). */
async function exitProbe(): Promise<string> {
  const probe = join(await mkdtemp(join(tmpdir(), 'thread-pool-')), 'probe.cjs');
  await writeFile(
    probe,
    "const threads = () => { try { return require('node:fs').readdirSync('/proc/self/task').length; } catch { return -1; } };\n" +
      "process.on('exit', () => process.stderr.write(`POOL ${process.env.UV_THREADPOOL_SIZE} THREADS ${threads()}\\n`));\n",
  );
  return probe;
}

async function poolAndThreads(args: string[], env: Record<string, string>): Promise<{ pool: string; threads: number }> {
  const { stderr } = await run(process.execPath, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }).catch(
    (error: { stderr: string }) => error,
  );
  const match = /POOL (\S+) THREADS (-?\d+)/.exec(stderr);
  assert.ok(match, stderr);
  return { pool: match[1]!, threads: Number(match[2]) };
}

// Uses the pool (reads a file), so that its threads are started.
const USE_THE_POOL = "require('node:fs').readFile(__filename, () => {});";

test('thread-pool.cjs, run first, sizes the pool from the cores, 2 to 4', { skip: !onLinux && 'no /proc here' }, async () => {
  const probe = await exitProbe();
  const sized = await poolAndThreads(['--require', probe, '--require', THREAD_POOL, '-e', USE_THE_POOL], {});
  assert.equal(sized.pool, EXPECTED);
  // The same process with that size given by hand has as many threads; with libuv's default of 4, 4 - size more.
  const byHand = await poolAndThreads(['--require', probe, '-e', USE_THE_POOL], { UV_THREADPOOL_SIZE: EXPECTED });
  const byDefault = await poolAndThreads(['--require', probe, '-e', USE_THE_POOL], {});
  assert.equal(sized.threads, byHand.threads);
  assert.equal(byDefault.threads - sized.threads, 4 - Number(EXPECTED));
});

test('a pool size set in the environment is kept', async () => {
  const probe = await exitProbe();
  const kept = await poolAndThreads(['--require', probe, '--require', THREAD_POOL, '-e', USE_THE_POOL], { UV_THREADPOOL_SIZE: '3' });
  assert.equal(kept.pool, '3');
});

test('mesh-console sizes the pool before reading its ES modules', { skip: !onLinux && 'no /proc here' }, async () => {
  const probe = await exitProbe();
  const command = await poolAndThreads(['--require', probe, BIN, '--help'], {});
  const withDefault = await poolAndThreads(['--require', probe, BIN, '--help'], { UV_THREADPOOL_SIZE: '4' });
  assert.equal(command.pool, EXPECTED);
  assert.equal(withDefault.threads - command.threads, 4 - Number(EXPECTED));
});
