// A built command line whose inflation thread cannot start (its code, inflate-worker.cjs, left out of
// the bundle's folder) still saves a gzipped message into a file: through the gunzip stream, as before
// the thread, rather than failing every download (main/mesh/inflate-thread.ts, `inflationThread`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';
import { sendBytes } from './sandbox-messages';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let sandbox: MutualTlsSandbox;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-without-thread-');
});

after(() => sandbox?.close());

test('a bundle without the inflation thread\u2019s code saves a gzipped message of several chunks whole', async () => {
  const bundleDir = join(sandbox.dir, 'bundle');
  await run(process.execPath, [join(ROOT, 'scripts/build-cli.js'), bundleDir], { cwd: ROOT });
  await rm(join(bundleDir, 'inflate-worker.cjs'));
  // Text that gzips, so each chunk is stored and sent gzipped and would go to the thread.
  const noise = randomBytes(60_000).toString('hex');
  const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => `"${i}"|"${noise.slice(i * 12, i * 12 + 12)}"|"dose 1"\n`).join(''));
  const id = await sendBytes(sandbox, bytes, ['--chunk-size', String(100_000)]);
  const out = join(sandbox.dir, 'received.csv');
  const got = await run(process.execPath, [join(bundleDir, 'mesh-console.mjs'), 'get', id, '--out', out], {
    env: sandbox.env('X26ABC2'),
  }).catch((error: { code?: number; stderr?: string }) => assert.fail(`get failed (exit ${error.code}): ${error.stderr}`));
  assert.match(got.stdout, /^Saved /);
  assert.ok((await readFile(out)).equals(bytes), 'the file is the message, byte for byte');
});
