// The undici Agent that carries every MESH request: mutual TLS with the client certificate and
// key, the environment's CA bundle, TLS 1.2 or later, server verification on. Before the first
// connection the client identity is checked here, where a clear sentence is possible, rather
// than left to an OpenSSL alert half-way through a handshake.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent, buildConnector, ProxyAgent } from './undici-parts';
import { defaultServerCas } from './server-trust';
import { MeshError } from './errors';
import { errorFromTransport, KEY_SENTENCES, KEY_SETTINGS, keyProblem } from './connection-errors';
import type { OperationContext } from './operation';

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
    // No passphrase is given as none (not ''), so OpenSSL reports a missing one as missing.
    return createPrivateKey(passphrase ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  } catch (error) {
    const kind = keyProblem(error) ?? 'tls-invalid-pem';
    throw kind === 'tls-invalid-pem'
      ? new MeshError(kind, 'The private key is not a readable PEM key: choose the right key file.', {
          settings: ['privateKey'],
          cause: error,
        })
      : new MeshError(kind, KEY_SENTENCES[kind]!, { settings: KEY_SETTINGS[kind] ?? [], cause: error });
  }
}

function loadCertificate(pem: string, setting: 'certificate' | 'caBundle'): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    const what = setting === 'caBundle' ? 'CA bundle' : 'client certificate';
    throw new MeshError('tls-invalid-pem', `The ${what} is not a readable PEM certificate: choose the right file.`, {
      settings: [setting],
      cause: error,
    });
  }
}

/**
 * Checks what can be checked without connecting: the key opens with the passphrase, the
 * certificate and key are a pair, the certificate is within its dates, the CA bundle parses.
 * Throws a MeshError naming the problem.
 */
export function checkClientIdentity(settings: TlsSettings, now: Date = new Date()): void {
  const { certificatePem, privateKeyPem } = settings;
  if (settings.caPem !== undefined) loadCertificate(settings.caPem, 'caBundle');
  if (!certificatePem && !privateKeyPem) return;
  if (!certificatePem || !privateKeyPem) {
    throw new MeshError(
      'tls-client-certificate-missing',
      `A client certificate needs its private key and the other way round: set both (only the ` +
        `${certificatePem ? 'certificate' : 'private key'} is set).`,
      { settings: [certificatePem ? 'privateKey' : 'certificate'] },
    );
  }
  const key = loadKey(privateKeyPem, settings.privateKeyPassphrase);
  const certificate = loadCertificate(certificatePem, 'certificate');
  if (!certificate.checkPrivateKey(key)) {
    throw new MeshError('tls-key-mismatch', KEY_SENTENCES['tls-key-mismatch']!, { settings: KEY_SETTINGS['tls-key-mismatch'] ?? [] });
  }
  const validTo = new Date(certificate.validTo);
  const validFrom = new Date(certificate.validFrom);
  if (validTo.getTime() < now.getTime()) {
    throw new MeshError(
      'tls-certificate-expired',
      `The client certificate expired on ${day(validTo)}: request a new one for this mailbox.`,
      { settings: ['certificate'] },
    );
  }
  if (validFrom.getTime() > now.getTime()) {
    throw new MeshError(
      'tls-certificate-not-yet-valid',
      `The client certificate is valid only from ${day(validFrom)}: check this computer's date, or wait until then.`,
    );
  }
}

export interface AgentOptions {
  tls: TlsSettings;
  /** An HTTP proxy to tunnel through (CONNECT), e.g. `http://proxy.trust.nhs.uk:8080`. */
  proxyUrl?: string;
  /** For the headers and for each gap in the body. */
  timeoutMs: number;
  log: (line: string) => void;
}

