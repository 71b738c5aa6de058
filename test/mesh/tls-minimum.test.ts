// The client speaks TLS 1.2 or later only (docs/mesh-protocol.md, "Mutual TLS"): a server that
// offers no more than TLS 1.1 is refused during the handshake, with a sentence, and no request
// reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MeshClient } from '../../main/mesh/client';
import { testPki } from '../support/pki';
import { failure } from './peer';

test('a server offering only TLS 1.1 is refused before any request', async () => {
  const pki = await testPki();
  let requests = 0;
  let handshakes = 0;
  const server = createServer(
    {
      cert: pki.server.certificatePem,
      key: pki.server.privateKeyPem,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      // OpenSSL 3 refuses TLS 1.1 at its default security level; this server is old on purpose.
      ciphers: 'DEFAULT@SECLEVEL=0',
    },
    (_req, res) => {
      requests++;
      res.end('{}');
    },
  );
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new MeshClient({
    baseUrl: `https://127.0.0.1:${port}`,
    mailbox: 'X26ABC1',
    password: 'password',
    sharedKey: 'TestKey',
    certificatePem: pki.client.certificatePem,
    privateKeyPem: pki.clientKeyEncrypted,
    privateKeyPassphrase: pki.passphrase,
    caPem: pki.ca.certificatePem,
    clientName: 'mesh-console-tests',
    retry: { maxRetries: 0, backoffMs: 5 },
    timeoutMs: 10_000,
  });
  try {
    const error = await failure(() => client.handshake());
    assert.equal(error.kind, 'tls');
    assert.match(
      error.message,
      new RegExp(
        `^The server at 127\\.0\\.0\\.1:${port} speaks only a TLS version older than 1\\.2, which the console refuses ` +
          `to use: check the base URL \\(MESH speaks TLS 1\\.2 or later\\)\\.$`,
      ),
    );
    assert.equal(handshakes, 0, 'no TLS session was set up');
    assert.equal(requests, 0, 'no request reached the server');
  } finally {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
