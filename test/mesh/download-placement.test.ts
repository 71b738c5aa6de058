// Into a file, a chunk is written at the place the chunk before it says it ends (its gzip trailer),
// before that chunk is finished (main/mesh/download.ts). A chunk of two gzip members has a trailer
// that tells only the second member's size: the next chunk, placed too early, is stopped before it
// is overwritten and fetched again at the right place. Counted byte for byte, and request by request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { freshAuthorization } from '../../main/mesh/auth-token';
import { startPeer, type Peer } from './peer';

let peer: Peer;
let dir: string;
before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-download-placement-'));
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Numbered lines, so a part written at the wrong place or twice changes the bytes. */
function lines(from: number, count: number): Buffer {
  return Buffer.from(
    Array.from({ length: count }, (_, i) => `"${from + i}"|"${sha256(Buffer.from(String(from + i))).slice(0, 40)}"\n`).join(''),
  );
}

/** One POST of the upload as a sender that gzips each chunk in two members would make it; answers the JSON. */
function upload(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; json: { message_id?: string } }> {
  const { pki, server } = peer;
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`${server.url}${path}`),
      {
        method: 'POST',
        ca: pki.ca.certificatePem,
        cert: pki.client.certificatePem,
        key: pki.client.privateKeyPem,
        headers: {
          authorization: freshAuthorization({ mailbox: 'X26ABC1', password: 'password', sharedKey: 'TestKey' }),
          accept: 'application/vnd.mesh.v2+json',
          'content-type': 'application/octet-stream',
          'content-encoding': 'gzip',
          ...headers,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString() || '{}') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('chunks of two gzip members each: every later chunk is fetched again at its place, and the file is exact', async () => {
  // Three chunks of two parts each, larger than what gunzip is given at a time (256 KiB gzipped).
  const parts = Array.from({ length: 6 }, (_, i) => lines(i * 40_000, 40_000));
  const chunkBodies = [0, 1, 2].map((c) => Buffer.concat([gzipSync(parts[2 * c]!), gzipSync(parts[2 * c + 1]!)]));
  const outbox = '/messageexchange/X26ABC1/outbox';
  const first = await upload(
    outbox,
    { 'mex-to': 'X26ABC2', 'mex-workflowid': 'TEST_WORKFLOW', 'mex-chunk-range': '1:3', 'mex-filename': 'members.csv' },
    chunkBodies[0]!,
  );
  assert.equal(first.status, 202);
  const messageId = first.json.message_id!;
  for (const n of [2, 3])
    assert.equal((await upload(`${outbox}/${messageId}/${n}`, { 'mex-chunk-range': `${n}:3` }, chunkBodies[n - 1]!)).status, 202);
  const whole = Buffer.concat(parts);

  const mark = peer.server.admin.requests().length;
  const out = join(dir, 'members.csv');
  const saved = await peer.client('X26ABC2').download(messageId, { path: out });
  assert.equal(saved.bytes, whole.length);
  assert.equal(sha256(await readFile(out)), sha256(whole), 'the file is the data sent, byte for byte');
  const gets = (chunk: string) =>
    peer.server.admin
      .requests()
      .slice(mark)
      .filter((r) => r.method === 'GET' && r.path.endsWith(`/inbox/${messageId}${chunk}`)).length;
  assert.deepEqual([gets(''), gets('/2'), gets('/3')], [1, 2, 2], 'chunks 2 and 3 placed by a trailer that was short, and fetched again');

  // Into a stream, chunks are written one after another: nothing is placed ahead, each chunk is asked for once.
  const streamMark = peer.server.admin.requests().length;
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Writable({
    write(part: Buffer, _encoding, done) {
      hash.update(part);
      bytes += part.length;
      done();
    },
  });
  await peer.client('X26ABC2').download(messageId, stream);
  assert.equal(bytes, whole.length);
  assert.equal(hash.digest('hex'), sha256(whole));
  const streamGets = peer.server.admin
    .requests()
    .slice(streamMark)
    .filter((r) => r.method === 'GET' && r.path.includes(`/inbox/${messageId}`)).length;
  assert.equal(streamGets, 3);
});
