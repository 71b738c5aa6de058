// The MESH client's public types: its options, what it returns, and what it reports.
import type { Readable, Writable } from 'node:stream';

export interface RetryOptions {
  /** Retries after the first try; default 3 (4 tries in all), 0 turns retries off. */
  maxRetries?: number;
  /** Backoff factor: no wait before the first retry, then factor × 2^(n−1); default 500 ms. */
  backoffMs?: number;
  /** Longest wait between tries, including a Retry-After; default 120 s. */
  maxBackoffMs?: number;
  /**
   * When the server answered this client within the last minute, a connection refused or cut is
   * tried again (on a new connection) for up to this long in all, beyond maxRetries, so a server
   * restarting does not fail a transfer; default 30 s, 0 turns it off.
   */
  reconnectWindowMs?: number;
}

/** One HTTP exchange with MESH, for the audit log. Never holds a secret. */
export interface MeshCall {
  method: string;
  /** Path and query, e.g. `/messageexchange/X26ABC1/inbox?max_results=500`. */
  path: string;
  status?: number;
  /** From sending the request to the end of the response body (or the failure). */
  ms: number;
  ok: boolean;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  messageId?: string;
  /** The operator sentence, when it failed. */
  error?: string;
}

export interface MeshClientOptions {
  /** e.g. `https://msg.intspineservices.nhs.uk` (no `/messageexchange`); see environments.ts. */
  baseUrl: string;
  mailbox: string;
  password: string;
  sharedKey: string;
  /** Client certificate PEM (mutual TLS), optionally followed by its chain. */
  certificatePem?: string;
  /** Private key PEM, encrypted or not. */
  privateKeyPem?: string;
  privateKeyPassphrase?: string;
  /** CA bundle PEM to trust for the server; when absent, the NHS bundle for a known NHS host, else Node's roots. */
  caPem?: string;
  /** Local sandbox only: skip server verification (and log a warning on every connection). */
  disableSslVerification?: boolean;
  /** An HTTP proxy to tunnel through with CONNECT, e.g. `http://proxy.example.nhs.uk:8080`; mutual TLS runs end to end inside it. */
  proxyUrl?: string;
  /** Goes into mex-ClientVersion and User-Agent, e.g. `mesh-console 0.1.0`. */
  clientName?: string;
  retry?: RetryOptions;
  /** Time allowed for the response headers, and between body bytes; default 300 s. */
  timeoutMs?: number;
  /** After this long without an answer (then every 30 s), a log line says what the client waits for; default 5 s. */
  waitNoticeMs?: number;
  log?: (line: string) => void;
  onCall?: (call: MeshCall) => void;
}

export type MessageType = 'DATA' | 'REPORT';

/** Everything MESH says about a message in its headers (HEAD, or the first chunk of a download). */
export interface MessageMetadata {
  messageId: string;
  messageType: MessageType;
  /** Sending mailbox; empty for a REPORT from the central system mailbox. */
  sender: string;
  recipient: string;
  workflowId: string;
  fileName?: string;
  subject?: string;
  localId?: string;
  partnerId?: string;
  /** Number of chunks; 0 for a REPORT, which has no body. */
  chunkCount: number;
  statusCode?: string;
  statusDescription?: string;
  statusEvent?: string;
  /** `SUCCESS` or `ERROR` (a REPORT is always `ERROR`). */
  statusSuccess?: string;
  /** ISO-8601 UTC. */
  statusTimestamp?: string;
  linkedMessageId?: string;
  /** mex-Content-Type, else Content-Type. */
  contentType?: string;
  checksum?: string;
  /** mex-Content-Compressed: a flag about the payload, not the transport encoding. */
  compressed: boolean;
  encrypted: boolean;
  /** ISO-8601 UTC. */
  lastModified?: string;
  /** Every `mex-*` header as received, lower-case name without `mex-`. */
  mex: Record<string, string>;
}

