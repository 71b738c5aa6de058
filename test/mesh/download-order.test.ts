// A chunked gzip download is written in order although the next chunk is fetched and inflated
// while the one before it is still being written (main/mesh/download.ts): the file, and a slow
// stream that makes every chunk wait its turn, are byte for byte the data sent (SHA-256).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startPeer, type Peer } from './peer';

let peer: Peer;
let dir: string;
before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-download-order-'));
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Lines that name their own number, so chunks written out of order or twice change the hash. */
function numberedLines(count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, i) => `"${i}"|"${sha256(String(i)).slice(0, 40)}"|"vaccination record"\n`).join(''));
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of createReadStream(path)) hash.update(part as Buffer);
  return hash.digest('hex');
}

test('a gzip download of 12 chunks is written in order, to a file and to a slow stream', async () => {
  const data = numberedLines(40_000);
  const chunkSizeBytes = Math.ceil(data.length / 12);
  const sent = await peer
    .client('X26ABC1')
    .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes, compress: true });
  assert.equal(sent.chunks, 12);
  const recipient = peer.client('X26ABC2');
  const mark = peer.server.admin.requests().length;

  const out = join(dir, 'download.csv');
  const toFile = await recipient.download(sent.messageId, { path: out });
  assert.equal(toFile.bytes, data.length);
  assert.equal(await sha256OfFile(out), sha256(data));
  const gets = peer.server.admin
    .requests()
    .slice(mark)
    .filter((r) => r.method === 'GET' && r.path.includes(sent.messageId));
  assert.equal(gets.length, 12, 'each chunk asked for once');

  // Each write waits a turn of the event loop, so the next chunk is read ahead in full before its turn.
  const hash = createHash('sha256');
  let bytes = 0;
  const slow = new Writable({
    highWaterMark: 1024,
    write(part: Buffer, _encoding, done) {
      hash.update(part);
      bytes += part.length;
      setImmediate(done);
    },
  });
  await recipient.download(sent.messageId, slow);
  assert.equal(bytes, data.length);
  assert.equal(hash.digest('hex'), sha256(data));
});
