// Failures below HTTP (TLS alerts and verification, key material, sockets, DNS, timeouts) as
// Node, undici and OpenSSL report them, turned into MeshErrors with an operator sentence.
import { MeshError, type MeshErrorDetails, type MeshErrorKind, type MeshSetting } from './errors';
import { sendOutcomeUnknown } from './http-errors';
import { hostOf, WHAT, type OperationContext } from './operation';

/** Every error code and message a Node/undici/OpenSSL error carries, its causes included. */
function codesOf(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = [];
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; reason?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.message === 'string') texts.push(e.message);
    if (typeof e.reason === 'string') texts.push(e.reason);
    current = e.cause;
  }
  return { codes, text: texts.join(' | ') };
}

const SERVER_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'INVALID_CA',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
]);
const CLIENT_REFUSED: Record<string, string> = {
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'it is not signed by a CA that MESH trusts',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'MESH calls it a bad certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'MESH could not verify it',
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: 'MESH does not support its type',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: 'it has been revoked',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'MESH denied access to it',
  ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR: 'it does not match its private key',
};
const CLIENT_MISSING = new Set(['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const CUT = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'Z_BUF_ERROR',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** A connection closed or reset before any answer: the case where a TLS refusal can hide. */
export function isConnectionCut(error: unknown): boolean {
  const { codes, text } = codesOf(error);
  return codes.some((code) => code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') || /other side closed/i.test(text);
}

/**
 * Whether an error came from the connection (undici, a socket, TLS, a timeout) rather than from
 * reading a local file: a request body stream is destroyed with the connection's error when the
 * connection fails, and that must not be reported as the file being unreadable.
 */
export function isConnectionError(error: unknown): boolean {
  const { codes, text } = codesOf(error);
  if (codes.some((code) => code.startsWith('UND_ERR') || CUT.has(code) || TIMEOUTS.has(code) || UNREACHABLE.has(code))) return true;
  if (codes.some((code) => code === 'ECONNREFUSED' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) return true;
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return true;
  return /other side closed|socket|premature close|aborted/i.test(text);
}

// A wrong passphrase is "bad decrypt"; a missing one depends on the OpenSSL under Node:
// ERR_MISSING_PASSPHRASE (Node with OpenSSL 1.1 and 3.x where Node maps it), "bad password
// read" (ERR_OSSL_PEM_BAD_PASSWORD_READ, a PEM code, so checked before the PEM codes below) and,
// from OpenSSL 3.0 (Node 20's 3.0.19 among them), "interrupted or cancelled" from the password
// callback that had no passphrase to give.
const PASSPHRASE_CODES = new Set([
  'ERR_OSSL_BAD_DECRYPT',
  'ERR_OSSL_EVP_BAD_DECRYPT',
  'ERR_MISSING_PASSPHRASE',
  'ERR_OSSL_PEM_BAD_PASSWORD_READ',
  'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED',
]);

/** Key-material problems as OpenSSL reports them, whether found locally or while connecting. */
export function keyProblem(error: unknown): MeshErrorKind | undefined {
  const { codes, text } = codesOf(error);
  const has = (code: string) => codes.includes(code);
  if (codes.some((code) => PASSPHRASE_CODES.has(code)) || /bad decrypt|bad password read|interrupted or cancelled|passphrase/i.test(text)) {
    return 'tls-passphrase-wrong';
  }
  if (has('ERR_OSSL_X509_KEY_VALUES_MISMATCH') || /key values mismatch/i.test(text)) return 'tls-key-mismatch';
  if (codes.some((c) => /^ERR_OSSL_(PEM|ASN1|DECODER|UNSUPPORTED)/.test(c)) || /no start line|bad base64|unsupported/i.test(text)) {
    return 'tls-invalid-pem';
  }
  return undefined;
}

export const KEY_SENTENCES: Partial<Record<MeshErrorKind, string>> = {
  'tls-passphrase-wrong': 'The private key could not be unlocked: check the private key passphrase.',
  'tls-key-mismatch':
    "The client certificate and the private key do not belong together: use the private key that was made with this certificate's request.",
  'tls-invalid-pem': 'The client certificate, private key or CA bundle is not a readable PEM file: choose the right files.',
};

/** The settings each key problem's sentence asks to check. */
export const KEY_SETTINGS: Partial<Record<MeshErrorKind, readonly MeshSetting[]>> = {
  'tls-passphrase-wrong': ['privateKeyPassphrase'],
  'tls-key-mismatch': ['privateKey', 'certificate'],
  'tls-invalid-pem': ['certificate', 'privateKey', 'caBundle'],
};

export interface TransportFailure {
  /** The client's timeout, said when the time really waited is not known. */
  timeoutMs: number;
  /** How long the failed try really waited. */
  waitedMs?: number;
  attempts?: number;
  /** How long since the first of the failed tries started. */
  failingForMs?: number;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${Math.max(0.1, Math.round(ms / 100) / 10)} s` : `${Math.round(ms / 1000)} s`;
}

/** A MeshError for a failure below HTTP: TLS, connection, DNS, timeout. */
export function errorFromTransport(error: unknown, ctx: OperationContext, options: TransportFailure): MeshError {
  if (error instanceof MeshError) return error;
  const { codes, text } = codesOf(error);
  const host = hostOf(ctx);
  const has = (code: string) => codes.includes(code);
  const first = (set: ReadonlySet<string>) => codes.find((code) => set.has(code));
  const tries =
    options.attempts && options.attempts > 1
      ? `, still after ${options.attempts} tries${options.failingForMs !== undefined ? ` over ${seconds(options.failingForMs)}` : ''}`
      : '';
  const fail = (kind: MeshErrorKind, sentence: string, settings?: readonly MeshSetting[]) => {
    if (ctx.operation === 'send' && (kind === 'network' || kind === 'timeout')) {
      return sendOutcomeUnknown(kind === 'timeout' ? `MESH did not answer in time` : 'The connection to MESH failed', ctx, {
        cause: error,
      });
    }
    const details: MeshErrorDetails = { cause: error };
    if (ctx.messageId) details.messageId = ctx.messageId;
    if (settings) details.settings = settings;
    return new MeshError(kind, sentence, details);
  };

  const key = keyProblem(error);
  if (key) return fail(key, KEY_SENTENCES[key]!, KEY_SETTINGS[key]);
  if (first(SERVER_UNTRUSTED)) {
    return fail(
      'tls-server-untrusted',
      `The server at ${host} is not trusted (its certificate is not signed by the CA bundle in use): check the base ` +
        `URL and the environment's CA bundle.`,
      ['baseUrl', 'caBundle'],
    );
  }
  if (has('CERT_HAS_EXPIRED'))
    return fail(
      'tls-server-certificate-expired',
      `The certificate of the server at ${host} has expired: check the base URL, and tell the MESH service desk if it is right.`,
      ['baseUrl'],
    );
  if (has('CERT_NOT_YET_VALID'))
    return fail('tls-server-untrusted', `The certificate of the server at ${host} is not valid yet: check this computer's date and time.`);
  if (has('ERR_TLS_CERT_ALTNAME_INVALID') || /hostname\/ip does not match/i.test(text)) {
    return fail('tls-hostname-mismatch', `The server at ${host} presented a certificate for a different name: check the base URL.`, [
      'baseUrl',
    ]);
  }
  if (has('ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED')) {
    return fail(
      'tls-certificate-expired',
      'MESH refused the client certificate because it has expired: request a new certificate for this mailbox.',
      ['certificate'],
    );
  }
  const refusedCode = codes.find((code) => code in CLIENT_REFUSED);
  if (refusedCode) {
    return fail(
      'tls-client-certificate-refused',
      `MESH refused this computer's client certificate (${CLIENT_REFUSED[refusedCode]}): check it is the certificate ` +
        `issued for mailbox ${ctx.mailbox.toUpperCase()} in this environment.`,
      ['certificate'],
    );
  }
  if (codes.some((code) => CLIENT_MISSING.has(code))) {
    return fail(
      'tls-client-certificate-missing',
      'MESH requires a client certificate and none was sent: set the certificate and private key.',
      ['certificate', 'privateKey'],
    );
  }
  if (first(TIMEOUTS)) {
    return fail(
      'timeout',
      `MESH at ${host} did not answer within ${seconds(options.waitedMs ?? options.timeoutMs)}${tries}: check the network ` +
        `connection, then try again.`,
    );
  }
  if (has('ECONNREFUSED')) {
    return fail(
      'network',
      `Nothing is answering at ${host}${tries}: check the base URL, and that the network (or the local MESH server) is up.`,
      ['baseUrl'],
    );
  }
  if (has('ENOTFOUND') || has('EAI_AGAIN')) {
    return fail('network', `The MESH host ${host} could not be found${tries}: check the base URL and this computer's network connection.`, [
      'baseUrl',
    ]);
  }
  if (first(UNREACHABLE)) return fail('network', `The network cannot reach ${host}${tries}: check this computer's network connection.`);
  if (has('UND_ERR_DESTROYED') || has('UND_ERR_ABORTED') || /destroyed|client is closed/i.test(text)) {
    return fail('closed', 'The MESH connection was closed by the console before the request finished.');
  }
  if (has('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION') || has('ERR_SSL_UNSUPPORTED_PROTOCOL')) {
    return fail(
      'tls',
      `The server at ${host} speaks only a TLS version older than 1.2, which the console refuses to use: check the ` +
        `base URL (MESH speaks TLS 1.2 or later).`,
      ['baseUrl'],
    );
  }
  // A connection reset or closed during the handshake (a server stopping or restarting) is a cut
  // connection, tried again, not a TLS problem; a refusal hidden behind one is found by `diagnose`.
  if (has('ECONNRESET') || has('EPIPE') || /socket disconnected before secure TLS connection/i.test(text)) {
    return fail('network', `The connection to MESH at ${host} was cut${tries}: check the network connection and try again.`);
  }
  if (codes.some((code) => code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) || /ssl|tls/i.test(text)) {
    return fail(
      'tls',
      `The secure connection to ${host} failed (${codes[0] ?? 'TLS error'}): check the certificate, private key, CA bundle and base URL.`,
      ['certificate', 'privateKey', 'caBundle', 'baseUrl'],
    );
  }
  if (first(CUT) || /socket|other side closed|premature|aborted|unexpected end/i.test(text)) {
    return fail('network', `The connection to MESH at ${host} was cut${tries}: check the network connection and try again.`);
  }
  return fail(
    'network',
    `The request to ${WHAT[ctx.operation]} at ${host} failed (${codes[0] ?? 'connection error'})${tries}: check ` +
      `the network connection and try again.`,
  );
}
