// The one error type the MESH client throws: a kind to branch on, a message that is a sentence
// an operator understands (what is wrong, what to check), and the facts a surface needs to add
// its own words, such as which of the client's settings are involved. The sentence never says
// where a setting is changed (a Settings screen, an environment variable): that is the
// surface's to say. Never carries a secret.
import type { ConnectionSetting } from '../domain';

export type MeshErrorKind =
  /** 403 Invalid Authentication Token, or a token MESH could not read: password or shared key wrong. */
  | 'authentication'
  /** 403 with a token MESH thought stale or reused: usually the computer's clock. */
  | 'token-rejected'
  /** 403 No mailbox matched (EPL-151): the mailbox id is unknown. */
  | 'unknown-mailbox'
  /** 403 Forbidden: the message belongs to another mailbox. */
  | 'forbidden'
  /** 417 code 12: the recipient mailbox is not registered. */
  | 'unregistered-recipient'
  /** 417 code 17: the workflow is not registered for the sender or the recipient. */
  | 'workflow-not-allowed'
  /** 417 code 02: an empty message. */
  | 'empty-message'
  /** 410: the message is no longer available for download. */
  | 'message-gone'
  /** 404: message, chunk, tracking record or local id not found. */
  | 'not-found'
  /** 300 on tracking by local id: several messages share it. */
  | 'ambiguous-local-id'
  /** 417 InvalidHeaderChunks, 406, 423, changed content encoding. */
  | 'chunk-error'
  /** A later chunk failed for good: the message exists but is incomplete and will not be delivered. */
  | 'send-incomplete'
  /** The caller cancelled a send between chunks (before chunk 1: nothing was sent; after it: the message stays incomplete). */
  | 'send-cancelled'
  /** The creating POST failed in a way that leaves unknown whether MESH made the message. */
  | 'send-outcome-unknown'
  /** 400 or 422: MESH found the request malformed. */
  | 'bad-request'
  /** 425, 429, 502, 503, 504 still answered after every retry (or on a send, which is not retried). */
  | 'server-busy'
  /** Another 5xx. */
  | 'server-error'
  /** Connection refused, reset, DNS failure, cut part-way through. */
  | 'network'
  /** No answer within the time allowed. */
  | 'timeout'
  /** The server's certificate is not signed by the CA bundle in use. */
  | 'tls-server-untrusted'
  /** The server's certificate does not name the host in the base URL. */
  | 'tls-hostname-mismatch'
  /** The server's own certificate has expired. */
  | 'tls-server-certificate-expired'
  /** MESH refused the client certificate (unknown CA, bad certificate, access denied). */
  | 'tls-client-certificate-refused'
  /** A client certificate is required and none is configured. */
  | 'tls-client-certificate-missing'
  /** The private key passphrase is wrong or missing. */
  | 'tls-passphrase-wrong'
  /** The client certificate and private key are not a pair. */
  | 'tls-key-mismatch'
  /** The client certificate has expired. */
  | 'tls-certificate-expired'
  /** The client certificate is not valid yet. */
  | 'tls-certificate-not-yet-valid'
  /** A certificate, key or CA bundle that does not parse as PEM. */
  | 'tls-invalid-pem'
  /** Another TLS failure. */
  | 'tls'
  /** The caller asked for something the client refuses before sending (chunk size, header text). */
  | 'invalid-request'
  /** MESH answered in a way the client does not understand. */
  | 'unexpected-response'
  /** The client was closed. */
  | 'closed'
  /** Writing a downloaded message or reading a file to send failed on this computer. */
  | 'local-file';

/**
 * A setting of the MESH client that an operator may have to change to get past an error: the
 * mailbox id, the base URL, the mailbox password, the environment's shared key, the client
 * certificate, its private key and the key's passphrase, the CA bundle trusted for the server,
 * the proxy.
 */
export type MeshSetting = ConnectionSetting;

export interface MeshErrorDetails {
  status?: number;
  /** MESH error code (errorCode / detail[0].code), e.g. `12`, `17`, `EPL-151`. */
  code?: string;
  messageId?: string;
  retryable?: boolean;
  /** The settings the sentence asks the operator to check, the likeliest first. */
  settings?: readonly MeshSetting[];
  cause?: unknown;
}

const RETRYABLE_KINDS = new Set<MeshErrorKind>(['server-busy', 'network', 'timeout', 'token-rejected']);

export class MeshError extends Error {
  readonly kind: MeshErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly messageId?: string;
  /** Whether trying the same thing again later may well work. */
  readonly retryable: boolean;
  /** The settings the sentence asks the operator to check, the likeliest first; empty when none is. */
  readonly settings: readonly MeshSetting[];

  constructor(kind: MeshErrorKind, sentence: string, details: MeshErrorDetails = {}) {
    super(sentence, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MeshError';
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.messageId !== undefined) this.messageId = details.messageId;
    this.retryable = details.retryable ?? RETRYABLE_KINDS.has(kind);
    this.settings = details.settings ?? [];
  }
}

export function isMeshError(error: unknown): error is MeshError {
  return error instanceof MeshError;
}
