// Whether a send is gzipped on the wire, as the local server stored it: data gzip cannot shrink
// goes plain on every chunk, compressible data gzipped, and an explicit choice is obeyed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startPeer, type Peer } from './peer';
import type { MeshClient } from '../../main/mesh/client';

let peer: Peer;
let dir: string;
let alice: MeshClient; // X26ABC1
let bob: MeshClient; // X26ABC2
before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-compression-'));
  alice = peer.client('X26ABC1');
  bob = peer.client('X26ABC2');
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

function csvLike(size: number): Buffer {
  const rows: string[] = [];
  for (let row = 0, length = 0; length < size; row++) {
    const line = `${9990000000 + row},FLU,2026-11-${String((row % 28) + 1).padStart(2, '0')},${randomBytes(4).toString('hex')},completed\n`;
    rows.push(line);
    length += line.length;
  }
  return Buffer.from(rows.join('')).subarray(0, size);
}

async function written(name: string, data: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** The message's Content-Encoding and total stored bytes, as the server keeps them. */
function stored(messageId: string): { encoding: string | null; bytes: number } {
  const details = peer.server.admin.message(messageId);
  assert.ok(details, `the server holds ${messageId}`);
  return { encoding: details.metadata.content_encoding, bytes: details.file_size };
}

async function downloaded(messageId: string): Promise<Buffer> {
  const out = join(dir, `${messageId}.out`);
  await bob.download(messageId, { path: out });
  return readFile(out);
}

/** Chunk n exactly as stored: a v1 request accepting gzip gets gzip only if the chunk was stored gzipped. */
function storedChunk(messageId: string, n: number): Promise<{ encoding?: string; body: Buffer }> {
  return peer.rawChunk(messageId, n, 1);
}

test('random bytes go without Content-Encoding and come back identical', async () => {
  const data = randomBytes(3 * 1024 * 1024);
  const sent = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { path: await written('random.bin', data) } });
  assert.deepEqual(stored(sent.messageId), { encoding: null, bytes: data.length });
  assert.ok((await downloaded(sent.messageId)).equals(data));
});

test('CSV-like data still goes gzipped', async () => {
  const data = csvLike(3 * 1024 * 1024);
  const sent = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { path: await written('records.csv', data) } });
  const { encoding, bytes } = stored(sent.messageId);
  assert.equal(encoding, 'gzip');
  assert.ok(bytes < data.length * 0.6, `stored ${bytes} of ${data.length} bytes`);
  assert.ok((await downloaded(sent.messageId)).equals(data));
});

test('a file whose text header hides a random body is judged by samples spread over it', async () => {
  const data = Buffer.concat([csvLike(256 * 1024), randomBytes(4 * 1024 * 1024)]);
  const sent = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { path: await written('archive.bin', data) } });
  assert.equal(stored(sent.messageId).encoding, null);
  assert.ok((await downloaded(sent.messageId)).equals(data));
});

test('a chunked incompressible send from a stream: every chunk stored plain, all accepted', async () => {
  const chunkSize = 1024 * 1024;
  const data = randomBytes(3 * chunkSize + 12_345);
  const source = Readable.from([data.subarray(0, 100_000), data.subarray(100_000, 2_500_000), data.subarray(2_500_000)], {
    objectMode: false,
  });
  const mark = peer.server.admin.requests().length;
  const sent = await alice.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { stream: source, size: data.length },
    chunkSizeBytes: chunkSize,
  });
  assert.equal(sent.chunks, 4);
  const posts = peer.server.admin
    .requests()
    .slice(mark)
    .filter((r) => r.method === 'POST');
  assert.deepEqual(
    posts.map((r) => r.status),
    [202, 202, 202, 202],
    'no chunk refused for changing the encoding',
  );
  assert.deepEqual(stored(sent.messageId), { encoding: null, bytes: data.length });
  for (let n = 1; n <= sent.chunks; n++) {
    const chunk = await storedChunk(sent.messageId, n);
    assert.equal(chunk.encoding, undefined, `chunk ${n} stored plain`);
    assert.ok(chunk.body.equals(data.subarray((n - 1) * chunkSize, n * chunkSize)), `chunk ${n} is its own slice`);
  }
  assert.ok((await downloaded(sent.messageId)).equals(data));
});

test('an explicit choice wins: compress true gzips random bytes, false sends CSV plain', async () => {
  const random = randomBytes(2 * 1024 * 1024);
  const forced = await alice.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data: random },
    chunkSizeBytes: 1024 * 1024,
    compress: true,
  });
  assert.equal(stored(forced.messageId).encoding, 'gzip');
  assert.equal((await storedChunk(forced.messageId, 2)).encoding, 'gzip', 'chunk 2 too');
  assert.ok((await downloaded(forced.messageId)).equals(random));

  const csv = csvLike(1024 * 1024);
  const plain = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: csv }, compress: false });
  assert.deepEqual(stored(plain.messageId), { encoding: null, bytes: csv.length });
  assert.ok((await downloaded(plain.messageId)).equals(csv));
});

test('the mex-Content-Compressed flag passes through whatever the transport encoding', async () => {
  const sent = await alice.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data: randomBytes(200_000) },
    contentCompressed: true,
  });
  const details = peer.server.admin.message(sent.messageId)!;
  assert.equal(details.metadata.content_encoding, null);
  assert.equal(details.metadata.compressed, true);
});
