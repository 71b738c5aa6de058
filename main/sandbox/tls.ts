// The server's TLS identity: given, or made on first start (CN localhost, for localhost and 127.0.0.1)
// and kept in the data folder so clients can keep trusting it across restarts.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSelfSigned, type CertifiedKey } from '../settings/pki';

export async function serverIdentity(options: { tls?: CertifiedKey; dataDir?: string }): Promise<CertifiedKey> {
  if (options.tls) return options.tls;
  if (!options.dataDir) return makeIdentity();
  const dir = join(options.dataDir, 'tls');
  const certPath = join(dir, 'server-cert.pem');
  const keyPath = join(dir, 'server-key.pem');
  try {
    const [certificatePem, privateKeyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certificatePem, privateKeyPem };
  } catch {
    const identity = await makeIdentity();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyPath, identity.privateKeyPem, { mode: 0o600 });
    await writeFile(certPath, identity.certificatePem, { mode: 0o644 });
    return identity;
  }
}

function makeIdentity(): Promise<CertifiedKey> {
  return createSelfSigned({ commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], usage: 'server' });
}
