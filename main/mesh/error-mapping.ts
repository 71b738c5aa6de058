// Turns what went wrong (an HTTP status with a MESH error body, or a socket/TLS error from
// Node) into a MeshError whose message is one sentence an operator can act on.
import { MeshError, type MeshErrorKind } from './errors';
import type { ErrorBody } from './responses';

export type Operation =
  | 'handshake'
  | 'inbox'
  | 'count'
  | 'metadata'
  | 'download'
  | 'acknowledge'
  | 'send'
  | 'send-chunk'
  | 'track'
  | 'track-local-id'
  | 'lookup';

/** What the client was doing, so the sentence can name it. Never holds a secret. */
export interface OperationContext {
  operation: Operation;
  mailbox: string;
  baseUrl: string;
  messageId?: string;
  to?: string;
  workflowId?: string;
  localId?: string;
  chunk?: { index: number; count: number };
  odsCode?: string;
}

const WHAT: Record<Operation, string> = {
  handshake: 'validate the mailbox',
  inbox: 'list the inbox',
  count: 'count the inbox',
  metadata: 'read the message details',
  download: 'download the message',
  acknowledge: 'acknowledge the message',
  send: 'send the message',
  'send-chunk': 'send the next chunk',
  track: 'track the message',
  'track-local-id': 'track the message by local ID',
  lookup: 'look up the mailbox',
};

function hostOf(ctx: OperationContext): string {
  try {
    return new URL(ctx.baseUrl).host;
  } catch {
    return ctx.baseUrl;
  }
}

function messageRef(ctx: OperationContext): string {
  return ctx.messageId ? `message ${ctx.messageId}` : 'the message';
}