/** Lower case, whichever API version answered. */
export type TrackingStatus = 'uploading' | 'accepted' | 'acknowledged' | 'undeliverable' | 'error' | (string & {});

export interface Tracking {
  messageId: string;
  status: TrackingStatus;
  /** True for a DATA message with no error event. */
  statusSuccess?: boolean;
  statusCode?: string;
  statusDescription?: string;
  statusEvent?: string;
  /** ISO-8601 UTC. */
  statusTimestamp?: string;
  localId?: string;
  workflowId?: string;
  fileName?: string;
  sender?: string;
  recipient?: string;
  recipientName?: string;
  messageType?: MessageType;
  chunkCount?: number;
  fileSize?: number;
  /** ISO-8601 UTC. */
  uploadTimestamp?: string;
  /** When the recipient acknowledged it (v1 only). ISO-8601 UTC. */
  downloadTimestamp?: string;
  /** ISO-8601 UTC. */
  expiryTime?: string;
  failureDiagnostic?: string;
  linkedMessageId?: string;
  /** Which body came back. */
  apiVersion: 1 | 2;
}

export type SendSource =
  | { path: string }
  | { data: Buffer | Uint8Array }
  /** A stream of known length; each chunk is held in memory (at most chunkSizeBytes) so a retry can resend it. */
  | { stream: Readable; size: number };

export interface SendMessageRequest {
  /** Recipient mailbox id. */
  to: string;
  workflowId: string;
  source: SendSource;
  subject?: string;
  /** Your own reference: keep it unique, it is how to find the message again if the send's outcome is unknown. */
  localId?: string;
  /** Defaults to the source file's name. */
  fileName?: string;
  contentType?: string;
  /**
   * Gzip each chunk on the wire (Content-Encoding: gzip): true always, false never; 'auto' (the
   * default) when gzip shrinks a sample of the data, so zip, PDF or encrypted files go as they are.
   */
  compress?: boolean | 'auto';
  /** Uncompressed bytes per chunk; default 20 MiB. */
  chunkSizeBytes?: number;
  /** mex-Content-Checksum, e.g. `md5:...`. */
  checksum?: string;
  partnerId?: string;
  /** mex-Content-Encrypted: the payload itself is encrypted. */
  encrypted?: boolean;
  /** mex-Content-Compressed: the payload itself is compressed (not the transport gzip). */
  contentCompressed?: boolean;
  onProgress?(done: number, total: number): void;
  /**
   * Cancels the send between chunks: a chunk already on the wire is finished first, so MESH never
   * holds half a chunk. Aborted before chunk 1, nothing is sent.
   */
  signal?: AbortSignal;
}

export interface SendResult {
  messageId: string;
  chunks: number;
  /** Uncompressed bytes sent. */
  bytes: number;
}

export type DownloadDestination = Writable | { path: string };

export interface DownloadOptions {
  /**
   * Bytes written so far (after gunzip); total is unknown until the end, so absent. `chunk.index` is the oldest chunk
   * not yet finished (it never goes back, though the next chunk is written beside it).
   */
  onProgress?(done: number, total: number | undefined, chunk: { index: number; count: number }): void;
  /** Called once chunk 1's headers are in, before anything is written: throwing stops the download (saves a HEAD first). */
  onMetadata?(metadata: MessageMetadata): void;
  /**
   * Into a file: its data is flushed to the disk before it is renamed into place, and its folder after, so that a
   * message acknowledged once this returns survives a power cut. Costs the disk's write time.
   */
  durable?: boolean;
}

export interface DownloadResult {
  metadata: MessageMetadata;
  /** Bytes written (after gunzip). */
  bytes: number;
}

export interface InboxPageOptions {
  /** 10 to 5000; MESH's default is 500. */
  maxResults?: number;
  /** `WF`, `!WF`, `WF*`, `!WF*`, `*ACK*`, `!*_ACK*`. */
  workflowFilter?: string;
  /** The `next` of the previous page. */
  next?: string;
}
