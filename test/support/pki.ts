// One test PKI per test process: a CA that signs the local server's certificate and the
// clients' certificates, plus the bad identities the TLS error tests need.
import { createSelfSigned, encryptPrivateKey, issueCertificate, type CertifiedKey } from '../../main/settings/pki';

export interface TestPki {
  /** Signs the server certificate and the good client certificates. */
  ca: CertifiedKey;
  /** Server identity for 127.0.0.1 and localhost, signed by `ca`. */
  server: CertifiedKey;
  /** Client identity for mailbox X26ABC1, signed by `ca`. */
  client: CertifiedKey;
  /** The client's private key encrypted with `passphrase`. */
  clientKeyEncrypted: string;
  passphrase: string;
  /** A client certificate signed by a CA the server does not know. */
  strangerClient: CertifiedKey;
  /** A client certificate signed by `ca` that expired in 2021. */
  expiredClient: CertifiedKey;
  /** A CA nobody uses: trusting it instead of `ca` makes the server untrusted. */
  otherCa: CertifiedKey;
}

let pki: Promise<TestPki> | undefined;

export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const ca = await createSelfSigned({ commonName: 'MESH console test CA', usage: 'ca' });
    const otherCa = await createSelfSigned({ commonName: 'Some other CA', usage: 'ca' });
    const server = await issueCertificate(ca, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], usage: 'server' });
    const client = await issueCertificate(ca, { commonName: 'x26abc1.x26.api.mesh-client.nhs.uk', usage: 'client' });
    const strangerClient = await issueCertificate(otherCa, { commonName: 'stranger', usage: 'client' });
    const expiredClient = await issueCertificate(ca, {
      commonName: 'x26abc1.x26.api.mesh-client.nhs.uk',
      usage: 'client',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const passphrase = 'a passphrase for tests';
    return {
      ca,
      server,
      client,
      strangerClient,
      expiredClient,
      otherCa,
      passphrase,
      clientKeyEncrypted: encryptPrivateKey(client.privateKeyPem, passphrase),
    };
  })();
  return pki;
}
