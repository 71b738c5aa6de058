// The undici Agent that carries every MESH request: mutual TLS with the client certificate and
// key, the environment's CA bundle, TLS 1.2 or later, server verification on. Before the first
// connection the client identity is checked here, where a clear sentence is possible, rather
// than left to an OpenSSL alert half-way through a handshake.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { Agent, buildConnector } from 'undici';
import { MeshError } from './errors';
import { KEY_SENTENCES, keyProblem } from './error-mapping';

export interface TlsSettings {
  certificatePem?: string;
  privateKeyPem?: string;
  privateKeyPassphrase?: string;
  caPem?: string;
  disableSslVerification?: boolean;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function loadKey(pem: string, passphrase: string | undefined): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? '' });
  } catch (error) {
    const kind = keyProblem(error) ?? 'tls-invalid-pem';
    throw new MeshError(kind, kind === 'tls-invalid-pem' ? 'The private key is not a readable PEM key: choose the right key file in Settings.' : KEY_SENTENCES[kind]!, { cause: error });
  }
}

function loadCertificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new MeshError('tls-invalid-pem', `The ${what} is not a readable PEM certificate: choose the right file in Settings.`, { cause: error });
  }
}

/**
 * Checks what can be checked without connecting: the key opens with the passphrase, the
 * certificate and key are a pair, the certificate is within its dates, the CA bundle parses.
 * Throws a MeshError naming the problem.
 */
export function checkClientIdentity(settings: TlsSettings, now: Date = new Date()): void {
  const { certificatePem, privateKeyPem } = settings;
  if (settings.caPem !== undefined) loadCertificate(settings.caPem, 'CA bundle');
  if (!certificatePem && !privateKeyPem) return;
  if (!certificatePem || !privateKeyPem) {
    throw new MeshError('tls-client-certificate-missing', `A client certificate needs its private key and the other way round: set both in Settings (only the ${certificatePem ? 'certificate' : 'private key'} is set).`);
  }
  const key = loadKey(privateKeyPem, settings.privateKeyPassphrase);
  const certificate = loadCertificate(certificatePem, 'client certificate');
  if (!certificate.checkPrivateKey(key)) {
    throw new MeshError('tls-key-mismatch', KEY_SENTENCES['tls-key-mismatch']!);
  }
  const validTo = new Date(certificate.validTo);
  const validFrom = new Date(certificate.validFrom);
  if (validTo.getTime() < now.getTime()) {
    throw new MeshError('tls-certificate-expired', `The client certificate expired on ${day(validTo)}: request a new one for this mailbox and set it in Settings.`);
  }
  if (validFrom.getTime() > now.getTime()) {
    throw new MeshError('tls-certificate-not-yet-valid', `The client certificate is valid only from ${day(validFrom)}: check this computer's date, or wait until then.`);
  }
}

export interface AgentOptions {
  tls: TlsSettings;
  /** For the headers and for each gap in the body. */
  timeoutMs: number;
  log: (line: string) => void;
}

/** An undici Agent for MESH. Call checkClientIdentity first for clear errors. */
export function createMeshAgent(options: AgentOptions): Agent {
  const { tls } = options;
  const tlsOptions = {
    minVersion: 'TLSv1.2' as const,
    rejectUnauthorized: !tls.disableSslVerification,
    ...(tls.caPem ? { ca: tls.caPem } : {}),
    ...(tls.certificatePem ? { cert: tls.certificatePem } : {}),
    ...(tls.privateKeyPem ? { key: tls.privateKeyPem } : {}),
    ...(tls.privateKeyPem && tls.privateKeyPassphrase ? { passphrase: tls.privateKeyPassphrase } : {}),
    timeout: Math.min(options.timeoutMs, 30_000),
  };
  const base = buildConnector(tlsOptions);
  const connect: buildConnector.connector = tls.disableSslVerification
    ? (connectOptions, callback) => {
        if (connectOptions.protocol === 'https:') {
          options.log(`WARNING: connecting to ${connectOptions.hostname}:${connectOptions.port} without verifying the server's certificate (disable_ssl_verification is on; meant for a local sandbox only).`);
        }
        base(connectOptions, callback);
      }
    : base;
  return new Agent({
    connect,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 10_000,
    connections: 4,
  });
}
