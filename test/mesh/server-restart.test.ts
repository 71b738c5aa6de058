// A real local MESH server process (`mesh-console sandbox --data DIR`, messages kept on disk)
// killed with SIGKILL in the middle of a chunked send and started again on the same port: the
// chunk retries go out on new connections, wait for the server with a line saying so, and the
// send finishes with every byte delivered. The creating POST is never repeated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { MeshClient } from '../../main/mesh/client';
import type { MeshClientOptions } from '../../main/mesh/types';
import { testPki, type TestPki } from '../support/pki';
import { startSandboxProcess, stopProcess } from '../cli/cli-support';

let dir: string;
let pki: TestPki;
let sandbox: ChildProcess | undefined;
let url: string;
const clients: MeshClient[] = [];
const logs: string[] = [];

function serverArgs(port: string): string[] {
  return ['--port', port, '--data', join(dir, 'sandbox'), '--client-ca', join(dir, 'client-ca.pem')];
}

async function client(mailbox: string, overrides: Partial<MeshClientOptions> = {}): Promise<MeshClient> {
  const made = new MeshClient({
    baseUrl: url,
    mailbox,
    password: 'password',
    sharedKey: 'TestKey',
    certificatePem: pki.client.certificatePem,
    privateKeyPem: pki.clientKeyEncrypted,
    privateKeyPassphrase: pki.passphrase,
    caPem: await readFile(join(dir, 'sandbox', 'tls', 'server-cert.pem'), 'utf8'),
    clientName: 'mesh-console-tests',
    retry: { backoffMs: 20 },
    timeoutMs: 60_000,
    log: (line) => logs.push(line),
    ...overrides,
  });
  clients.push(made);
  return made;
}

/** Kills the server and starts it again on the same port with the same data folder. */
async function restartServer(): Promise<void> {
  await stopProcess(sandbox!, 'SIGKILL');
  const port = new URL(url).port;
  const started = await startSandboxProcess(serverArgs(port));
  sandbox = started.child;
}

async function download(messageId: string): Promise<string> {
  const hash = createHash('sha256');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done();
    },
  });
  await (await client('X26ABC2')).download(messageId, sink);
  return hash.digest('hex');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-restart-'));
  pki = await testPki();
  await writeFile(join(dir, 'client-ca.pem'), pki.ca.certificatePem);
  const started = await startSandboxProcess(serverArgs('0'));
  sandbox = started.child;
  url = started.url;
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  if (sandbox) await stopProcess(sandbox, 'SIGINT');
  await rm(dir, { recursive: true, force: true });
});

test('the server killed between chunks and started again: the send finishes on new connections', async () => {
  const chunkSize = 200_000;
  const payload = randomBytes(chunkSize * 5);
  // A stream source is read as the send asks for it: chunk 3's bytes are handed over only once
  // MESH has confirmed chunk 2 and the server is dead, so chunk 3's POST meets a dead server for
  // certain, and the server comes back while the client retries.
  let restarted: Promise<void> | undefined;
  let offset = 0;
  const killed = sandbox!;
  const gone = new Promise<void>((resolve) => killed.once('exit', () => resolve()));
  let chunk2Sent: () => void;
  const chunk2 = new Promise<void>((resolve) => (chunk2Sent = resolve));
  const stream = new Readable({
    read() {
      const next = () => this.push(offset >= payload.length ? null : payload.subarray(offset, (offset += chunkSize)));
      if (offset === chunkSize * 2 && !restarted) {
        restarted = chunk2.then(restartServer);
        void gone.then(next);
      } else next();
    },
  });

  const logMark = logs.length;
  const sender = await client('X26ABC1', {
    onCall: (call) => {
      if (call.ok && /\/outbox\/[^/]+\/2$/.test(call.path)) chunk2Sent();
    },
  });
  const result = await sender.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { stream, size: payload.length },
    chunkSizeBytes: chunkSize,
    compress: false,
  });
  await restarted;
  assert.ok(restarted, 'the server was restarted during the send');
  assert.equal(result.chunks, 5);
  assert.ok(
    logs.slice(logMark).some((line) => /waiting up to 30 s for MESH to answer again/.test(line)),
    `a line says what the client waits for:\n${logs.slice(logMark).join('\n')}`,
  );
  assert.equal(await download(result.messageId), createHash('sha256').update(payload).digest('hex'));
});

test('the server killed while a chunk is on its way: the chunk is sent again and the file is not blamed', async () => {
  const chunkSize = 4 * 1024 * 1024;
  const payload = randomBytes(chunkSize * 3);
  const file = join(dir, 'payload.bin');
  await writeFile(file, payload);
  let restarted: Promise<void> | undefined;
  const sender = await client('X26ABC1');
  const result = await sender.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { path: file },
    chunkSizeBytes: chunkSize,
    compress: false,
    // Part-way into chunk 2's body (the bytes counted are the bytes handed to the connection).
    onProgress: (done) => {
      if (done > chunkSize + 512 * 1024 && !restarted) restarted = restartServer();
    },
  });
  await restarted;
  assert.ok(restarted, 'the server was restarted during the send');
  assert.equal(result.chunks, 3);
  assert.equal(await download(result.messageId), createHash('sha256').update(payload).digest('hex'));
});

test('the server killed while a chunk downloads: the chunk is fetched again once it is back', async () => {
  const chunkSize = 4 * 1024 * 1024;
  const payload = randomBytes(chunkSize * 3);
  const sent = await (
    await client('X26ABC1')
  ).send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data: payload },
    chunkSizeBytes: chunkSize,
    compress: false,
  });
  let restarted: Promise<void> | undefined;
  const out = join(dir, 'downloaded.bin');
  const result = await (
    await client('X26ABC2')
  ).download(
    sent.messageId,
    { path: out },
    {
      // Part-way into chunk 2's body.
      onProgress: (done) => {
        if (done > chunkSize + 256 * 1024 && !restarted) restarted = restartServer();
      },
    },
  );
  await restarted;
  assert.ok(restarted, 'the server was restarted during the download');
  assert.equal(result.bytes, payload.length);
  assert.ok((await readFile(out)).equals(payload), 'every byte, once');
});
