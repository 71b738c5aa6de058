// A 50 MB file sent in gzipped chunks and downloaded back to disk, byte for byte.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { startPeer, type Peer } from './peer';

const SIZE = 50 * 1024 * 1024;
let peer: Peer;
let dir: string;
before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-transfer-'));
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `size` bytes of CSV-like rows (compressible, but not trivially) and returns their SHA-256. */
async function writeCsvLike(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  let written = 0;
  let row = 0;
  while (written < size) {
    const lines: string[] = [];
    const noise = randomBytes(2000 * 12).toString('hex');
    for (let i = 0; i < 2000; i++, row++)
      lines.push(`${row}|${noise.slice(i * 24, i * 24 + 24)}|flu|2026-11-${String((row % 28) + 1).padStart(2, '0')}|ok\n`);
    let block = Buffer.from(lines.join(''));
    if (written + block.length > size) block = block.subarray(0, size - written);
    hash.update(block);
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of createReadStream(path)) hash.update(part as Buffer);
  return hash.digest('hex');
}

test('50 MB: chunked and gzipped each way, byte-identical, with progress', async () => {
  const source = join(dir, 'big.csv');
  const expected = await writeCsvLike(source, SIZE);
  const sender = peer.client('X26ABC1');
  const recipient = peer.client('X26ABC2');
  const mark = peer.server.admin.requests().length;

  const progress: [number, number][] = [];
  const sent = await sender.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { path: source },
    localId: 'BIG-1',
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.equal(sent.chunks, 3, '20 MiB chunks');
  assert.equal(sent.bytes, SIZE);
  assert.deepEqual(progress.at(-1), [SIZE, SIZE]);
  assert.ok(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0]));
  const posts = peer.server.admin
    .requests()
    .slice(mark)
    .filter((r) => r.method === 'POST');
  assert.deepEqual(
    posts.map((r) => r.path.replace(sent.messageId, 'ID')),
    ['/messageexchange/X26ABC1/outbox', '/messageexchange/X26ABC1/outbox/ID/2', '/messageexchange/X26ABC1/outbox/ID/3'],
  );

  // Chunk 2 travels as a gzip stream of exactly its own 20 MiB (gzipped on its own, not a slice of one stream).
  const raw = await peer.rawChunk(sent.messageId, 2, 2);
  assert.equal(raw.encoding, 'gzip');
  assert.equal(gunzipSync(raw.body).length, 20 * 1024 * 1024);
  assert.ok(raw.body.length < 20 * 1024 * 1024 * 0.8, 'compressed on the wire');

  const out = join(dir, 'big.out');
  const seen: number[] = [];
  const result = await recipient.download(sent.messageId, { path: out }, { onProgress: (done) => seen.push(done) });
  assert.equal(result.bytes, SIZE);
  assert.equal(result.metadata.chunkCount, 3);
  assert.equal((await stat(out)).size, SIZE);
  assert.equal(await sha256(out), expected);
  assert.equal(seen.at(-1), SIZE);
  assert.equal((await sender.trackByLocalId('BIG-1')).status, 'accepted');
});