function tlsConnectionOptions(tls: TlsSettings): ConnectionOptions {
  const ca = tls.caPem ?? defaultServerCas();
  return {
    minVersion: 'TLSv1.2',
    rejectUnauthorized: !tls.disableSslVerification,
    ...(ca ? { ca } : {}),
    ...(tls.certificatePem ? { cert: tls.certificatePem } : {}),
    ...(tls.privateKeyPem ? { key: tls.privateKeyPem } : {}),
    ...(tls.privateKeyPem && tls.privateKeyPassphrase ? { passphrase: tls.privateKeyPassphrase } : {}),
  };
}

const INSECURE_WARNING = (where: string) =>
  `WARNING: connecting to ${where} without verifying the server's certificate (disable_ssl_verification is on; ` +
  `meant for a local sandbox only).`;

/** An undici dispatcher for MESH (an Agent, or a ProxyAgent when a proxy is set). Call checkClientIdentity first for clear errors. */
export function createMeshAgent(options: AgentOptions): Dispatcher {
  const { tls } = options;
  if (options.proxyUrl) {
    if (tls.disableSslVerification) options.log(INSECURE_WARNING(`MESH through the proxy ${new URL(options.proxyUrl).host}`));
    // An https:// proxy is checked against the default CAs, as Node would check it.
    const proxyCas = defaultServerCas();
    return new ProxyAgent({
      uri: options.proxyUrl,
      requestTls: { ...tlsConnectionOptions(tls), timeout: Math.min(options.timeoutMs, 30_000) },
      ...(proxyCas ? { proxyTls: { ca: proxyCas } } : {}),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }
  const base = buildConnector({ ...tlsConnectionOptions(tls), timeout: Math.min(options.timeoutMs, 30_000) });
  const connect: buildConnector.connector = tls.disableSslVerification
    ? (connectOptions, callback) => {
        if (connectOptions.protocol === 'https:') {
          options.log(INSECURE_WARNING(`${connectOptions.hostname}:${connectOptions.port}`));
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

/**
 * Why an HTTPS connection was closed with no answer. A server that refuses a client certificate
 * under TLS 1.3 may just hang up after the handshake (Node servers do; so may proxies), and
 * undici reports only "other side closed". This opens one connection of its own, asks for the
 * ping page, and reads what happens: a TLS alert, a hang-up right after the handshake (the
 * client certificate refused or missing), or an answer (then the first failure was the network).
 */
export function diagnoseConnection(
  baseUrl: string,
  tls: TlsSettings,
  ctx: OperationContext,
  timeoutMs: number,
): Promise<MeshError | undefined> {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') return Promise.resolve(undefined);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    let secure = false;
    let answered = false;
    let settled = false;
    const socket = tlsConnect(
      { host, port: Number(url.port || 443), ...(isIP(host) ? {} : { servername: host }), ...tlsConnectionOptions(tls) },
      () => {
        secure = true;
        socket.write(
          `GET ${url.pathname.replace(/\/+$/, '')}/messageexchange/_ping HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`,
        );
      },
    );
    const done = (result: MeshError | undefined) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(Math.min(timeoutMs, 10_000), () => done(undefined));
    socket.on('data', () => {
      answered = true;
      done(undefined);
    });
    socket.on('error', (error) => {
      const mapped = errorFromTransport(error, { ...ctx, operation: 'handshake' }, { timeoutMs });
      done(mapped.kind.startsWith('tls') ? mapped : undefined);
    });
    socket.on('close', () => {
      if (!secure || answered) return done(undefined);
      done(
        tls.certificatePem
          ? new MeshError(
              'tls-client-certificate-refused',
              `MESH hung up as soon as it saw this computer's client certificate: check it is the certificate issued for ` +
                `mailbox ${ctx.mailbox.toUpperCase()} in this environment, by a CA that MESH trusts.`,
              { settings: ['certificate'] },
            )
          : new MeshError(
              'tls-client-certificate-missing',
              'MESH hung up because no client certificate was sent: set the certificate and private key.',
              { settings: ['certificate', 'privateKey'] },
            ),
      );
    });
  });
}
