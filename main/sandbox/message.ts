// A message as the server keeps it: parties, metadata and its events, newest first (as the sandbox
// keeps them, so the current status is simply the first event's).

export type MessageStatus = 'uploading' | 'accepted' | 'acknowledged' | 'undeliverable' | 'error';
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['uploading', 'accepted', 'acknowledged', 'undeliverable', 'error'];
export type MessageType = 'DATA' | 'REPORT';

export interface Party {
  mailboxId: string;
  mailboxName?: string;
  odsCode?: string;
  orgCode?: string;
  orgName?: string;
  billingEntity?: string;
}

export interface MessageEvent {
  status: MessageStatus;
  /** ISO-8601 UTC. */
  timestamp: string;
  code?: string;
  event?: string;
  description?: string;
  linkedMessageId?: string;
}

export interface MessageMetadata {
  subject?: string;
  contentType?: string;
  /** `gzip` or empty: how the chunks are stored. */
  contentEncoding?: string;
  fileName?: string;
  localId?: string;
  partnerId?: string;
  checksum?: string;
  encrypted?: boolean;
  compressed?: boolean;
}

export interface StoredMessage {
  messageId: string;
  messageType: MessageType;
  sender: Party;
  recipient: Party;
  workflowId: string;
  totalChunks: number;
  /** Stored size of each chunk received, by chunk number. */
  chunkSizes: Record<string, number>;
  fileSize: number;
  events: MessageEvent[];
  metadata: MessageMetadata;
  createdAt: string;
  /** Written as the sandbox does (5 days after creation); only the expireUncollected check applies it. */
  inboxExpiry: string;
  /** Arrival order in the recipient's inbox, set when the message is accepted. */
  inboxSeq?: number;
  /** Creation order, for the outbox. */
  seq: number;
  /** False once the sender's mailbox was reset: the message leaves its outbox and tracking. */
  visibleToSender?: boolean;
}

export const INBOX_EXPIRY_DAYS = 5;

export function currentStatus(message: StoredMessage): MessageStatus {
  return message.events[0]?.status ?? 'accepted';
}

export function errorEvent(message: StoredMessage): MessageEvent | undefined {
  return message.events.find((e) => e.status === 'error');
}

export function statusTimestamp(message: StoredMessage, ...statuses: MessageStatus[]): Date | undefined {
  const event = message.events.find((e) => statuses.includes(e.status));
  return event ? new Date(event.timestamp) : undefined;
}

export function lastModified(message: StoredMessage): Date {
  return new Date(message.events[0]?.timestamp ?? message.createdAt);
}

export function defaultFileName(message: StoredMessage): string {
  return message.metadata.fileName || `${message.messageId}.dat`;
}

/**
 * A text header the sender could have sent (subject, local id, ...) as the sandbox keeps it: a
 * DATA message stores `""` for one not sent, so its views carry `""`; a REPORT made by the
 * server never had one, so its views leave the field out.
 */
export function sentText(message: StoredMessage, value: string | undefined): string | undefined {
  return value ?? (message.messageType === 'DATA' ? '' : undefined);
}

/** True for a DATA message with no error event: SUCCESS in headers and tracking. */
export function isSuccessful(message: StoredMessage): boolean {
  return message.messageType === 'DATA' && !errorEvent(message);
}