function chunkRef(ctx: OperationContext): string {
  return ctx.chunk ? `chunk ${ctx.chunk.index} of ${ctx.chunk.count}` : 'a chunk';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The text MESH gave, cleaned for use inside a sentence. */
function said(body: ErrorBody): string {
  return (body.description ?? '').replace(/\s+/g, ' ').replace(/[.\s]+$/, '').slice(0, 200);
}

function make(kind: MeshErrorKind, sentence: string, status: number | undefined, body: ErrorBody, ctx: OperationContext): MeshError {
  const details: ConstructorParameters<typeof MeshError>[2] = {};
  if (status !== undefined) details.status = status;
  if (body.code) details.code = body.code;
  const messageId = ctx.messageId ?? body.messageId;
  if (messageId) details.messageId = messageId;
  return new MeshError(kind, sentence, details);
}

function forbidden(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const text = said(body);
  const mb = ctx.mailbox.toUpperCase();
  if (/invalid authentication token|error reading from authorization/i.test(text) || (!text && ctx.operation === 'handshake')) {
    return make('authentication', `MESH refused the credentials for mailbox ${mb}: check the mailbox password and the shared key in Settings.`, status, body, ctx);
  }
  if (/does not match token/i.test(text)) {
    return make('authentication', `MESH says the token was not made for mailbox ${mb}: check the mailbox ID in Settings.`, status, body, ctx);
  }
  if (/no mailbox matched/i.test(text) || body.code === 'EPL-151') {
    return make('unknown-mailbox', `MESH does not know mailbox ${mb}: check the mailbox ID in Settings.`, status, body, ctx);
  }
  if (/reuse|replay|nonce|timestamp|clock|expired token|token expired/i.test(text)) {
    return make('token-rejected', `MESH refused the request's token as reused or out of date (${text}): check this computer's clock is right, then try again.`, status, body, ctx);
  }
  if (ctx.messageId && (/^forbidden$/i.test(text) || !text)) {
    return make('forbidden', `Message ${ctx.messageId} belongs to another mailbox, so ${mb} may not ${WHAT[ctx.operation]}.`, status, body, ctx);
  }
  return make('forbidden', `MESH refused to let mailbox ${mb} ${WHAT[ctx.operation]}${text ? ` (${text})` : ''}: check the mailbox is registered for this environment.`, status, body, ctx);
}

function notFound(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const mb = ctx.mailbox.toUpperCase();
  switch (ctx.operation) {
    case 'metadata':
    case 'acknowledge':
      return make('not-found', `${capitalised(messageRef(ctx))} is not in mailbox ${mb}: refresh the inbox.`, status, body, ctx);
    case 'download':
      return ctx.chunk && ctx.chunk.index > 1
        ? make('chunk-error', `${capitalised(chunkRef(ctx))} of message ${ctx.messageId} is missing on MESH: ask the sender to send it again.`, status, body, ctx)
        : make('not-found', `${capitalised(messageRef(ctx))} is not in mailbox ${mb}: refresh the inbox.`, status, body, ctx);
    case 'track':
      return make('not-found', `MESH has no record of ${messageRef(ctx)} sent from mailbox ${mb}: check the message ID.`, status, body, ctx);
    case 'track-local-id':
      return make('not-found', `No message sent from mailbox ${mb} has local ID ${ctx.localId}: check the local ID.`, status, body, ctx);
    case 'send-chunk':
      return make('chunk-error', `MESH no longer knows message ${ctx.messageId}, so ${chunkRef(ctx)} could not be added: send the file again.`, status, body, ctx);
    default:
      return make('not-found', `MESH answered Not Found when asked to ${WHAT[ctx.operation]}: check the base URL ${ctx.baseUrl} points at MESH.`, status, body, ctx);
  }
}

function refused(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const text = said(body);
  const code = body.code ?? '';
  const mb = ctx.mailbox.toUpperCase();
  if (code === '12') {
    return make('unregistered-recipient', `MESH does not recognise the recipient mailbox${ctx.to ? ` ${ctx.to}` : ''}${/internal/i.test(text) ? ' (it is an internal mailbox)' : ''}: check the mailbox ID, or look it up by ODS code and workflow.`, status, body, ctx);
  }
  if (code === '17') {
    return make('workflow-not-allowed', `Workflow ${ctx.workflowId ?? ''} is not registered for sender ${mb} or for recipient ${ctx.to ?? ''}: check the workflow ID, or ask the MESH service desk to register it.`, status, body, ctx);
  }
  if (code === '02') {
    return make('empty-message', 'MESH refused an empty message: choose a file that has content.', status, body, ctx);
  }
  if (code === '08') {
    return make('invalid-request', 'MESH needs a recipient mailbox: enter one.', status, body, ctx);
  }
  if (code === 'InvalidHeaderChunks' || /chunk|content encoding/i.test(text)) {
    return make('chunk-error', `MESH refused ${chunkRef(ctx)} of ${messageRef(ctx)} (${text || `HTTP ${status}`}): send the file again.`, status, body, ctx);
  }
  if (code === '06' || /malformed ?control ?file/i.test(text)) {
    return make('bad-request', 'MESH found a control header malformed (a control character, or a web address, in the recipient, workflow ID, subject, local ID or file name): correct it and send again.', status, body, ctx);
  }
  if (/checksum/i.test(code) || /checksum/i.test(text)) {
    return make('bad-request', 'MESH refused the checksum: use only letters, digits, spaces and : - /.', status, body, ctx);
  }
  return make('bad-request', `MESH refused the request to ${WHAT[ctx.operation]} as malformed${text ? ` (${text}${code && !text.includes(code) ? `, code ${code}` : ''})` : ''}: check what was entered, and report it if it persists.`, status, body, ctx);
}

/** A MeshError for an HTTP answer that is not a success. `attempts` counts every try made. */
export function errorFromResponse(status: number, body: ErrorBody, ctx: OperationContext, attempts = 1): MeshError {
  const text = said(body);
  if (ctx.operation === 'send' && status >= 500) {
    return sendOutcomeUnknown(`MESH answered HTTP ${status}`, ctx, { status, body });
  }
  if (ctx.operation === 'send-chunk' && ctx.chunk && status === 423) {
    return make('chunk-error', `MESH says message ${ctx.messageId} is already complete, so ${chunkRef(ctx)} was refused: check it with tracking before sending again.`, status, body, ctx);
  }
  switch (status) {
    case 300:
      return make('ambiguous-local-id', `More than one message sent from mailbox ${ctx.mailbox.toUpperCase()} has local ID ${ctx.localId}: track them by message ID instead.`, status, body, ctx);
    case 401:
    case 403:
      return forbidden(status, body, ctx);
    case 404:
      return notFound(status, body, ctx);
    case 410:
      return make('message-gone', `${capitalised(messageRef(ctx))} is no longer available for download (it expired, failed or never finished uploading): ask the sender to send it again if it is still needed.`, status, body, ctx);
    case 400:
    case 406:
    case 417:
    case 422:
    case 423:
      return refused(status, body, ctx);
    case 425:
    case 429:
    case 502:
    case 503:
    case 504: {
      const tries = attempts > 1 ? ` and still was after ${attempts} tries` : '';
      const notSent = ctx.operation === 'send' ? ', so the message was not sent' : '';
      return make('server-busy', `MESH is busy or unavailable (HTTP ${status})${tries}${notSent}: try again in a few minutes.`, status, body, ctx);
    }
  }
  if (status >= 500) {
    return make('server-error', `MESH had an internal error (HTTP ${status}${text ? `: ${text}` : ''}) when asked to ${WHAT[ctx.operation]}: try again later, and call the MESH service desk if it persists.`, status, body, ctx);
  }
  return make('unexpected-response', `MESH answered HTTP ${status}${text ? ` (${text})` : ''} when asked to ${WHAT[ctx.operation]}, which the console does not expect: check the base URL, and report it if it persists.`, status, body, ctx);
}

/** The creating POST failed without a clear refusal: MESH may or may not have made the message. */
export function sendOutcomeUnknown(
  what: string,
  ctx: OperationContext,
  extra: { status?: number; body?: ErrorBody; cause?: unknown } = {},
): MeshError {
  const check = ctx.localId
    ? `check with tracking by local ID ${ctx.localId} before sending it again`
    : 'check the recipient received it (or ask the MESH service desk) before sending it again';
  const details: ConstructorParameters<typeof MeshError>[2] = { retryable: false };
  if (extra.status !== undefined) details.status = extra.status;
  if (extra.body?.code) details.code = extra.body.code;
  if (extra.cause !== undefined) details.cause = extra.cause;
  return new MeshError('send-outcome-unknown', `${what} before confirming the new message, so it may or may not exist: ${check}.`, details);
}

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
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED', 'INVALID_CA', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'CERT_CHAIN_TOO_LONG',
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
const CUT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE', 'Z_BUF_ERROR', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/** A connection closed or reset before any answer: the case where a TLS refusal can hide. */
export function isConnectionCut(error: unknown): boolean {
  const { codes, text } = codesOf(error);
  return codes.some((code) => code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') || /other side closed/i.test(text);
}

/** Key-material problems as OpenSSL reports them, whether found locally or while connecting. */
export function keyProblem(error: unknown): MeshErrorKind | undefined {
  const { codes, text } = codesOf(error);
  const has = (code: string) => codes.includes(code);
  if (has('ERR_OSSL_BAD_DECRYPT') || has('ERR_OSSL_EVP_BAD_DECRYPT') || has('ERR_MISSING_PASSPHRASE') || /bad decrypt|passphrase/i.test(text)) {
    return 'tls-passphrase-wrong';
  }
  if (has('ERR_OSSL_X509_KEY_VALUES_MISMATCH') || /key values mismatch/i.test(text)) return 'tls-key-mismatch';
  if (codes.some((c) => /^ERR_OSSL_(PEM|ASN1|DECODER|UNSUPPORTED)/.test(c)) || /no start line|bad base64|unsupported/i.test(text)) {
    return 'tls-invalid-pem';
  }
  return undefined;
}

export const KEY_SENTENCES: Partial<Record<MeshErrorKind, string>> = {
  'tls-passphrase-wrong': 'The private key could not be unlocked: check the private key passphrase in Settings.',
  'tls-key-mismatch': 'The client certificate and the private key do not belong together: set the private key that was made with this certificate\'s request.',
  'tls-invalid-pem': 'The client certificate, private key or CA bundle is not a readable PEM file: choose the right files in Settings.',
};

/** A MeshError for a failure below HTTP: TLS, connection, DNS, timeout. */
export function errorFromTransport(error: unknown, ctx: OperationContext, options: { timeoutMs: number; attempts?: number }): MeshError {
  if (error instanceof MeshError) return error;
  const { codes, text } = codesOf(error);
  const host = hostOf(ctx);
  const has = (code: string) => codes.includes(code);
  const first = (set: ReadonlySet<string>) => codes.find((code) => set.has(code));
  const tries = options.attempts && options.attempts > 1 ? `, still after ${options.attempts} tries` : '';
  const fail = (kind: MeshErrorKind, sentence: string) => {
    if (ctx.operation === 'send' && (kind === 'network' || kind === 'timeout')) {
      return sendOutcomeUnknown(kind === 'timeout' ? `MESH did not answer in time` : 'The connection to MESH failed', ctx, { cause: error });
    }
    const details: ConstructorParameters<typeof MeshError>[2] = { cause: error };
    if (ctx.messageId) details.messageId = ctx.messageId;
    return new MeshError(kind, sentence, details);
  };

  const key = keyProblem(error);
  if (key) return fail(key, KEY_SENTENCES[key]!);
  if (first(SERVER_UNTRUSTED)) {
    return fail('tls-server-untrusted', `The server at ${host} is not trusted (its certificate is not signed by the CA bundle in use): check the base URL and the environment's CA bundle.`);
  }
  if (has('CERT_HAS_EXPIRED')) return fail('tls-server-certificate-expired', `The certificate of the server at ${host} has expired: check the base URL, and tell the MESH service desk if it is right.`);
  if (has('CERT_NOT_YET_VALID')) return fail('tls-server-untrusted', `The certificate of the server at ${host} is not valid yet: check this computer's date and time.`);
  if (has('ERR_TLS_CERT_ALTNAME_INVALID') || /hostname\/ip does not match/i.test(text)) {
    return fail('tls-hostname-mismatch', `The server at ${host} presented a certificate for a different name: check the base URL.`);
  }
  if (has('ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED')) {
    return fail('tls-certificate-expired', 'MESH refused the client certificate because it has expired: request a new certificate for this mailbox.');
  }
  const refusedCode = codes.find((code) => code in CLIENT_REFUSED);
  if (refusedCode) {
    return fail('tls-client-certificate-refused', `MESH refused this computer's client certificate (${CLIENT_REFUSED[refusedCode]}): check it is the certificate issued for mailbox ${ctx.mailbox.toUpperCase()} in this environment.`);
  }
  if (codes.some((code) => CLIENT_MISSING.has(code))) {
    return fail('tls-client-certificate-missing', 'MESH requires a client certificate and none was sent: set the certificate and private key in Settings.');
  }
  if (first(TIMEOUTS)) {
    return fail('timeout', `MESH at ${host} did not answer within ${Math.round(options.timeoutMs / 1000)} s${tries}: check the network connection, then try again.`);
  }
  if (has('ECONNREFUSED')) {
    return fail('network', `Nothing is answering at ${host}${tries}: check the base URL, and that the network (or the local MESH server) is up.`);
  }
  if (has('ENOTFOUND') || has('EAI_AGAIN')) {
    return fail('network', `The MESH host ${host} could not be found${tries}: check the base URL and this computer's network connection.`);
  }
  if (first(UNREACHABLE)) return fail('network', `The network cannot reach ${host}${tries}: check this computer's network connection.`);
  if (has('UND_ERR_DESTROYED') || has('UND_ERR_ABORTED') || /destroyed|client is closed/i.test(text)) {
    return fail('closed', 'The MESH connection was closed by the console before the request finished.');
  }
  if (codes.some((code) => code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) || /ssl|tls/i.test(text)) {
    return fail('tls', `The secure connection to ${host} failed (${codes[0] ?? 'TLS error'}): check the certificate, private key, CA bundle and base URL in Settings.`);
  }
  if (first(CUT) || /socket|other side closed|premature|aborted|unexpected end/i.test(text)) {
    return fail('network', `The connection to MESH at ${host} was cut${tries}: check the network connection and try again.`);
  }
  return fail('network', `The request to ${WHAT[ctx.operation]} at ${host} failed (${codes[0] ?? 'connection error'})${tries}: check the network connection and try again.`);
}
