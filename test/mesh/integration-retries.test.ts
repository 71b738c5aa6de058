// Retries against injected faults: a fresh token on every attempt (the server refuses reused
// tokens here), Retry-After honoured, the creating POST never repeated, chunks retried by
// re-reading their range, a cut download chunk fetched again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { failure, startPeer, type Peer } from './peer';

let peer: Peer;
let dir: string;
before(async () => {
  peer = await startPeer({ checks: { tokenReuse: true, timestampWindow: true } });
  dir = await mkdtemp(join(tmpdir(), 'mesh-retries-'));
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

function requestsSince(mark: number, method: string, pattern: RegExp) {
  return peer.server.admin
    .requests()
    .slice(mark)
    .filter((r) => r.method === method && pattern.test(r.path));
}

test('503s are retried, each attempt with a fresh token, and the audit sees every attempt', async () => {
  const client = peer.client('X26ABC1');
  const mark = peer.server.admin.requests().length;
  const callsMark = peer.calls.length;
  peer.server.admin.addFault({ method: 'GET', path: '/inbox$', status: 503, count: 2 });
  const page = await client.inboxPage();
  assert.ok(Array.isArray(page.messageIds));
  const seen = requestsSince(mark, 'GET', /\/X26ABC1\/inbox$/);
  assert.deepEqual(
    seen.map((r) => r.status),
    [503, 503, 200],
  );
  assert.equal(new Set(seen.map((r) => r.nonce)).size, 3, 'a new nonce each attempt');
  assert.ok(seen.every((r) => r.mailbox === 'X26ABC1' && /^\d{12}$/.test(r.timestamp ?? '')));
  const calls = peer.calls.slice(callsMark).filter((c) => c.path.endsWith('/inbox'));
  assert.deepEqual(
    calls.map((c) => [c.attempt, c.status, c.ok]),
    [
      [1, 503, false],
      [2, 503, false],
      [3, 200, true],
    ],
  );
});

test('Retry-After is honoured', async () => {
  const client = peer.client('X26ABC1', { retry: { backoffMs: 1 } });
  peer.server.admin.addFault({ method: 'GET', path: '/count$', status: 429, retryAfterSeconds: 1 });
  const started = Date.now();
  await client.count();
  assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
});

test('when the retries run out: server busy, after maxRetries + 1 tries', async () => {
  const client = peer.client('X26ABC1', { retry: { maxRetries: 2, backoffMs: 1 } });
  const mark = peer.server.admin.requests().length;
  peer.server.admin.addFault({ method: 'GET', path: '/count$', status: 502, count: 5 });
  const error = await failure(() => client.count());
  assert.equal(error.kind, 'server-busy');
  assert.equal(error.status, 502);
  assert.match(error.message, /after 3 tries/);
  assert.equal(requestsSince(mark, 'GET', /\/count$/).length, 3);
  peer.server.admin.clearFaults();
});

test('the creating POST is never repeated: one POST, outcome unknown, check by local id', async () => {
  const client = peer.client('X26ABC1');
  const mark = peer.server.admin.requests().length;
  peer.server.admin.addFault({ method: 'POST', path: '/outbox$', status: 503, count: 3 });
  const error = await failure(() =>
    client.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('once only') }, localId: 'ONCE-1' }),
  );
  assert.equal(error.kind, 'send-outcome-unknown');
  assert.match(error.message, /may or may not exist/);
  assert.match(error.message, /tracking by local ID ONCE-1/);
  assert.equal(requestsSince(mark, 'POST', /\/outbox$/).length, 1, 'exactly one creating POST');
  peer.server.admin.clearFaults();
  // Here the fault answered before the server handled it, so tracking finds nothing.
  assert.equal((await failure(() => client.trackByLocalId('ONCE-1'))).kind, 'not-found');
});

test('a creating POST whose answer is cut: outcome unknown, and tracking by local id finds it', async () => {
  const client = peer.client('X26ABC1');
  const mark = peer.server.admin.requests().length;
  peer.server.admin.addFault({ method: 'POST', path: '/outbox$', cutAfterBytes: 3 });
  const error = await failure(() =>
    client.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('made but unconfirmed') }, localId: 'CUT-1' }),
  );
  assert.equal(error.kind, 'send-outcome-unknown');
  assert.equal(requestsSince(mark, 'POST', /\/outbox$/).length, 1);
  const tracking = await client.trackByLocalId('CUT-1');
  assert.equal(tracking.status, 'accepted');
});

