// Which CAs a MESH server's certificate is checked against when no CA bundle is given (an address outside NHS
// MESH: NHS environments always have one). That is Node's default: its own list of public CAs, with the
// certificates in NODE_EXTRA_CA_CERTS. `mesh-console` runs Node with `--use-openssl-ca` (bin/mesh-console.cjs),
// which makes OpenSSL's store the default instead (on Linux this computer's, elsewhere often none). In such a
// process the same list is given here, so what is trusted does not depend on how Node was started.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

function extraCertificates(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    // Node warns of a file it cannot read and goes on without it; so does this.
    return [];
  }
}

let defaultCas: string[] | undefined;

/**
 * The CAs to give for a server when no CA bundle is set; undefined where Node's default store is already them. Made
 * once per process, as Node reads NODE_EXTRA_CA_CERTS once.
 */
export function defaultServerCas(): string[] | undefined {
  if (!process.execArgv.includes('--use-openssl-ca')) return undefined;
  defaultCas ??= [...rootCertificates, ...extraCertificates(process.env.NODE_EXTRA_CA_CERTS)];
  return defaultCas;
}
