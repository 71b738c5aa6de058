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

test('the next chunk is asked for while the one before it is still written, and never two ahead', async () => {
  // Chunks larger than what is read ahead (1 MiB of the body, 512 KiB decoded), so a chunk cannot have been read to its
  // end while its first bytes wait to be written: the next one is asked for from the current one's headers, not its end.
  const chunkSizeBytes = 6 * 1024 * 1024;
  const line = (i: number) => `"${i}"|"vaccination record, dose given, site left arm"\n`;
  const lines: string[] = [];
  for (let i = 0, size = 0; size < chunkSizeBytes * 2.5; i++) {
    lines.push(line(i));
    size += lines[i]!.length;
  }
  const data = Buffer.from(lines.join(''));
  const sent = await peer
    .client('X26ABC1')
    .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes, compress: true });
  assert.equal(sent.chunks, 3);
  // A fault rule with nothing to do counts the requests that reach the server for a chunk.
  const counters = new Map(
    [2, 3].map((chunk) => [chunk, peer.server.admin.addFault({ method: 'GET', path: `/${sent.messageId}/${chunk}$`, count: 1000 })]),
  );
  const askedFor = (chunk: number) =>
    chunk === 1 || (peer.server.admin.faults().find((fault) => fault.id === counters.get(chunk))?.hits ?? 0) > 0;
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  const hash = createHash('sha256');
  let position = 0;
  let mostAhead = 0;
  const askedWhileWriting: number[] = [];
  const destination = new Writable({
    highWaterMark: 1024,
    write(part: Buffer, _encoding, done) {
      const writing = Math.floor(position / chunkSizeBytes) + 1;
      const firstOfChunk = position % chunkSizeBytes === 0;
      hash.update(part);
      position += part.length;
      void (async () => {
        // At the first bytes of chunks 1 and 2 the writing waits (a bounded number of turns) for the next chunk's request.
        if (firstOfChunk && writing < 3) {
          for (let turns = 0; turns < 20_000 && !askedFor(writing + 1); turns++) await turn();
          if (askedFor(writing + 1)) askedWhileWriting.push(writing);
        }
        mostAhead = Math.max(mostAhead, [1, 2, 3].filter(askedFor).length - writing);
        done();
      })();
    },
  });
  await peer.client('X26ABC2').download(sent.messageId, destination);
  assert.equal(position, data.length);
  assert.equal(hash.digest('hex'), sha256(data));
  assert.deepEqual(askedWhileWriting, [1, 2], 'chunks 2 and 3 were each asked for before the chunk before them was written');
  assert.equal(mostAhead, 1, 'never more than one chunk ahead of the one being written');
});
