// A `mesh-console get --out` killed outright (SIGKILL, as by a power cut) leaves its part file
// behind; the next `get` to the same destination removes it, and only part files of that
// destination written on this machine by a process that is gone (main/mesh/part-files.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { until } from '../store/helpers';
import { BIN, cli, watchProcess } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';
import { adminOk, sendBytes } from './sandbox-messages';

const CHUNK = 100_000;
/** As documented: the first 8 hex characters of the SHA-256 of the host name. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OTHER_HOST_TAG = HOST_TAG === '00000000' ? '11111111' : '00000000';

let sandbox: MutualTlsSandbox;

const admin = (method: string, path: string, body?: unknown) => adminOk(sandbox, method, path, body);
const send = (bytes: Buffer) => sendBytes(sandbox, bytes, ['--chunk-size', String(CHUNK), '--no-compress']);

/** The pid of a process that has certainly ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-leftover-');
});

// Killed, not stopped: a graceful stop would wait out the chunk held for the killed get.
after(() => sandbox?.close('SIGKILL'));

test('a get killed during a download leaves its part file; the next get to that destination saves the file and removes it', async () => {
  const bytes = randomBytes(CHUNK * 3);
  const id = await send(bytes);
  const folder = await mkdtemp(join(sandbox.dir, 'in-'));
  const out = join(folder, 'received.bin');
  const fault = (await admin('POST', '/admin/faults', { method: 'GET', path: `/inbox/${id}/2$`, delayMs: 60_000 })) as { id: string };
  const killed = watchProcess(spawn(process.execPath, [BIN, 'get', id, '--out', out], { env: sandbox.env('X26ABC2') }));
  let parts: string[] = [];
  await until(async () => {
    if (killed.child.exitCode !== null) assert.fail(`the get ended before chunk 2 was held:\n${killed.output()}`);
    const { faults } = (await admin('GET', '/admin/faults')) as { faults: { id: string; hits: number }[] };
    parts = (await readdir(folder)).filter((name) => name.startsWith('.received.bin.') && name.endsWith('.part'));
    return faults.some((f) => f.id === fault.id && f.hits === 1) && parts.length === 1;
  });
  await killed.stop('SIGKILL');
  assert.equal(killed.child.signalCode, 'SIGKILL', killed.output());
  assert.deepEqual(await readdir(folder), parts, 'the killed get leaves its part file and nothing else');
  assert.match(parts[0]!, new RegExp(`^\\.received\\.bin\\.${HOST_TAG}-${killed.child.pid}-[0-9a-f]{8}\\.part$`));

  await admin('DELETE', '/admin/faults');
  const got = await cli(['get', id, '--out', out], sandbox.env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(out)).equals(bytes), 'the file received is the file sent');
  assert.deepEqual(await readdir(folder), ['received.bin'], 'the leftover part file is gone');
});

test('a get removes only the part files of its destination left on this machine by a process that is gone', async () => {
  const bytes = randomBytes(CHUNK * 2);
  const id = await send(bytes);
  const folder = await mkdtemp(join(sandbox.dir, 'in-'));
  const name = 'report (1).csv';
  const dead = await deadPid();
  const gone = `.${name}.${HOST_TAG}-${dead}-0000000a.part`;
  const kept = [
    `.${name}.${HOST_TAG}-${process.pid}-0000000b.part`, // its writer (this test) still runs
    `.${name}.${OTHER_HOST_TAG}-${dead}-0000000c.part`, // written on another machine sharing the folder
    `.report 1.csv.${HOST_TAG}-${dead}-0000000d.part`, // another destination, which `report (1).csv` as a pattern matches
    `.${name}.0000000e.part`, // the older name, which does not say who wrote it
  ];
  for (const entry of [gone, ...kept]) await writeFile(join(folder, entry), 'left over');

  const got = await cli(['get', id, '--out', join(folder, name)], sandbox.env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(join(folder, name))).equals(bytes), 'the file received is the file sent');
  assert.deepEqual((await readdir(folder)).sort(), [name, ...kept].sort());
});
