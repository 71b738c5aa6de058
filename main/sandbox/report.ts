// REPORT messages the server itself makes: from the Central System Mailbox (mailbox id ""), no
// chunks, accepted into the recipient's inbox, with the event that says what went wrong.
import type { MailboxRecord } from './directory';
import type { MessageStatus, StoredMessage } from './message';
import { inboxExpiry, newMessageId, party } from './message-parts';
import type { SandboxState } from './state';

const CENTRAL_SYSTEM_MAILBOX = {
  mailboxId: '',
  mailboxName: 'Central System Mailbox',
  odsCode: 'X26',
  orgCode: 'X26',
  orgName: 'NHS England',
  billingEntity: 'England',
};

export interface ReportContent {
  workflowId: string;
  /** The status of the report's event: only `error` puts the code, event, description and linked id in its headers. */
  status: Extract<MessageStatus, 'undeliverable' | 'error'>;
  event: string;
  code: string;
  description: string;
  linkedMessageId?: string;
  subject?: string;
  localId?: string;
  fileName?: string;
}

export function newReport(state: SandboxState, recipient: MailboxRecord, content: ReportContent, now = state.now()): StoredMessage {
  const timestamp = now.toISOString();
  return {
    messageId: newMessageId(),
    messageType: 'REPORT',
    sender: { ...CENTRAL_SYSTEM_MAILBOX },
    recipient: party(recipient),
    workflowId: content.workflowId,
    totalChunks: 0,
    chunkSizes: {},
    fileSize: 0,
    events: [
      { status: 'accepted', timestamp },
      {
        status: content.status,
        timestamp,
        event: content.event,
        code: content.code,
        description: content.description,
        linkedMessageId: content.linkedMessageId,
      },
    ],
    metadata: { subject: content.subject, localId: content.localId, fileName: content.fileName },
    createdAt: timestamp,
    inboxExpiry: inboxExpiry(now),
    seq: state.store.nextSeq(),
  };
}
