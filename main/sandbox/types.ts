// The local MESH server's public shape: what the console, the CLI and the tests start.

export interface SandboxChecks {
  /** Refuse a token whose nonce and count were seen before (403), as the real service does. */
  tokenReuse?: boolean;
  /** Refuse a token whose timestamp is more than 2 hours from server time (403). */
  timestampWindow?: boolean;
  /** Refuse a send whose sender is not in the workflow's senders, or recipient not in its receivers (417, code 17). */
  workflowAuthorisation?: boolean;
  /** Refuse the last chunk (417, InvalidHeaderChunks) until every earlier chunk has arrived; the sandbox accepts it regardless. */
  requireAllChunks?: boolean;
  /**
   * Expire a DATA message left unacknowledged in an inbox for 5 days (its inbox expiry, by the
   * server's clock): it leaves the inbox as undeliverable (SEND/14) and its sender gets a REPORT,
   * status error, code 14, linked to it. The sandbox writes the expiry and never applies it.
   */
  expireUncollected?: boolean;
  /** Refuse to download an acknowledged message (410, as for any message no longer available); the sandbox serves it again. */
  goneAfterAcknowledge?: boolean;
}

/** A mailbox the server knows (docs/mesh-protocol.md, "Local mailboxes and workflows"). */
export interface SandboxMailbox {
  mailboxId: string;
  mailboxName: string;
  password: string;
  odsCode: string;
  orgCode?: string;
  orgName?: string;
  billingEntity?: string;
}

/** A workflow: who may send on it and who receives it (docs/mesh-protocol.md, "Local mailboxes and workflows"). */
export interface SandboxWorkflow {
  workflowId: string;
  senders: string[];
  receivers: string[];
}

export interface MeshServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Serve plain HTTP instead of HTTPS. */
  http?: boolean;
  /** Keep mailboxes, messages and the server's own TLS identity here; in memory when absent. */
  dataDir?: string;
  /** PEM of a CA: when given, a client certificate signed by it is required (mutual TLS). */
  clientCa?: string;
  /** The server's TLS identity; when absent one is made on first start (kept in dataDir when there is one). */
  tls?: { certificatePem: string; privateKeyPem: string };
  /** HMAC shared key; default `TestKey`. */
  sharedKey?: string;
  checks?: SandboxChecks;
  /**
   * Enforce what real MESH enforces and the official sandbox does not: every check in
   * `SandboxChecks` starts on (single-use tokens, the 2-hour window, workflow authorisation, every
   * chunk, the 5-day expiry, no download after acknowledgement); any given in `checks` still win.
   * Off by default, which is the official sandbox's behaviour.
   */
  strict?: boolean;
  /** Replaces the default mailboxes X26ABC1..X26ABC3. */
  mailboxes?: SandboxMailbox[];
  /** Replaces the default workflows (the sandbox's three plus `dps export`). */
  workflows?: SandboxWorkflow[];
  /**
   * Serve the admin routes (reset, reports, faults, checks, details: no auth) to other machines
   * too. By default they answer only requests from this machine (loopback); others get 403.
   */
  adminFromAnywhere?: boolean;
  /**
   * The server's clock (default: the system's). Message times, the token timestamp window and the
   * 5-day expiry read it, so a test can move time on instead of waiting.
   */
  clock?: () => Date;
  /** One line per request, for the CLI's foreground server. */
  log?: (line: string) => void;
  /**
   * The size of the chunked-encoding frames a plain chunk gzipped on the fly goes out in; default 256 KiB. Small
   * ones (zlib's own 16 KiB) stand in for a MESH that frames its answers finely: a client must not slow down on them.
   */
  gzipFrameBytes?: number;
}

export interface RunningMeshServer {
  /** Base URL, e.g. `https://127.0.0.1:43123` (no trailing slash, no /messageexchange). */
  url: string;
  port: number;
  /** PEM of the certificate a client must trust to reach this server over HTTPS (absent for HTTP). */
  serverCertificatePem?: string;
  /** The kept certificate lacked these names (a new --host) and was made again: clients must trust the new one. */
  certificateRemadeFor?: string[];
  close(): Promise<void>;
}

/** A fault the server applies to the next matching requests (tests and demos only). */
export interface FaultSpec {
  /** HTTP method to match, any when absent. */
  method?: string;
  /**
   * Matched against the URL path without the query; any path when absent. A small, safe part of
   * regular-expression syntax (path-pattern.ts): text, `.`, `[...]`, `\d \w \s`, each optionally
   * followed by `*`, `+` or `?`, `^` and `$` anchors, e.g. `/outbox$`, `/outbox/[^/]+/2$`. Groups,
   * `|` and `{n}` are refused (400 over HTTP), so no pattern can hold the server.
   */
  path?: string;
  /** How many matching requests it applies to; default 1. */
  count?: number;
  /** Answer with this status (a MESH-shaped error body) instead of handling the request. */
  status?: number;
  /** With `status`: send `Retry-After: N`. */
  retryAfterSeconds?: number;
  /** Handle the request, send the headers and this many body bytes, then destroy the socket. */
  cutAfterBytes?: number;
  /** Wait this long before handling the request. */
  delayMs?: number;
}

