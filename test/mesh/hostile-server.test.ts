// The client against a server that is not MESH or means harm, over real HTTPS with mutual TLS:
// a small gzip answer that would inflate to hundreds of megabytes is refused once it passes the
// bound, with a sentence that blames the server, not the network; `mex-*` headers sent as UTF-8
// read as UTF-8; and no control character a server chose reaches the terminal through
// `mesh-console` (ids, file names, subjects, error descriptions).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { MeshClient } from '../../main/mesh/client';
import { MAX_TEXT_BODY } from '../../main/mesh/transport';
import { testPki, type TestPki } from '../support/pki';
import { cli } from '../cli/cli-support';
import { failure } from './peer';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let pki: TestPki;
let server: Server;
let url: string;
let dir: string;
let handler: Handler = (_req, res) => res.writeHead(404).end();
let bomb: Buffer;
const clients: MeshClient[] = [];

/** Zeros gzipped as a stream, so the test never holds what they inflate to. */
async function gzipOfZeros(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

function client(): MeshClient {
  const made = new MeshClient({
    baseUrl: url,
    mailbox: 'X26ABC1',
    password: 'password',
    sharedKey: 'TestKey',
    certificatePem: pki.client.certificatePem,
    privateKeyPem: pki.client.privateKeyPem,
    caPem: pki.ca.certificatePem,
    clientName: 'mesh-console-tests',
    retry: { backoffMs: 1, maxRetries: 0 },
  });
  clients.push(made);
  return made;
}

function env(): Record<string, string> {
  return {
    MESH_ENV: 'local',
    MESH_BASE_URL: url,
    MESH_CA_BUNDLE: join(dir, 'ca.pem'),
    MESH_MAILBOX: 'X26ABC1',
    MESH_CERT: pki.client.certificatePem,
    MESH_KEY: pki.client.privateKeyPem,
    MESH_DATA_DIR: join(dir, 'data'),
  };
}

before(async () => {
  pki = await testPki();
  dir = await mkdtemp(join(tmpdir(), 'mesh-hostile-'));
  await writeFile(join(dir, 'ca.pem'), pki.ca.certificatePem);
  bomb = await gzipOfZeros(256 * 1024 * 1024);
  server = createServer(
    { key: pki.server.privateKeyPem, cert: pki.server.certificatePem, ca: pki.ca.certificatePem, requestCert: true },
    (req, res) => handler(req, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

test('a gzip answer that inflates past the bound is refused, blaming the server and not the network', async () => {
  assert.ok(bomb.length < 1024 * 1024, `the bomb is small on the wire (${bomb.length} bytes)`);
  assert.ok(256 * 1024 * 1024 > MAX_TEXT_BODY);
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.mesh.v2+json', 'content-encoding': 'gzip' });
    res.end(bomb);
  };
  const error = await failure(() => client().inboxPage());
  assert.equal(error.kind, 'unexpected-response');
  assert.match(error.message, /^The server sent far more than any MESH answer \(over 32 MB\) when asked to list the inbox/);
  assert.doesNotMatch(error.message, /network/);

  const listed = await cli(['inbox'], env());
  assert.equal(listed.code, 1);
  assert.equal(listed.stderr.trim().split('\n').length, 1, listed.stderr);
  assert.match(listed.stderr, /^mesh-console: The server sent far more than any MESH answer/);
  assert.doesNotMatch(listed.stderr, /\n\s+at /, 'no stack trace');
});

test('gzip that does not inflate is said to be unreadable, not a network failure', async () => {
  handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end('{"messages": []}');
  };
  const error = await failure(() => client().count());
  assert.equal(error.kind, 'unexpected-response');
  assert.match(error.message, /not readable gzip when asked to count the inbox/);
});

const SUBJECT = 'Café résumé – ✓';
const ESC = '\x1b';

test('mex-* headers sent as UTF-8 are read as UTF-8; bytes that are not UTF-8 stay as they came', async () => {
  handler = (req, res) => {
    res.writeHead(200, {
      'mex-MessageID': 'MSG1',
      'mex-MessageType': 'DATA',
      // What MESH does with a sender's UTF-8 subject: the bytes as they were, which HTTP reads as Latin-1.
      'mex-Subject': Buffer.from(SUBJECT, 'utf8').toString('latin1'),
      'mex-FileName': 'na\xefve.csv',
      'content-length': '0',
    });
    res.end();
    void req;
  };
  const metadata = await client().metadata('MSG1');
  assert.equal(metadata.subject, SUBJECT);
  assert.equal(metadata.fileName, 'naïve.csv', 'a lone Latin-1 byte is not UTF-8: kept as Latin-1');
  const shown = await cli(['show', 'MSG1'], env());
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, new RegExp(`Subject\\s+${SUBJECT}`));
});

test('control characters a server sends never reach the terminal through mesh-console', async () => {
  const evilId = `ID1${ESC}[2J${ESC}]0;owned\x07`;
  handler = (req, res) => {
    const path = req.url ?? '';
    if (req.method === 'GET' && /\/inbox$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/vnd.mesh.v2+json' });
      res.end(JSON.stringify({ messages: [evilId, 'ID2\u202eabc\u009b2J'], approx_inbox_count: 2 }));
    } else if (req.method === 'HEAD') {
      // A C1 control (0x9B, CSI on some terminals) is a legal header byte.
      res.writeHead(200, { 'mex-MessageID': 'ID1', 'mex-Subject': 'a\x9b2Jb', 'mex-FileName': 'x\x85y.csv', 'content-length': '0' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errorEvent: 'COLLECT', errorCode: '20', errorDescription: `Gone${ESC}[31m red\r\nfake line` }));
    }
  };
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/;
  const listed = await cli(['inbox'], env());
  assert.equal(listed.code, 0, listed.stderr);
  assert.doesNotMatch(listed.stdout, unsafe);
  assert.equal(listed.stdout.split('\n')[0], 'ID1\\x1b[2J\\x1b]0;owned\\x07');
  const asJson = await cli(['inbox', '--json'], env());
  assert.doesNotMatch(asJson.stdout, unsafe);
  assert.equal(JSON.parse(asJson.stdout).messageIds[0], evilId, 'the JSON still carries the id exactly');

  const shown = await cli(['show', 'ID1'], env());
  assert.equal(shown.code, 0, shown.stderr);
  assert.doesNotMatch(shown.stdout, unsafe);
  assert.match(shown.stdout, /Subject\s+a\\x9b2Jb/);

  const tracked = await cli(['track', 'ID9'], env());
  assert.equal(tracked.code, 1);
  assert.doesNotMatch(tracked.stderr, unsafe);
  assert.equal(tracked.stderr.trim().split('\n').length, 1, tracked.stderr);
});

test('a send answered with a message id holding control characters is not taken as sent', async () => {
  handler = (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/vnd.mesh.v2+json' });
      res.end(JSON.stringify({ message_id: `ID${ESC}]0;owned\x07` }));
    });
  };
  const error = await failure(() => client().send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('hello') } }));
  assert.equal(error.kind, 'send-outcome-unknown');
  assert.ok(!error.message.includes(ESC), error.message);
});
