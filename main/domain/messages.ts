// MESH messages: the handshake, the inbox, a message's contents, sending and what was sent.
import type { ConnectionSetting } from './settings';

export interface HandshakeResult {
  ok: boolean;
  mailbox: string;
  at: string;
  /** A sentence an operator understands, when it failed. */
  error?: string;
  errorKind?: string;
  /** The settings to check, for the surface to say where they are set. */
  errorSettings?: ConnectionSetting[];
}

export interface InboxQuery {
  /** A MESH workflow_filter: `WF`, `!WF`, `WF*`, `*ACK*`, ... */
  workflowFilter?: string;
  /** Ask MESH again instead of using the last listing. */
  refresh?: boolean;
}

export interface InboxItem {
  messageId: string;
  messageType: 'DATA' | 'REPORT';
  sender: string;
  recipient: string;
  workflowId: string;
  subject?: string;
  fileName?: string;
  localId?: string;
  /** When it reached the inbox (ISO), as far as MESH tells. */
  receivedAt?: string;
  chunkCount: number;
  /** Opened in the console (kept in the data folder, so it survives a restart). */
  read?: boolean;
  /**
   * Size in bytes after gunzip, once the console has downloaded it (opened or saved): MESH does not
   * tell a message's size before it is downloaded.
   */
  size?: number;
}

export type ContentView =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'table'; delimiter: ',' | '|'; header: string[]; rows: string[][]; totalRows: number; truncated: boolean }
  | { kind: 'binary'; hex: string; truncated: boolean }
  | { kind: 'empty' };

export interface ReportExplanation {
  statusCode?: string;
  statusEvent?: string;
  statusDescription?: string;
  /** The meaning of the code in words. */
  meaning: string;
  linkedMessageId?: string;
  /** The DPS export this report concerns, when one matches. */
  exportId?: string;
}

export interface MessageView extends InboxItem {
  contentType?: string;
  /** Size of the whole message in bytes, after gunzip. */
  size: number;
  statusSuccess?: string;
  statusTimestamp?: string;
  linkedMessageId?: string;
  checksum?: string;
  content: ContentView;
  report?: ReportExplanation;
}

export interface SavedFile {
  path: string;
  bytes: number;
}

export interface AckResult {
  messageId: string;
  ok: boolean;
  error?: string;
}

/** What the console asks about before acknowledging: how many, which were never saved or opened, where they would be saved. */
export interface AcknowledgeCheck {
  count: number;
  /** The ids that were never saved or opened in the console (as far as its audit log remembers). */
  neverSaved: string[];
  /** The folder "Save and acknowledge" saves to, once the operator has chosen one. */
  saveFolder?: string;
}

/** Each message saved into the folder, then acknowledged only if its file is on disk. */
export interface SaveAndAcknowledgeResult {
  folder: string;
  results: (AckResult & { path?: string; bytes?: number })[];
}

/** A file chosen in main's open dialog; the renderer only ever holds the opaque token. */
export interface ChosenFile {
  token: string;
  name: string;
  size: number;
}

export interface SendRequest {
  fileToken: string;
  to: string;
  workflowId: string;
  subject?: string;
  localId?: string;
  fileName?: string;
  compress: boolean;
  chunkSizeBytes?: number;
}

export interface SendResult {
  ok: boolean;
  messageId?: string;
  error?: string;
  /** True when a failure leaves it unknown whether MESH created the message (check by local id). */
  outcomeUnknown?: boolean;
  /** The operator cancelled it; `messageId` is set when MESH holds the incomplete message. */
  cancelled?: boolean;
  /** The local id the message carries (the operator's, or the one the console made), to find it again. */
  localId?: string;
  /** MESH has the message, but the console could not record it (a second sentence; do not send again). */
  warning?: string;
  /** The settings to check when it failed, for the surface to say where they are set. */
  errorSettings?: ConnectionSetting[];
}

/** Recipients and workflows recently sent to, newest first, for the send form to suggest. */
export interface SendSuggestions {
  recipients: string[];
  workflows: string[];
}

export interface MailboxLookupResult {
  mailboxId: string;
  mailboxName: string;
}

export interface SentItem {
  messageId: string;
  to: string;
  workflowId: string;
  fileName?: string;
  subject?: string;
  localId?: string;
  bytes: number;
  sentAt: string;
  /** MESH tracking status, lower case, as last read. */
  status?: string;
  trackedAt?: string;
  trackingError?: string;
  /** A send cancelled part-way: what MESH holds (an incomplete upload, never delivered), in the sentence the operator was given. */
  cancelled?: string;
}
