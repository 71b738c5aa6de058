// Certificates and keys: the local MESH server's own TLS identity, test PKIs, and the
// operator's certificate signing request. @peculiar/x509 builds certificates and CSRs
// (node:crypto cannot); node:crypto reads them and encrypts private keys.
import 'reflect-metadata';
import { webcrypto, createPrivateKey, X509Certificate, randomBytes, KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateSummary } from '../domain';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export type KeyAlgorithm = 'rsa' | 'ec';

export interface CertifiedKey {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssueOptions {
  commonName: string;
  /** DNS names and IP addresses for a server certificate. */
  altNames?: string[];
  usage: 'server' | 'client' | 'ca';
  notBefore?: Date;
  notAfter?: Date;
  algorithm?: KeyAlgorithm;
}

async function generateKeys(algorithm: KeyAlgorithm = 'ec'): Promise<CryptoKeyPair> {
  const params = algorithm === 'rsa' ? RSA : EC;
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

function signingAlgorithm(algorithm: KeyAlgorithm = 'ec') {
  return algorithm === 'rsa' ? RSA : EC;
}

async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as unknown as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f; // positive
  return bytes.toString('hex');
}

function extensionsFor(options: IssueOptions, publicKey: CryptoKey) {
  const extensions: x509.Extension[] = [];
  if (options.usage === 'ca') {
    extensions.push(new x509.BasicConstraintsExtension(true, 0, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
  } else {
    extensions.push(new x509.BasicConstraintsExtension(false, undefined, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true));
    extensions.push(
      new x509.ExtendedKeyUsageExtension([
        options.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
      ]),
    );
  }
  if (options.altNames?.length) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        options.altNames.map((value) => ({ type: /^[\d.]+$|:/.test(value) ? 'ip' : 'dns', value }) as x509.JsonGeneralName),
      ),
    );
  }
  return { extensions, publicKey };
}

function validity(options: IssueOptions) {
  const notBefore = options.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 825 * 24 * 60 * 60 * 1000);
  return { notBefore, notAfter };
}

/** A self-signed certificate: a CA (usage 'ca') or a lone server identity. */
export async function createSelfSigned(options: IssueOptions): Promise<CertifiedKey> {
  const keys = await generateKeys(options.algorithm);
  const { extensions } = extensionsFor(options, keys.publicKey);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${options.commonName}`,
    ...validity(options),
    keys,
    signingAlgorithm: signingAlgorithm(options.algorithm),
    extensions,
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: await privateKeyPem(keys) };
}

/** A certificate for a server or client, signed by the given CA. */
export async function issueCertificate(ca: CertifiedKey, options: IssueOptions): Promise<CertifiedKey> {
  const keys = await generateKeys(options.algorithm);
  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const caKey = createPrivateKey(ca.privateKeyPem);
  const caAlgorithm: KeyAlgorithm = caKey.asymmetricKeyType === 'rsa' ? 'rsa' : 'ec';
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    caKey.export({ format: 'der', type: 'pkcs8' }),
    signingAlgorithm(caAlgorithm),
    false,
    ['sign'],
  );
  const { extensions } = extensionsFor(options, keys.publicKey);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${options.commonName}`,
    issuer: caCertificate.subject,
    ...validity(options),
    publicKey: keys.publicKey,
    signingKey: signingKey as unknown as CryptoKey,
    signingAlgorithm: signingAlgorithm(caAlgorithm),
    extensions,
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: await privateKeyPem(keys) };
}

/** The PKCS#8 PEM of a private key, encrypted with AES-256-CBC under the passphrase. */
export function encryptPrivateKey(privateKeyPem: string, passphrase: string): string {
  return createPrivateKey(privateKeyPem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase }).toString();
}

export interface CertificateSigningRequest {
  csrPem: string;
  /** The new private key, encrypted with the passphrase given. */
  encryptedPrivateKeyPem: string;
}

/** A new RSA 2048 key and a CSR for it, as the NHS service desk asks for a MESH client certificate. */
export async function createCertificateSigningRequest(commonName: string, passphrase: string): Promise<CertificateSigningRequest> {
  const keys = await generateKeys('rsa');
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: RSA,
  });
  return { csrPem: csr.toString('pem'), encryptedPrivateKeyPem: encryptPrivateKey(await privateKeyPem(keys), passphrase) };
}

/** The common name a MESH client certificate carries: `<mailbox>.<ods>.api.mesh-client.nhs.uk`. */
export function meshClientCommonName(mailbox: string, odsCode: string): string {
  return `${mailbox.trim().toLowerCase()}.${odsCode.trim().toLowerCase()}.api.mesh-client.nhs.uk`;
}

/** The certificate's side of what the console shows (CertificateSummary), plus its fingerprint. */
export interface CertificateDetails extends Omit<CertificateSummary, 'keyMatches' | 'problem'> {
  fingerprint256: string;
}

/** What an operator needs to know of a certificate PEM (the first certificate when it is a chain). */
export function certificateDetails(certificatePem: string, now: Date = new Date()): CertificateDetails {
  const certificate = new X509Certificate(certificatePem);
  const validTo = new Date(certificate.validTo);
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1] ?? '';
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    commonName,
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    expired: validTo.getTime() < now.getTime(),
    daysUntilExpiry: Math.floor((validTo.getTime() - now.getTime()) / 86_400_000),
    fingerprint256: certificate.fingerprint256,
  };
}

/** Loads a private key PEM, decrypting it with the passphrase when it is encrypted. Throws on a wrong passphrase. */
export function loadPrivateKey(privateKeyPem: string, passphrase?: string): KeyObject {
  return createPrivateKey({ key: privateKeyPem, format: 'pem', passphrase });
}

/** Whether the certificate's public key belongs to the private key. */
export function keyMatchesCertificate(certificatePem: string, privateKey: KeyObject): boolean {
  return new X509Certificate(certificatePem).checkPrivateKey(privateKey);
}
