// `mesh-console get <id> --out FILE --ack` against `mesh-console sandbox` (a separate process, mutual TLS, strict):
// the message is saved whole and then leaves the inbox; an acknowledgement MESH refuses keeps the file, keeps the
// message and says how to acknowledge it later; without --out nothing is downloaded or acknowledged. That the file
// is flushed to the disk before MESH is told is held in-process (test/mesh/save-then-acknowledge.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let env: (mailbox: string) => Record<string, string>;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-ack-');
  env = (mailbox) => sandbox.env(mailbox);
});

after(() => sandbox?.close());

async function send(bytes: Buffer): Promise<string> {
  const file = join(sandbox.dir, `payload-${randomBytes(3).toString('hex')}.bin`);
  await writeFile(file, bytes);
  const sent = await cli(['send', 'X26ABC2', file, '--chunk-size', '100000'], env('X26ABC1'));
  assert.equal(sent.code, 0, sent.stderr);
  return sent.stdout.trim();
}

async function inbox(): Promise<string[]> {
  const listed = await cli(['inbox', '--all', '--json'], env('X26ABC2'));
  assert.equal(listed.code, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as { messageIds: string[] }).messageIds;
}

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
