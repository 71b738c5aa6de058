// The mutual-TLS identities for a benchmark run, as test/support/pki.ts makes them for tests:
// a CA, a server certificate for 127.0.0.1, a client certificate. Written once to a file (0600)
// in the run's temp folder so each child reads the same identities.
import { readFile, writeFile } from 'node:fs/promises';
import { createSelfSigned, issueCertificate, type CertifiedKey } from '../main/settings/pki';

export interface BenchIdentity {
  caPem: string;
  server: CertifiedKey;
  client: CertifiedKey;
}

export async function createBenchIdentity(path: string): Promise<BenchIdentity> {
  const ca = await createSelfSigned({ commonName: 'MESH console benchmark CA', usage: 'ca' });
  const server = await issueCertificate(ca, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], usage: 'server' });
  const client = await issueCertificate(ca, { commonName: 'x26abc1.x26.api.mesh-client.nhs.uk', usage: 'client' });
  const identity: BenchIdentity = { caPem: ca.certificatePem, server, client };
  await writeFile(path, JSON.stringify(identity), { mode: 0o600 });
  return identity;
}

export async function readBenchIdentity(path: string): Promise<BenchIdentity> {
  return JSON.parse(await readFile(path, 'utf8')) as BenchIdentity;
}
