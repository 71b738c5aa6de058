// The local MESH server over HTTPS with mutual TLS (client certificates from the test PKI),
// and MESH clients set up to reach it. Every client made here is closed with the peer.
import { request } from 'node:https';
import { freshAuthorization } from '../../main/mesh/auth-token';
import { startMeshServer } from '../../main/sandbox';
import type { MeshServerOptions, RunningMeshServerWithAdmin } from '../../main/sandbox/types';
import { MeshClient } from '../../main/mesh/client';
import type { MeshCall, MeshClientOptions } from '../../main/mesh/types';
import { testPki, type TestPki } from '../support/pki';

export interface Peer {
  pki: TestPki;
  server: RunningMeshServerWithAdmin;
  /** A client for a mailbox, mutual TLS with the good client identity, fast retries. */
  client(mailbox: string, overrides?: Partial<MeshClientOptions>): MeshClient;
  /** Every log line and call any client reported. */
  logs: string[];
  calls: MeshCall[];
  /**
   * Chunk n of a message in X26ABC2's inbox as the server sends it, through a plain HTTPS request
   * with the test PKI (no MeshClient), accepting gzip. A v1 request gets gzip only for a chunk
   * stored gzipped; a v2 one also gets plain chunks gzipped on the fly (docs/mesh-protocol.md,
   * "Downloading and acknowledging").
   */
  rawChunk(messageId: string, n: number, version: 1 | 2): Promise<{ encoding?: string; body: Buffer }>;
  close(): Promise<void>;
}

/**
 * Strict unless `strict: false` is given: the console's behaviour is tested against what NHS MESH
 * enforces (single-use tokens, registered workflows, no download after acknowledgement, ...).
 */
export async function startPeer(options: MeshServerOptions = {}): Promise<Peer> {
  const pki = await testPki();
  const server = await startMeshServer({ clientCa: pki.ca.certificatePem, tls: pki.server, strict: true, ...options });
  const clients: MeshClient[] = [];
  const logs: string[] = [];
  const calls: MeshCall[] = [];
  return {
    pki,
    server,
    logs,
    calls,
    client(mailbox, overrides = {}) {
      const client = new MeshClient({
        baseUrl: server.url,
        mailbox,
        password: 'password',
        sharedKey: 'TestKey',
        certificatePem: pki.client.certificatePem,
        privateKeyPem: pki.clientKeyEncrypted,
        privateKeyPassphrase: pki.passphrase,
        caPem: pki.ca.certificatePem,
        clientName: 'mesh-console-tests',
        retry: { backoffMs: 20 },
        timeoutMs: 20_000,
        log: (line) => logs.push(line),
        onCall: (call) => calls.push(call),
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    rawChunk(messageId, n, version) {
      const url = new URL(`${server.url}/messageexchange/X26ABC2/inbox/${messageId}/${n}`);
      const headers: Record<string, string> = {
        authorization: freshAuthorization({ mailbox: 'X26ABC2', password: 'password', sharedKey: 'TestKey' }),
        'accept-encoding': 'gzip',
        ...(version === 2 ? { accept: 'application/vnd.mesh.v2+json' } : {}),
      };
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem, headers },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (part: Buffer) => parts.push(part));
            res.on('end', () =>
              resolve({
                ...(res.headers['content-encoding'] ? { encoding: res.headers['content-encoding'] } : {}),
                body: Buffer.concat(parts),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
    },
  };
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function failure(
  fn: () => Promise<unknown>,
): Promise<Error & { kind?: string; status?: number; code?: string; messageId?: string; retryable?: boolean }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}
