// The server's TLS: mutual TLS for real, a generated certificate kept in the data folder, plain HTTP on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { Agent, request } from 'undici';
import { startMeshServer } from '../../main/sandbox/index';
import { testPki } from '../support/pki';

const ping = (url: string, agent?: Agent) => request(`${url}/messageexchange/_ping`, agent ? { dispatcher: agent } : {});

test("with a client CA, a certificate signed by it is required: none, or another CA's, is refused", async () => {
  const pki = await testPki();
  const server = await startMeshServer({ tls: pki.server, clientCa: pki.ca.certificatePem });
  const good = new Agent({ connect: { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem } });
  const none = new Agent({ connect: { ca: pki.ca.certificatePem } });
  const stranger = new Agent({
    connect: { ca: pki.ca.certificatePem, cert: pki.strangerClient.certificatePem, key: pki.strangerClient.privateKeyPem },
  });
  const expired = new Agent({
    connect: { ca: pki.ca.certificatePem, cert: pki.expiredClient.certificatePem, key: pki.expiredClient.privateKeyPem },
  });
  try {
    assert.equal((await ping(server.url, good)).statusCode, 200);
    await assert.rejects(ping(server.url, none));
    await assert.rejects(ping(server.url, stranger));
    await assert.rejects(ping(server.url, expired));
    // and a client that does not trust the server's CA refuses the server
    const untrusting = new Agent({
      connect: { ca: pki.otherCa.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem },
    });
    await assert.rejects(ping(server.url, untrusting), /certificate/i);
    await untrusting.close();
  } finally {
    await Promise.all([good.close(), none.close(), stranger.close(), expired.close()]);
    await server.close();
  }
});

test('without a client CA no client certificate is asked for', async () => {
  const pki = await testPki();
  const server = await startMeshServer({ tls: pki.server });
  const agent = new Agent({ connect: { ca: pki.ca.certificatePem } });
  try {
    assert.equal((await ping(server.url, agent)).statusCode, 200);
  } finally {
    await agent.close();
    await server.close();
  }
});

test('a certificate is made on first start (CN localhost, for localhost and 127.0.0.1) and kept in the data folder', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-sandbox-tls-'));
  const open: Array<{ close(): Promise<void> }> = [];
  try {
    const first = await startMeshServer({ dataDir });
    open.push(first);
    assert.match(first.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const pem = first.serverCertificatePem!;
    const cert = new X509Certificate(pem);
    assert.match(cert.subject, /CN=localhost/);
    assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
    assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
    const keyMode = (await stat(join(dataDir, 'tls', 'server-key.pem'))).mode & 0o777;
    assert.equal(keyMode, 0o600);
    const agent = new Agent({ connect: { ca: pem } });
    open.push(agent);
    assert.equal((await ping(first.url, agent)).statusCode, 200, 'trusting the generated certificate works (hostname 127.0.0.1)');
    await agent.close();
    await first.close();

    const second = await startMeshServer({ dataDir });
    open.push(second);
    assert.equal(second.serverCertificatePem, pem, 'same certificate after a restart');
  } finally {
    // Closed before the folder goes, even when an assertion failed (a server's close is idempotent).
    for (const each of open.reverse()) await each.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('plain HTTP when asked', async () => {
  const server = await startMeshServer({ http: true });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.serverCertificatePem, undefined);
    const reply = await ping(server.url);
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(await reply.body.json(), { env: 'local', build_label: 'latest', status: 'running', outcome: 'Yes' });
  } finally {
    await server.close();
  }
});

test('the log option gets one line per request: method, path, status, ms', async () => {
  const lines: string[] = [];
  const server = await startMeshServer({ http: true, log: (line) => lines.push(line) });
  try {
    await (await ping(server.url)).body.text();
    await (await request(`${server.url}/messageexchange/X26ABC1/inbox`)).body.text();
    // A line is written when the response closes, which may come after the client has the body;
    // once the server is closed, every response has.
    await server.close();
    assert.equal(lines.length, 2, JSON.stringify(lines));
    assert.match(lines[0]!, /^GET \/messageexchange\/_ping 200 \d+ms$/);
    assert.match(lines[1]!, /^GET \/messageexchange\/X26ABC1\/inbox 403 \d+ms$/);
  } finally {
    await server.close();
  }
});
