// The local MESH server over HTTPS with mutual TLS (client certificates from the test PKI),
// and MESH clients set up to reach it. Every client made here is closed with the peer.
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
  close(): Promise<void>;
}

export async function startPeer(options: MeshServerOptions = {}): Promise<Peer> {
  const pki = await testPki();
  const server = await startMeshServer({ clientCa: pki.ca.certificatePem, tls: pki.server, ...options });
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
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await server.close();
    },
  };
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function failure(fn: () => Promise<unknown>): Promise<Error & { kind?: string; status?: number; code?: string; messageId?: string; retryable?: boolean }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}