export interface FaultState extends FaultSpec {
  id: string;
  remaining: number;
  hits: number;
}

/** One request as the server saw it, newest last. */
export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  status: number;
  /** From the Authorization header, when it parsed. */
  mailbox?: string;
  nonce?: string;
  nonceCount?: string;
  timestamp?: string;
}

export interface InjectedReport {
  mailboxId: string;
  code: string;
  description: string;
  workflowId: string;
  status?: 'undeliverable' | 'error';
  subject?: string;
  localId?: string;
  fileName?: string;
  linkedMessageId?: string;
}

export interface StatusEvent {
  status: 'accepted' | 'acknowledged' | 'undeliverable' | 'error' | 'uploading';
  code?: string;
  event?: string;
  description?: string;
  linkedMessageId?: string;
}

/** The admin endpoints, also callable in-process. */
export interface SandboxAdmin {
  reset(mailboxId?: string): Promise<void>;
  injectReport(report: InjectedReport): Promise<string>;
  pushEvent(messageId: string, event: StatusEvent): Promise<void>;
  addFault(fault: FaultSpec): string;
  clearFaults(): void;
  faults(): FaultState[];
  requests(): RequestRecord[];
  setChecks(checks: SandboxChecks): void;
  /** Removes one fault by the id `addFault` returned; false when there is none. */
  removeFault(id: string): boolean;
  /** Empties the request log. */
  clearRequests(): void;
  /** The optional checks now in force. */
  checks(): SandboxChecks;
  /** As GET /admin/mailbox/{mb} answers (the id is not upper-cased); undefined for an unknown mailbox. */
  mailbox(mailboxId: string): SandboxMailboxDetails | undefined;
  /**
   * The message as this server keeps it (parties, metadata, every event newest first); undefined
   * for an unknown message. GET /admin/message/{id} answers `messageView` instead.
   */
  message(messageId: string): SandboxMessageDetails | undefined;
  /** As GET /admin/message/{id} answers: the official sandbox's flat view; undefined for an unknown message. */
  messageView(messageId: string): SandboxMessageView | undefined;
}

export interface SandboxMailboxDetails {
  mailbox_id: string;
  mailbox_name: string;
  billing_entity: string;
  ods_code: string;
  org_code: string;
  org_name: string;
  active: boolean;
}

export interface SandboxPartyDetails {
  mailbox_id: string;
  mailbox_name: string | null;
  ods_code: string | null;
  org_code: string | null;
  org_name: string | null;
  billing_entity: string | null;
}

export interface SandboxMessageDetails {
  message_id: string;
  message_type: 'DATA' | 'REPORT';
  status: StatusEvent['status'];
  workflow_id: string;
  sender: SandboxPartyDetails;
  recipient: SandboxPartyDetails;
  total_chunks: number;
  file_size: number;
  /** Newest first: the first event's status is the message's status. */
  events: {
    status: StatusEvent['status'];
    code: string | null;
    event: string | null;
    description: string | null;
    timestamp: string;
    linked_message_id: string | null;
  }[];
  metadata: {
    subject: string | null;
    content_type: string | null;
    content_encoding: string | null;
    file_name: string | null;
    local_id: string | null;
    partner_id: string | null;
    checksum: string | null;
    encrypted: boolean | null;
    compressed: boolean | null;
  };
  visible_to_sender: boolean;
  inbox_expiry_timestamp: string;
  created_timestamp: string;
  last_modified: string;
}

/** GET /admin/message/{id} as the official sandbox answers it: flat, fields without a value left out. */
export interface SandboxMessageView {
  message_id: string;
  message_type: 'Data' | 'Report';
  status: 'Uploading' | 'Accepted' | 'Acknowledged' | 'Undeliverable' | 'Error';
  /** SUCCESS for a DATA message without an error event, else ERROR. */
  status_success: 'SUCCESS' | 'ERROR';
  /** `""` when the sender gave none. */
  checksum: string;
  chunk_count: number;
  /** `""` or `gzip` on a DATA message. */
  content_encoding?: string;
  /** ISO-8601 without a zone, when acknowledged. */
  download_timestamp?: string;
  expiry_time: string;
  /** A DATA message with an error event: when, and its description. */
  failure_date?: string;
  failure_diagnostic?: string;
  filename: string;
  file_size: number;
  is_compressed?: boolean;
  is_encrypted?: boolean;
  linked_msg_id?: string;
  /** `""` on a DATA message sent without one. */
  local_id?: string;
  recipient: string;
  recipient_name?: string;
  recipient_ods_code?: string;
  recipient_org_code?: string;
  recipient_org_name?: string;
  /** `""` for a REPORT from the Central System Mailbox. */
  sender: string;
  sender_name?: string;
  sender_ods_code?: string;
  sender_org_code?: string;
  sender_org_name?: string;
  /** A REPORT's error event: code, description, event and time. */
  status_code?: string;
  status_description?: string;
  status_event?: string;
  status_timestamp?: string;
  /** `""` on a DATA message sent without one. */
  subject?: string;
  upload_timestamp: string;
  workflow_id: string;
}

export interface RunningMeshServerWithAdmin extends RunningMeshServer {
  admin: SandboxAdmin;
}
