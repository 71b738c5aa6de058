// `mesh-console get` of a message a server gzips as it sends, in small chunked-encoding frames (16 KiB, zlib's own
// step: the local server's gzipFrameBytes stands in for a MESH that frames its answers so). undici pauses its
// connection whenever the body is not taken at once and, resuming, re-joins all its socket buffered meanwhile: with a
// pause per frame a 30 MB download re-joined 9 GB (4-6 s, 240 MB). The client takes up to 1 MiB ahead of gunzip
// (main/mesh/download.ts), so what its sockets hand out stays about the size of the message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPeer, type Peer } from '../mesh/peer';
import { BIN } from './cli-support';

const COUNT_SOCKET_READS = fileURLToPath(new URL('../support/count-socket-reads.mjs', import.meta.url));

let peer: Peer;
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cli-get-frames-'));
  // A file store: chunks stored plain are then gzipped as they stream out, frame by frame.
  peer = await startPeer({ dataDir: join(dir, 'server'), gzipFrameBytes: 16 * 1024 });
});
after(async () => {
  await peer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', COUNT_SOCKET_READS, BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (part) => (stderr += part));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('get of a message gzipped on the fly in 16 KiB frames takes its bytes from the connection about once', async () => {
  const data = randomBytes(20_000_000);
  const sent = await peer
    .client('X26ABC1')
    .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes: 10_000_000, compress: false });
  assert.equal(sent.chunks, 2);
  const plain = await peer.rawChunk(sent.messageId, 1, 2);
  assert.equal(plain.encoding, 'gzip', 'the server gzips the plain chunk as it sends it');

  await writeFile(join(dir, 'ca.pem'), peer.pki.ca.certificatePem);
  const out = join(dir, 'received.bin');
  const log = join(dir, 'socket-reads.json');
  const got = await run(['get', sent.messageId, '--out', out], {
    MESH_ENV: 'local',
    MESH_BASE_URL: peer.server.url,
    MESH_CA_BUNDLE: join(dir, 'ca.pem'),
    MESH_MAILBOX: 'X26ABC2',
    MESH_CERT: peer.pki.client.certificatePem,
    MESH_KEY: peer.pki.client.privateKeyPem,
    MESH_DATA_DIR: join(dir, 'console'),
    MESH_SOCKET_READ_LOG: log,
  });
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(out)).equals(data), 'the file received is the file sent');
  const { bytes } = JSON.parse(await readFile(log, 'utf8')) as { bytes: number };
  // Huffman-only gzip of random bytes is about their size; a pause per frame made this hundreds of times that.
  assert.ok(bytes < 2 * data.length, `the sockets handed out ${bytes} bytes for a ${data.length}-byte message`);
});
