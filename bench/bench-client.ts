// A MESH client for the local server over mutual TLS, with the sandbox's credentials.
import { MeshClient } from '../main/mesh';
import type { BenchIdentity } from './bench-identity';

export function benchClient(identity: BenchIdentity, baseUrl: string, mailbox: string): MeshClient {
  return new MeshClient({
    baseUrl,
    mailbox,
    password: 'password',
    sharedKey: 'TestKey',
    certificatePem: identity.client.certificatePem,
    privateKeyPem: identity.client.privateKeyPem,
    caPem: identity.caPem,
    clientName: 'mesh-console-bench',
  });
}
