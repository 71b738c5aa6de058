// Every MESH operation against the local server over HTTPS with mutual TLS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { failure, startPeer, type Peer } from './peer';
import type { MeshClient } from '../../main/mesh/client';

let peer: Peer;
let dir: string;
let alice: MeshClient; // X26ABC1
let bob: MeshClient; // X26ABC2
before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-ops-'));
  alice = peer.client('X26ABC1');
  bob = peer.client('X26ABC2');
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

test('handshake validates the mailbox (the server requires the mex-Client/OS headers)', async () => {
  const mark = peer.server.admin.requests().length;
  await alice.handshake();
  const [request] = peer.server.admin.requests().slice(mark);
  assert.deepEqual([request?.method, request?.path, request?.status], ['POST', '/messageexchange/X26ABC1', 200]);
});

test('send, then metadata, inbox, count, download, acknowledge and tracking', async () => {
  const csv = 'id,name\n1,Ada\n2,Grace\n';
  const path = join(dir, 'people.csv');
  await writeFile(path, csv);
  const sent = await alice.send({
    to: 'x26abc2',
    workflowId: 'TEST_WORKFLOW',
    source: { path },
    subject: 'People',
    localId: 'OPS-1',
    contentType: 'text/csv',
    checksum: 'md5:0123abcd',
    partnerId: 'P1',
    encrypted: false,
    contentCompressed: false,
  });
  assert.equal(sent.chunks, 1);
  assert.equal(sent.bytes, csv.length);
  const audit = peer.calls.find(
    (call) => call.method === 'POST' && call.path === '/messageexchange/X26ABC1/outbox' && call.messageId === sent.messageId,
  );
  assert.deepEqual([audit?.status, audit?.ok, audit?.attempt], [202, true, 1], 'the creating POST is audited with the new id');

  const metadata = await bob.metadata(sent.messageId);
  assert.equal(metadata.messageId, sent.messageId);
  assert.equal(metadata.messageType, 'DATA');
  assert.equal(metadata.sender, 'X26ABC1');
  assert.equal(metadata.recipient, 'X26ABC2');
  assert.equal(metadata.workflowId, 'TEST_WORKFLOW');
  assert.equal(metadata.fileName, 'people.csv');
  assert.equal(metadata.subject, 'People');
  assert.equal(metadata.localId, 'OPS-1');
  assert.equal(metadata.partnerId, 'P1');
  assert.equal(metadata.checksum, 'md5:0123abcd');
  assert.equal(metadata.contentType, 'text/csv');
  assert.equal(metadata.chunkCount, 1);
  assert.equal(metadata.statusSuccess, 'SUCCESS');
  assert.equal(metadata.encrypted, false);
  assert.ok(metadata.lastModified && Math.abs(Date.parse(metadata.lastModified) - Date.now()) < 120_000);

  const page = await bob.inboxPage();
  assert.ok(page.messageIds.includes(sent.messageId));
  assert.equal(page.approxCount, page.messageIds.length);
  assert.equal(await bob.count(), page.messageIds.length);

  const stream = new PassThrough();
  const collected = buffer(stream);
  const streamed = await bob.download(sent.messageId, stream);
  assert.equal((await collected).toString(), csv);
  assert.equal(streamed.bytes, csv.length);
  assert.equal(streamed.metadata.localId, 'OPS-1');
  const out = join(dir, 'people.out');
  await bob.download(sent.messageId, { path: out });
  assert.equal(await readFile(out, 'utf8'), csv);

  assert.equal((await alice.trackByMessageId(sent.messageId)).status, 'accepted');
  await bob.acknowledge(sent.messageId);
  await bob.acknowledge(sent.messageId); // idempotent
  assert.ok(!(await bob.inboxAll()).includes(sent.messageId));
  const byId = await alice.trackByMessageId(sent.messageId);
  assert.equal(byId.status, 'acknowledged');
  assert.equal(byId.localId, 'OPS-1');
  const byLocal = await alice.trackByLocalId('OPS-1');
  assert.equal(byLocal.apiVersion, 1);
  assert.equal(byLocal.status, 'acknowledged', 'lower case whichever version answered');
  assert.equal(byLocal.messageId, sent.messageId);
  assert.ok(byLocal.downloadTimestamp);
});

test('inbox filters by workflow, and the whole inbox is listed', async () => {
  const first = await alice.send({ to: 'X26ABC3', workflowId: 'TEST_WORKFLOW2', source: { data: Buffer.from('a') } });
  const second = await bob.send({ to: 'X26ABC3', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('b') } });
  const carol = peer.client('X26ABC3');
  assert.deepEqual(await carol.inboxAll({ workflowFilter: 'TEST_WORKFLOW2' }), [first.messageId]);
  assert.deepEqual(await carol.inboxAll({ workflowFilter: '!TEST_WORKFLOW2' }), [second.messageId]);
  assert.deepEqual(await carol.inboxAll(), [first.messageId, second.messageId]);
});

