// `mesh-console get --out FILE --ack` killed outright (SIGKILL) at the two moments that matter, against a strict
// `mesh-console sandbox` process: mid-download, and while its acknowledgement is on its way. The local server holds
// the request at that moment (a fault), so the kill lands there and nowhere else. Either way the message is never
// acknowledged without its whole file in place, and running the same command again finishes the job.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from '../store/helpers';
import { BIN, cli, watchProcess, type WatchedProcess } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';
import { adminOk, inboxIds, sendBytes } from './sandbox-messages';

const CHUNK = 100_000;

let sandbox: MutualTlsSandbox;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-ack-killed-');
});

// Killed, not stopped: a graceful stop would wait out the request held for the killed get.
after(() => sandbox?.close('SIGKILL'));

const admin = (method: string, path: string, body?: unknown) => adminOk(sandbox, method, path, body);
const send = (bytes: Buffer) => sendBytes(sandbox, bytes, ['--chunk-size', String(CHUNK), '--no-compress']);
const inInbox = async (id: string) => (await inboxIds(sandbox)).includes(id);

/** Starts `get --ack`, with the server holding the request `fault` matches; resolves once that request is held. */
async function getAckHeldAt(id: string, out: string, fault: Record<string, unknown>): Promise<WatchedProcess> {
  const { id: faultId } = (await admin('POST', '/admin/faults', { ...fault, delayMs: 120_000 })) as { id: string };
  const get = watchProcess(spawn(process.execPath, [BIN, 'get', id, '--out', out, '--ack'], { env: sandbox.env('X26ABC2') }));
  await until(async () => {
    if (get.child.exitCode !== null) assert.fail(`the get ended before the server held its request:\n${get.output()}`);
    const { faults } = (await admin('GET', '/admin/faults')) as { faults: { id: string; hits: number }[] };
    return faults.some((f) => f.id === faultId && f.hits === 1);
  });
  return get;
}

async function killAndClearFaults(get: WatchedProcess): Promise<void> {
  await get.stop('SIGKILL');
  assert.equal(get.child.signalCode, 'SIGKILL', get.output());
  await admin('DELETE', '/admin/faults');
}

test('killed mid-download: nothing saved or acknowledged; run again, the file is saved whole and the message acknowledged', async () => {
  const bytes = randomBytes(CHUNK * 3);
  const id = await send(bytes);
  const folder = await mkdtemp(join(sandbox.dir, 'in-'));
  const out = join(folder, 'received.bin');
  const get = await getAckHeldAt(id, out, { method: 'GET', path: `/inbox/${id}/2$` });
  await killAndClearFaults(get);
  assert.equal((await readdir(folder)).includes('received.bin'), false, 'no file under the destination name');
  assert.ok(await inInbox(id), 'the message is still in the inbox');

  const again = await cli(['get', id, '--out', out, '--ack'], sandbox.env('X26ABC2'));
  assert.equal(again.code, 0, again.stderr);
  assert.ok((await readFile(out)).equals(bytes), 'the file received is the file sent');
  assert.deepEqual(await readdir(folder), ['received.bin'], 'the killed get’s part file is gone');
  assert.equal(await inInbox(id), false, 'acknowledged');
});

test('killed while acknowledging: the whole file was in place before MESH was asked; run again, it is acknowledged', async () => {
  const bytes = randomBytes(CHUNK * 2 + 777);
  const id = await send(bytes);
  const folder = await mkdtemp(join(sandbox.dir, 'in-'));
  const out = join(folder, 'received.bin');
  // Held, then refused, so the killed command's acknowledgement never takes effect.
  const get = await getAckHeldAt(id, out, { method: 'PUT', path: `/inbox/${id}/status/acknowledged$`, status: 503 });
  assert.ok((await readFile(out)).equals(bytes), 'the file is whole under its name while the acknowledgement is asked for');
  assert.deepEqual(await readdir(folder), ['received.bin'], 'no part file left beside it');
  await killAndClearFaults(get);
  assert.ok(await inInbox(id), 'not acknowledged: the server never took the acknowledgement');

  const again = await cli(['get', id, '--out', out, '--ack'], sandbox.env('X26ABC2'));
  assert.equal(again.code, 0, again.stderr);
  assert.ok((await readFile(out)).equals(bytes));
  assert.equal(await inInbox(id), false, 'acknowledged');
});
