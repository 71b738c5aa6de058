// A data folder: everything survives a restart, and big chunks stream to and from files with memory flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { freshAuthorization } from '../../main/mesh/auth-token';
import { startMeshServer } from '../../main/sandbox/index';
import { sendMessage, startHarness, type Harness } from './harness';

test('reopening the same data folder shows the same inboxes, messages, chunks and tracking', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-sandbox-data-'));
  let h: Harness | undefined;
  try {
    h = await startHarness({ dataDir });
    const single = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'kept', { 'mex-LocalID': 'keep-1', 'mex-Subject': 'persist' });
    const acked = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'acked');
    await h.call(`/messageexchange/X26ABC2/inbox/${acked}/status/acknowledged`, { method: 'PUT' });
    const first = await h.call('/messageexchange/X26ABC1/outbox', {
      method: 'POST',
      headers: { 'mex-To': 'X26ABC2', 'mex-WorkflowID': 'TEST_WORKFLOW', 'mex-Chunk-Range': '1:2', 'Content-Encoding': 'gzip' },
      body: gzipSync('first half, '),
    });
    const chunked = first.json.messageID as string;
    const report = await h.server.admin.injectReport({
      mailboxId: 'X26ABC2',
      code: '14',
      description: 'late',
      workflowId: 'TEST_WORKFLOW',
    });
    await h.close();

    const files = await readdir(join(dataDir, 'mailboxes', 'X26ABC2', 'in'));
    assert.ok(files.includes(`${single}.json`), 'laid out as the sandbox file store: <MB>/in/<ID>.json');
    assert.ok(files.includes(single), 'and <MB>/in/<ID>/<n>');

    h = await startHarness({ dataDir });
    assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [single, report]);
    assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${single}`)).text, 'kept');
    assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${acked}`)).text, 'acked');
    const tracking = await h.call('/messageexchange/X26ABC1/outbox/tracking/keep-1');
    assert.equal(tracking.json.messageId, single);
    assert.equal(tracking.json.subject, 'persist');
    assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${acked}`)).json.status, 'Acknowledged');
    assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${chunked}`)).json.status, 'Uploading');

    // the chunked message can be finished after the restart
    const last = await h.call(`/messageexchange/X26ABC1/outbox/${chunked}/2`, {
      method: 'POST',
      headers: { 'mex-Chunk-Range': '2:2', 'Content-Encoding': 'gzip' },
      body: gzipSync('second half'),
    });
    assert.equal(last.status, 202);
    const one = await h.call(`/messageexchange/X26ABC2/inbox/${chunked}`);
    const two = await h.call(`/messageexchange/X26ABC2/inbox/${chunked}/2`);
    assert.equal(one.status, 206);
    assert.equal(`${one.text}${two.text}`, 'first half, second half');
    assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [single, report, chunked]);
    const next = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'after restart');
    assert.equal((await h.call('/messageexchange/X26ABC2/inbox')).json.messages.at(-1), next, 'arrival order continues');

    await h.server.admin.reset();
    await h.close();
    h = await startHarness({ dataDir });
    assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [], 'a reset is kept too');
  } finally {
    await h?.close(); // before the folder goes, even when an assertion failed
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('in a data folder a 60 MiB message in 3 chunks streams through without the server holding it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-sandbox-big-'));
  const h = await startHarness({ dataDir });
  const CHUNK = 20 * 1024 * 1024;
  const CHUNKS = 3;
  const piece = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < piece.length; i++) piece[i] = (i * 7919) % 251;
  const body = () =>
    Readable.from(
      (function* () {
        for (let i = 0; i < CHUNK / piece.length; i++) yield piece;
      })(),
    );
  const expected = createHash('sha256');
  for (let i = 0; i < (CHUNKS * CHUNK) / piece.length; i++) expected.update(piece);

  let peak = 0;
  const base = process.memoryUsage().arrayBuffers;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
  }, 5);
  try {
    const auth = (mb: string) => h.token(mb);
    const first = await request(`${h.server.url}/messageexchange/X26ABC1/outbox`, {
      method: 'POST',
      dispatcher: h.agent,
      body: body(),
      headers: { authorization: auth('X26ABC1'), 'mex-To': 'X26ABC2', 'mex-WorkflowID': 'TEST_WORKFLOW', 'mex-Chunk-Range': `1:${CHUNKS}` },
    });
    assert.equal(first.statusCode, 202);
    const id = ((await first.body.json()) as { messageID: string }).messageID;
    for (let n = 2; n <= CHUNKS; n++) {
      const next = await request(`${h.server.url}/messageexchange/X26ABC1/outbox/${id}/${n}`, {
        method: 'POST',
        dispatcher: h.agent,
        body: body(),
        headers: { authorization: auth('X26ABC1'), 'mex-Chunk-Range': `${n}:${CHUNKS}` },
      });
      assert.equal(next.statusCode, 202);
      await next.body.text();
    }

    const got = createHash('sha256');
    for (let n = 1; n <= CHUNKS; n++) {
      const path = n === 1 ? `inbox/${id}` : `inbox/${id}/${n}`;
      const reply = await request(`${h.server.url}/messageexchange/X26ABC2/${path}`, {
        dispatcher: h.agent,
        headers: { authorization: auth('X26ABC2') },
      });
      assert.equal(reply.headers['content-length'], String(CHUNK));
      for await (const part of reply.body) got.update(part as Buffer);
    }
    assert.equal(got.digest('hex'), expected.digest('hex'));
    // Client and server share this process, and streamed buffers wait for the garbage collector,
    // so the figure includes garbage; a server holding the chunks would keep all 60 MiB alive.
    assert.ok(peak < 2 * CHUNK, `buffers peaked at ${(peak / 1048576).toFixed(1)} MiB`);
  } finally {
    clearInterval(sampler);
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** The names of the partial chunk files (`<n>.<random>.part`) anywhere under the folder. */
async function partFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith('.part'));
}

test('close waits for the requests still in hand, so nothing writes in the data folder once it returns', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-sandbox-close-'));
  const lines: string[] = [];
  const server = await startMeshServer({ http: true, dataDir, log: (line) => lines.push(line) });
  let closed = false;
  try {
    // The send is held before its handler runs; the close comes while it waits.
    server.admin.addFault({ method: 'POST', path: '/outbox$', delayMs: 500 });
    const upload = httpRequest(`${server.url}/messageexchange/X26ABC1/outbox`, {
      method: 'POST',
      headers: {
        authorization: freshAuthorization({ mailbox: 'X26ABC1', password: 'password', sharedKey: 'TestKey' }),
        'mex-To': 'X26ABC2',
        'mex-WorkflowID': 'TEST_WORKFLOW',
        'content-type': 'application/octet-stream',
      },
    });
    upload.on('error', () => undefined); // the close cuts it, as intended
    upload.end(Buffer.alloc(64 * 1024, 'a'));
    while (server.admin.faults()[0]!.hits === 0) await new Promise((resolve) => setImmediate(resolve));

    await server.close();
    closed = true;
    assert.ok(
      lines.some((line) => line.startsWith('error handling POST /messageexchange/X26ABC1/outbox')),
      `the send's handler had finished: ${JSON.stringify(lines)}`,
    );
    assert.deepEqual(await partFiles(dataDir), [], 'and left no partial chunk file');
  } finally {
    if (!closed) await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