test('a later chunk is retried, re-reading its range from the file, and arrives intact', async () => {
  const path = join(dir, 'chunks.bin');
  const data = randomBytes(300_000);
  await writeFile(path, data);
  const sender = peer.client('X26ABC1');
  const mark = peer.server.admin.requests().length;
  peer.server.admin.addFault({ method: 'POST', path: '/outbox/[^/]+/2$', status: 503, count: 2 });
  peer.server.admin.addFault({ method: 'POST', path: '/outbox/[^/]+/3$', cutAfterBytes: 0 });
  const progress: number[] = [];
  const sent = await sender.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { path },
    chunkSizeBytes: 100_000,
    onProgress: (done) => progress.push(done),
  });
  assert.equal(sent.chunks, 3);
  const second = requestsSince(mark, 'POST', /\/outbox\/[^/]+\/2$/);
  assert.deepEqual(
    second.map((r) => r.status),
    [503, 503, 202],
  );
  assert.equal(new Set(second.map((r) => r.nonce)).size, 3);
  assert.equal(requestsSince(mark, 'POST', /\/outbox$/).length, 1);
  assert.deepEqual(
    [...progress].sort((a, b) => a - b),
    progress,
    'progress never goes back',
  );
  assert.equal(progress.at(-1), data.length);
  const out = join(dir, 'chunks.out');
  const result = await peer.client('X26ABC2').download(sent.messageId, { path: out });
  assert.equal(result.bytes, data.length);
  assert.ok((await readFile(out)).equals(data));
});

test('a download chunk cut part-way is fetched again (file); a stream already written to fails clearly', async () => {
  const data = Buffer.from(
    Array.from({ length: 40_000 }, (_, i) => `${i},${createHash('md5').update(String(i)).digest('hex')}\n`).join(''),
  );
  const sent = await peer.client('X26ABC1').send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes: 500_000 });
  assert.ok(sent.chunks >= 3);
  const recipient = peer.client('X26ABC2');
  peer.server.admin.addFault({ method: 'GET', path: `/inbox/${sent.messageId}/2$`, cutAfterBytes: 100_000 });
  const out = join(dir, 'cut.out');
  const mark = peer.server.admin.requests().length;
  await recipient.download(sent.messageId, { path: out });
  assert.ok((await readFile(out)).equals(data));
  assert.equal(requestsSince(mark, 'GET', new RegExp(`/inbox/${sent.messageId}/2$`)).length, 2, 'chunk 2 fetched twice');

  // A cut that arrives before the client read any of the chunk loses nothing and may be retried, even to a stream. So
  // this one comes after 20 MB of one plain 30 MB chunk: more than the socket buffers and the read-ahead hold, so
  // bytes of it have reached the stream by then.
  const large = Buffer.concat(Array.from({ length: 19 }, () => data));
  const whole = await peer
    .client('X26ABC1')
    .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: large }, chunkSizeBytes: 40_000_000, compress: false });
  peer.server.admin.addFault({ method: 'GET', path: `/inbox/${whole.messageId}$`, cutAfterBytes: 20_000_000 });
  let written = 0;
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      written += chunk.length;
      cb();
    },
  });
  const error = await failure(() => recipient.download(whole.messageId, sink));
  assert.equal(error.kind, 'network');
  assert.match(error.message, /interrupted during chunk 1 of/);
  assert.ok(written > 0);
});

test('a slow answer is a timeout', async () => {
  const client = peer.client('X26ABC1', { timeoutMs: 300, retry: { maxRetries: 0 } });
  peer.server.admin.addFault({ method: 'GET', path: '/count$', delayMs: 1500 });
  const error = await failure(() => client.count());
  assert.equal(error.kind, 'timeout');
  assert.equal(error.retryable, true);
  // The time really waited (0.3 s and a little), not the 300 s default nor "0 s".
  assert.match(error.message, /did not answer within (0\.[3-9]|[1-9][\d.]*) s:/);
});

test('a wait of more than a moment says what it waits for and how long it will wait', async () => {
  const client = peer.client('X26ABC1', { waitNoticeMs: 20, timeoutMs: 20_000 });
  peer.server.admin.addFault({ method: 'GET', path: '/count$', delayMs: 1500 });
  const mark = peer.logs.length;
  await client.count();
  assert.ok(
    peer.logs
      .slice(mark)
      .some((line) =>
        /^Still waiting for MESH at 127\.0\.0\.1:\d+ to answer \(to count the inbox\), \d+ s so far; the console gives up after 20 s/.test(
          line,
        ),
      ),
    peer.logs.slice(mark).join('\n'),
  );
});
