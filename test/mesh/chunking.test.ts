import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import {
  bufferStream,
  chunkBody,
  chunkRange,
  DEFAULT_CHUNK_SIZE,
  fileRangeStream,
  gzipBound,
  MAX_REQUEST_BYTES,
  maxChunkSize,
  planChunks,
  readBytes,
} from '../../main/mesh/chunking';
import { MeshError } from '../../main/mesh/errors';
import { firstChunkHeaders } from '../../main/mesh/send';

test('splits the uncompressed size into ceil(size / chunk) pieces, at least one', () => {
  assert.equal(planChunks(0).count, 1);
  assert.equal(planChunks(1).count, 1);
  assert.equal(planChunks(DEFAULT_CHUNK_SIZE).count, 1);
  assert.equal(planChunks(DEFAULT_CHUNK_SIZE + 1).count, 2);
  assert.equal(planChunks(50 * 1024 * 1024).count, 3);
  const plan = planChunks(25, 10);
  assert.deepEqual(
    [1, 2, 3].map((n) => chunkRange(plan, n)),
    [
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 20, end: 25 },
    ],
  );
});

test('refuses a chunk size that could make a request over 100 MB', () => {
  assert.equal(maxChunkSize(false), MAX_REQUEST_BYTES);
  const limit = maxChunkSize(true);
  assert.ok(gzipBound(limit) <= MAX_REQUEST_BYTES && gzipBound(limit + 1) > MAX_REQUEST_BYTES);
  assert.ok(limit > 99_000_000);
  planChunks(1000, limit, true);
  assert.throws(
    () => planChunks(1000, limit + 1, true),
    (error: MeshError) => error.kind === 'invalid-request' && /100 MB/.test(error.message),
  );
  assert.throws(
    () => planChunks(1000, 0),
    (error: MeshError) => error.kind === 'invalid-request',
  );
  assert.throws(
    () => planChunks(1000, 1.5),
    (error: MeshError) => error.kind === 'invalid-request',
  );
});

test('the gzip bound holds for incompressible data at the level used', () => {
  for (const size of [0, 1, 4096, 100_000, 1_000_003]) {
    const data = randomBytes(size);
    assert.ok(gzipSync(data, { level: constants.Z_BEST_SPEED }).length <= gzipBound(size), `size ${size}`);
  }
});

test('each chunk body is a complete gzip stream of exactly its range', async () => {
  const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => `row ${i}|value\n`).join(''));
  const plan = planChunks(data.length, 20_000);
  let counted = 0;
  const pieces: Buffer[] = [];
  for (let n = 1; n <= plan.count; n++) {
    const { start, end } = chunkRange(plan, n);
    const gz = await buffer(chunkBody(bufferStream(data.subarray(start, end)), true, (k) => (counted += k)));
    assert.equal(gz[0], 0x1f);
    assert.equal(gz[1], 0x8b);
    pieces.push(gunzipSync(gz));
  }
  assert.equal(counted, data.length);
  assert.ok(Buffer.concat(pieces).equals(data));
});

test('file ranges stream exactly their bytes, and plain bodies pass through', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-chunk-'));
  try {
    const path = join(dir, 'data.bin');
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(path, data);
    const plan = planChunks(data.length, 1024 * 1024);
    assert.equal(plan.count, 4);
    const parts: Buffer[] = [];
    for (let n = 1; n <= plan.count; n++) {
      const { start, end } = chunkRange(plan, n);
      parts.push(await buffer(chunkBody(fileRangeStream(path, start, end), false, () => {})));
    }
    assert.ok(Buffer.concat(parts).equals(data));
    assert.equal((await buffer(fileRangeStream(path, 5, 5))).length, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('readBytes takes exactly n bytes from a stream, then the rest', async () => {
  const stream = Readable.from([Buffer.from('abc'), Buffer.from('defgh'), Buffer.from('ij')], { objectMode: false });
  assert.equal((await readBytes(stream, 4)).toString(), 'abcd');
  assert.equal((await readBytes(stream, 4)).toString(), 'efgh');
  assert.equal((await readBytes(stream, 4)).toString(), 'ij');
  assert.equal((await readBytes(stream, 4)).length, 0);
});

test('first-chunk headers: 1:N, content type only on a single chunk, checked text', () => {
  const request = {
    to: ' x26abc2 ',
    workflowId: 'TEST_WORKFLOW',
    source: { data: Buffer.alloc(0) },
    subject: 'Flu',
    localId: 'L-1',
    contentType: 'text/csv',
  };
  const single = firstChunkHeaders(request, planChunks(10, 100), 'a.csv');
  assert.equal(single['mex-to'], 'X26ABC2');
  assert.equal(single['mex-chunk-range'], '1:1');
  assert.equal(single['content-type'], 'text/csv');
  assert.equal(single['mex-filename'], 'a.csv');
  const multi = firstChunkHeaders(request, planChunks(250, 100), undefined);
  assert.equal(multi['mex-chunk-range'], '1:3');
  assert.equal(multi['content-type'], 'application/octet-stream');
  assert.equal(multi['mex-content-type'], 'text/csv');
  const bad = (change: object, pattern: RegExp) =>
    assert.throws(
      () => firstChunkHeaders({ ...request, ...change }, planChunks(1, 10), undefined),
      (e: MeshError) => e.kind === 'invalid-request' && pattern.test(e.message),
    );
  bad({ subject: 'line\nbreak' }, /subject/);
  bad({ subject: 'Price £5' }, /subject/);
  bad({ to: '' }, /recipient/);
  bad({ workflowId: 'https://evil' }, /web address/);
  bad({ localId: 'x'.repeat(301) }, /at most 300/);
  bad({ checksum: 'md5;abc' }, /checksum/);
});
