// The server's TLS identity: given, or made on first start and kept in the data folder so clients
// can keep trusting it across restarts. It names localhost and 127.0.0.1, and the addresses the
// server listens on beyond them (`sandbox --host`), so a client on another machine can verify it.
// A kept certificate that lacks a name the server now needs is made again, covering them all.
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { writeFileAtomic } from '../files/atomic-write';
import { createSelfSigned, type CertifiedKey } from '../settings/pki';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1'];

/** The names a server listening on `host` is reached by: loopback, plus that address, or every one of this machine's for 0.0.0.0 / ::. */
export function serverNames(host: string | undefined): string[] {
  const names = [...LOOPBACK_NAMES];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  if (host === undefined || host === '127.0.0.1' || host === 'localhost') return names;
  if (host === '0.0.0.0' || host === '::') {
    add(hostname());
    for (const address of Object.values(networkInterfaces()).flat()) {
      if (address && !address.internal && !address.address.startsWith('fe80:')) add(address.address);
    }
  } else add(host);
  return names;
}

/** The DNS names and IP addresses a certificate is for. */
function namesIn(certificatePem: string): string[] {
  return (new X509Certificate(certificatePem).subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

const sameAddress = (a: string, b: string) => a === b || (isIP(a) === 6 && isIP(b) === 6 && a.toLowerCase() === b.toLowerCase());

export interface ServerIdentity extends CertifiedKey {
  /** Set when a kept certificate was replaced because it lacked these names. */
  remadeFor?: string[];
}

export async function serverIdentity(options: { tls?: CertifiedKey; dataDir?: string; names?: string[] }): Promise<ServerIdentity> {
  if (options.tls) return options.tls;
  const names = options.names ?? LOOPBACK_NAMES;
  if (!options.dataDir) return makeIdentity(names);
  const dir = join(options.dataDir, 'tls');
  const certPath = join(dir, 'server-cert.pem');
  const keyPath = join(dir, 'server-key.pem');
  let kept: CertifiedKey | undefined;
  try {
    const [certificatePem, privateKeyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    kept = { certificatePem, privateKeyPem };
  } catch {
    kept = undefined;
  }
  const covered = kept ? namesIn(kept.certificatePem) : [];
  const missing = names.filter((name) => !covered.some((c) => sameAddress(c, name)));
  if (kept && missing.length === 0) return kept;
  // Names it already had stay, so clients that reached it one way still can.
  const identity = await makeIdentity([...names, ...covered.filter((c) => !names.some((name) => sameAddress(c, name)))]);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(keyPath, identity.privateKeyPem, 0o600);
  await writeFileAtomic(certPath, identity.certificatePem, 0o644);
  return kept ? { ...identity, remadeFor: missing } : identity;
}

function makeIdentity(names: string[]): Promise<CertifiedKey> {
  return createSelfSigned({ commonName: 'localhost', altNames: names, usage: 'server' });
}
