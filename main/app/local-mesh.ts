// The console's own local MESH server, started when no real mailbox is configured. It keeps
// its messages in the data folder and asks for a client certificate signed by a local CA, so
// the console talks to it exactly as it would to NHS MESH: HTTPS with mutual TLS.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startMeshServer, type RunningMeshServerWithAdmin } from '../sandbox';
import { createSelfSigned, issueCertificate, type CertifiedKey } from '../settings/pki';

export interface LocalMesh {
  server: RunningMeshServerWithAdmin;
  /** The client identity the local server accepts, for any of its mailboxes. */
  clientIdentity: CertifiedKey;
  dir: string;
}

async function readOrMake(dir: string, name: string, make: () => Promise<CertifiedKey>): Promise<CertifiedKey> {
  const certPath = join(dir, `${name}-cert.pem`);
  const keyPath = join(dir, `${name}-key.pem`);
  try {
    const [certificatePem, privateKeyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certificatePem, privateKeyPem };
  } catch {
    const made = await make();
    await writeFile(keyPath, made.privateKeyPem, { mode: 0o600 });
    await writeFile(certPath, made.certificatePem, { mode: 0o644 });
    return made;
  }
}

export async function startLocalMesh(dataDir: string, options: { port?: number; log?: (line: string) => void } = {}): Promise<LocalMesh> {
  const dir = join(dataDir, 'local-mesh');
  const identityDir = join(dir, 'client-identity');
  await mkdir(identityDir, { recursive: true, mode: 0o700 });
  const ca = await readOrMake(identityDir, 'ca', () => createSelfSigned({ commonName: 'MESH console local CA', usage: 'ca' }));
  const clientIdentity = await readOrMake(identityDir, 'client', () =>
    issueCertificate(ca, { commonName: 'local.x26.api.mesh-client.nhs.uk', usage: 'client' }),
  );
  const server = await startMeshServer({
    dataDir: join(dir, 'store'),
    clientCa: ca.certificatePem,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { server, clientIdentity, dir };
}
