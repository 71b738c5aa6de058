// A plain message gzipped on the fly goes out chunked: in large frames (not zlib's default 16 KiB), since a client such as undici
// pauses and re-joins its socket's buffered bytes after every frame (bench/README.md).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { sendMessage, startHarnessInFolder, V2, type Harness } from './harness';
import { testPki } from '../support/pki';

let h: Harness;
before(async () => {
  h = await startHarnessInFolder('mesh-frames-');
});
after(() => h.close());

/** The raw bytes of one chunked HTTP/1.1 response (kept alive: a closing response would need no frames). */
async function rawGet(path: string, headers: Record<string, string>): Promise<Buffer> {
  const pki = await testPki();
  const url = new URL(h.server.url);
  const socket = connect({
    host: url.hostname,
    port: Number(url.port),
    ca: pki.ca.certificatePem,
    cert: pki.client.certificatePem,
    key: pki.client.privateKeyPem,
  });
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${url.host}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const parts: Buffer[] = [];
  for await (const part of socket) {
    parts.push(part as Buffer);
    if (Buffer.concat(parts.slice(-2)).subarray(-7).toString('latin1') === '\r\n0\r\n\r\n') break;
  }
  socket.destroy();
  return Buffer.concat(parts);
}

/** The frames of a chunked body (without the closing empty frame). */
function chunkedFrames(body: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return frames;
    frames.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

test('a plain message gzipped on the fly goes out in frames of 128 KiB or more on average, and gunzips to the message', async () => {
  const payload = randomBytes(3 * 1024 * 1024);
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', payload);
  const raw = await rawGet(`/messageexchange/X26ABC2/inbox/${id}`, {
    authorization: h.token('X26ABC2'),
    accept: V2,
    'accept-encoding': 'gzip',
  });
  const headerEnd = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headerEnd).toString('latin1').toLowerCase().split('\r\n');
  assert.equal(head[0], 'http/1.1 200 ok');
  assert.ok(head.includes('content-encoding: gzip'), head.join('\n'));
  assert.ok(head.includes('transfer-encoding: chunked'), head.join('\n'));
  const frames = chunkedFrames(raw.subarray(headerEnd + 4));
  assert.ok(frames.length >= 2, `${frames.length} frame(s)`);
  const body = frames.reduce((sum, frame) => sum + frame.length, 0);
  const sizes = frames.map((frame) => frame.length).join(' ');
  // zlib's last output piece for each piece read from the file is smaller, so the mean is what is checked.
  assert.ok(body / frames.length >= 128 * 1024, `frames of ${sizes} bytes`);
  assert.ok(gunzipSync(Buffer.concat(frames)).equals(payload), 'the frames gunzip to the message sent');
});