test('a chunked, uncompressed send from a stream of known length', async () => {
  const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(''));
  const source = Readable.from([data.subarray(0, 7000), data.subarray(7000)], { objectMode: false });
  const sent = await alice.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { stream: source, size: data.length },
    compress: false,
    chunkSizeBytes: 10_000,
    fileName: 'lines.txt',
    contentType: 'text/plain',
  });
  assert.equal(sent.chunks, Math.ceil(data.length / 10_000));
  const metadata = await bob.metadata(sent.messageId);
  assert.equal(metadata.chunkCount, sent.chunks);
  assert.equal(metadata.contentType, 'text/plain', 'mex-Content-Type carries it on a chunked message');
  const chunks: number[] = [];
  const out = join(dir, 'lines.out');
  const result = await bob.download(sent.messageId, { path: out }, { onProgress: (_done, _total, chunk) => chunks.push(chunk.index) });
  assert.ok((await readFile(out)).equals(data));
  assert.equal(result.bytes, data.length);
  assert.deepEqual(
    [...new Set(chunks)],
    Array.from({ length: sent.chunks }, (_, i) => i + 1),
  );
  // Chunks 2 and 3 are written side by side; progress names the oldest one not finished, so a bar never jumps back.
  assert.deepEqual(
    chunks,
    [...chunks].sort((a, b) => a - b),
    'the chunk number in progress never goes back',
  );
});

test('an empty file travels as one gzipped chunk and comes back empty', async () => {
  const path = join(dir, 'empty.txt');
  await writeFile(path, '');
  const sent = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { path } });
  assert.equal(sent.chunks, 1);
  const result = await bob.download(sent.messageId, { path: join(dir, 'empty.out') });
  assert.equal(result.bytes, 0);
});

test('a REPORT: typed metadata, no body', async () => {
  const original = await alice.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data: Buffer.from('x') },
    localId: 'REPORTED-1',
  });
  const reportId = await peer.server.admin.injectReport({
    mailboxId: 'X26ABC1',
    code: '14',
    description: 'Message not collected by recipient after 5 days',
    workflowId: 'TEST_WORKFLOW',
    status: 'error',
    linkedMessageId: original.messageId,
    localId: 'REPORTED-1',
  });
  assert.ok((await alice.inboxAll()).includes(reportId));
  const metadata = await alice.metadata(reportId);
  assert.equal(metadata.messageType, 'REPORT');
  assert.equal(metadata.statusSuccess, 'ERROR');
  assert.equal(metadata.statusCode, '14');
  assert.equal(metadata.statusEvent, 'TRANSFER');
  assert.match(metadata.statusDescription ?? '', /not collected/);
  assert.equal(metadata.linkedMessageId, original.messageId);
  assert.equal(metadata.chunkCount, 0);
  const result = await alice.download(reportId, { path: join(dir, 'report.out') });
  assert.equal(result.bytes, 0);
  assert.equal(result.metadata.messageType, 'REPORT');
  await alice.acknowledge(reportId);
});

test('tracking by a local id two messages share is ambiguous', async () => {
  for (const text of ['one', 'two'])
    await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from(text) }, localId: 'TWICE' });
  const error = await failure(() => alice.trackByLocalId('TWICE'));
  assert.equal(error.kind, 'ambiguous-local-id');
});

test('endpoint lookup by ODS code and workflow', async () => {
  assert.deepEqual(await alice.lookup('X26', 'TEST_WORKFLOW'), [{ mailboxId: 'X26ABC2', mailboxName: 'TESTMB2' }]);
  assert.deepEqual(await alice.lookup('X27', 'TEST_WORKFLOW_ACK'), [{ mailboxId: 'X26ABC3', mailboxName: 'TESTMB3' }]);
  assert.deepEqual(await alice.lookup('X27', 'TEST_WORKFLOW'), []);
});

test('a closed client refuses further calls', async () => {
  const client = peer.client('X26ABC1');
  await client.handshake();
  await client.close();
  assert.equal((await failure(() => client.count())).kind, 'closed');
});

test('through an HTTP CONNECT proxy, mutual TLS end to end', async () => {
  const tunnels: string[] = [];
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const { port } = proxy.address() as { port: number };
  try {
    const client = peer.client('X26ABC1', { proxyUrl: `http://127.0.0.1:${port}` });
    await client.handshake();
    const sent = await client.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('via proxy') } });
    assert.equal((await client.trackByMessageId(sent.messageId)).status, 'accepted');
    assert.ok(tunnels.length >= 1 && tunnels.every((target) => target === new URL(peer.server.url).host), tunnels.join());
    await client.close();
  } finally {
    proxy.closeAllConnections();
    proxy.close();
  }
});
