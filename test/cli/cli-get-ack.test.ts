// `mesh-console get <id> --out FILE --ack` against `mesh-console sandbox` (a separate process, mutual TLS, strict):
// the message is saved whole and then leaves the inbox; an acknowledgement MESH refuses keeps the file, keeps the
// message and says how to acknowledge it later; a file that cannot be written (a full disk) is not acknowledged;
// without --out nothing is downloaded or acknowledged. That the file
// is flushed to the disk before MESH is told is held in-process (test/mesh/save-then-acknowledge.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';
import { inboxIds, sendBytes } from './sandbox-messages';

let sandbox: MutualTlsSandbox;
let env: (mailbox: string) => Record<string, string>;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-ack-');
  env = (mailbox) => sandbox.env(mailbox);
});

after(() => sandbox?.close());

const send = (bytes: Buffer) => sendBytes(sandbox, bytes, ['--chunk-size', '100000']);
const inbox = () => inboxIds(sandbox);

test('get --ack saves the whole message, then acknowledges it: it leaves the inbox', async () => {
  const bytes = randomBytes(250_000);
  const id = await send(bytes);
  const out = join(await mkdtemp(join(sandbox.dir, 'saved-')), 'received.bin');
  const got = await cli(['get', id, '--out', out, '--ack', '--json'], env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.deepEqual(JSON.parse(got.stdout), { messageId: id, path: out, bytes: bytes.length, acknowledged: true });
  assert.deepEqual(await readFile(out), bytes);
  assert.equal((await inbox()).includes(id), false);
});

test('get --ack that MESH refuses to acknowledge: the file is kept, the message stays, the sentence says what to run', async () => {
  const bytes = randomBytes(120_000);
  const id = await send(bytes);
  const out = join(await mkdtemp(join(sandbox.dir, 'refused-')), 'received.bin');
  const fault = await sandbox.admin('POST', '/admin/faults', {
    method: 'PUT',
    path: `/inbox/${id}/status/acknowledged$`,
    status: 403,
    count: 10,
  });
  assert.equal(fault.status, 201, fault.text);
  try {
    const got = await cli(['get', id, '--out', out, '--ack'], env('X26ABC2'));
    assert.equal(got.code, 1, got.stderr);
    assert.match(got.stdout, /^Saved [\d.]+ KB to /);
    assert.ok(got.stdout.includes(` to ${out}, but ${id} was NOT acknowledged: `), got.stdout);
    assert.match(got.stdout, new RegExp(`run \`mesh-console ack ${id}\`\\.\\n$`));
    assert.doesNotMatch(got.stdout + got.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  } finally {
    await sandbox.admin('DELETE', '/admin/faults');
  }
  assert.deepEqual(await readFile(out), bytes);
  assert.ok((await inbox()).includes(id), 'still in the inbox');
  const acked = await cli(['ack', id], env('X26ABC2'));
  assert.equal(acked.code, 0, acked.stderr);
});

test('get --ack without --out: a usage sentence; nothing is downloaded or acknowledged', async () => {
  const id = await send(randomBytes(1_000));
  const got = await cli(['get', id, '--ack'], env('X26ABC2'));
  assert.equal(got.code, 2, got.stderr);
  assert.match(got.stderr, /--ack needs --out FILE: a message is acknowledged only once it is saved in a file\./);
  assert.equal(got.stdout, '');
  assert.ok((await inbox()).includes(id));
});

test('get --ack onto a full disk: one sentence, exit 1, no file left, and the message is NOT acknowledged', async () => {
  const bytes = randomBytes(600_000);
  const id = await send(bytes);
  const folder = await mkdtemp(join(sandbox.dir, 'full-disk-'));
  // The process may write files of at most 256 KB (ulimit -f, in blocks of 512 or 1024 bytes): the download's write
  // fails part-way, as on a full disk (EFBIG, once the command has not let the kernel's SIGXFSZ end it).
  const args = ['get', id, '--out', join(folder, 'received.bin'), '--ack'];
  const child = spawn('/bin/sh', ['-c', 'ulimit -f 256 && exec "$0" "$@"', process.execPath, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env('X26ABC2') },
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (part: Buffer) => (output += part.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 1, output);
  assert.match(output, /^mesh-console: The download could not be written \(EFBIG\): check there is space on the disk/);
  assert.equal(output.trim().split('\n').length, 1, `one line:\n${output}`);
  assert.doesNotMatch(output, /acknowledged/);
  assert.deepEqual(await readdir(folder), [], 'neither the file nor a part file is left');
  assert.ok((await inbox()).includes(id), 'still in the inbox: MESH was not told');
});
