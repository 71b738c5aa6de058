// The admin operations, shared by the HTTP admin routes and the in-process `SandboxAdmin` handle.
import type { SandboxState } from './state';
import type {
  FaultSpec,
  InjectedReport,
  SandboxAdmin,
  SandboxChecks,
  SandboxMailboxDetails,
  SandboxMessageDetails,
  SandboxMessageView,
  SandboxPartyDetails,
  StatusEvent,
} from './types';
import { MESSAGE_STATUSES, currentStatus, type MessageStatus, type StoredMessage } from './message';
import { newReport } from './report';
import type { MailboxRecord } from './directory';
import { isoNoZone } from './time-format';
import { messageView } from './message-view';

export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Admin implements SandboxAdmin {
  constructor(private readonly state: SandboxState) {}

  async reset(mailboxId?: string): Promise<void> {
    if (mailboxId === undefined) {
      await this.state.store.clear();
      this.state.nonces.clear();
      return;
    }
    const mailbox = this.state.directory.mailbox(mailboxId.toUpperCase());
    if (!mailbox) throw new AdminError(404, 'mailbox does not exist');
    await this.state.store.resetMailbox(mailbox.mailboxId);
  }

  async injectReport(report: InjectedReport): Promise<string> {
    const recipient = this.state.directory.mailbox((report.mailboxId ?? '').toUpperCase());
    if (!recipient) throw new AdminError(404, 'mailbox does not exist');
    const status = report.status ?? 'undeliverable';
    if (status !== 'undeliverable' && status !== 'error') throw new AdminError(400, 'A report status must be undeliverable or error.');
    const message = newReport(this.state, recipient, {
      workflowId: report.workflowId,
      status,
      event: 'TRANSFER',
      code: report.code,
      description: report.description,
      linkedMessageId: report.linkedMessageId,
      subject: report.subject,
      localId: report.localId,
      fileName: report.fileName,
    });
    await this.state.store.add(message);
    return message.messageId;
  }

  async pushEvent(messageId: string, event: StatusEvent): Promise<void> {
    const message = this.state.store.get(messageId.toUpperCase());
    if (!message) throw new AdminError(404, 'message does not exist');
    if (!MESSAGE_STATUSES.includes(event.status as MessageStatus)) {
      throw new AdminError(400, `A status must be one of ${MESSAGE_STATUSES.join(', ')}.`);
    }
    await this.state.store.pushEvent(message, {
      status: event.status,
      timestamp: this.state.now().toISOString(),
      code: event.code,
      event: event.event,
      description: event.description,
      linkedMessageId: event.linkedMessageId,
    });
  }

  addFault(fault: FaultSpec): string {
    return this.state.faults.add(fault);
  }

  removeFault(id: string): boolean {
    return this.state.faults.remove(id);
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  faults() {
    return this.state.faults.all();
  }

  requests() {
    return this.state.requestLog.all();
  }

  clearRequests(): void {
    this.state.requestLog.clear();
  }

  setChecks(checks: SandboxChecks): void {
    Object.assign(this.state.checks, checks);
  }

  checks(): SandboxChecks {
    return { ...this.state.checks };
  }

  mailbox(mailboxId: string): SandboxMailboxDetails | undefined {
    const mailbox = this.state.directory.mailbox(mailboxId);
    return mailbox ? mailboxDetails(mailbox) : undefined;
  }

  message(messageId: string): SandboxMessageDetails | undefined {
    const message = this.state.store.get(messageId.toUpperCase());
    return message ? messageDetails(message) : undefined;
  }

  messageView(messageId: string): SandboxMessageView | undefined {
    const message = this.state.store.get(messageId.toUpperCase());
    return message ? messageView(message) : undefined;
  }
}

export function mailboxDetails(m: MailboxRecord): SandboxMailboxDetails {
  return {
    mailbox_id: m.mailboxId,
    mailbox_name: m.mailboxName,
    billing_entity: m.billingEntity,
    ods_code: m.odsCode,
    org_code: m.orgCode,
    org_name: m.orgName,
    active: m.active,
  };
}

function partyDetails(p: StoredMessage['sender']): SandboxPartyDetails {
  return {
    mailbox_id: p.mailboxId,
    mailbox_name: p.mailboxName ?? null,
    ods_code: p.odsCode ?? null,
    org_code: p.orgCode ?? null,
    org_name: p.orgName ?? null,
    billing_entity: p.billingEntity ?? null,
  };
}

export function messageDetails(m: StoredMessage): SandboxMessageDetails {
  const meta = m.metadata;
  return {
    message_id: m.messageId,
    message_type: m.messageType,
    status: currentStatus(m),
    workflow_id: m.workflowId,
    sender: partyDetails(m.sender),
    recipient: partyDetails(m.recipient),
    total_chunks: m.totalChunks,
    file_size: m.fileSize,
    events: m.events.map((e) => ({
      status: e.status,
      code: e.code ?? null,
      event: e.event ?? null,
      description: e.description ?? null,
      timestamp: isoNoZone(new Date(e.timestamp)),
      linked_message_id: e.linkedMessageId ?? null,
    })),
    metadata: {
      subject: meta.subject ?? null,
      content_type: meta.contentType ?? null,
      content_encoding: meta.contentEncoding ?? null,
      file_name: meta.fileName ?? null,
      local_id: meta.localId ?? null,
      partner_id: meta.partnerId ?? null,
      checksum: meta.checksum ?? null,
      encrypted: meta.encrypted ?? null,
      compressed: meta.compressed ?? null,
    },
    visible_to_sender: m.visibleToSender !== false,
    inbox_expiry_timestamp: isoNoZone(new Date(m.inboxExpiry)),
    created_timestamp: isoNoZone(new Date(m.createdAt)),
    last_modified: isoNoZone(new Date(m.events[0]?.timestamp ?? m.createdAt)),
  };
}
