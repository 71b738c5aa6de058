// GET /admin/message/{id}: the official sandbox's flat view of one message, snake_case, with
// Title-case type and status, SUCCESS/ERROR as text, ISO times without a zone, nulls left out.
// The same reading of the events as tracking: a DATA message's error is its failure, a REPORT's
// error event is its status (code, description, linked message id).
import { isoNoZone } from './time-format';
import { currentStatus, defaultFileName, errorEvent, isSuccessful, sentText, statusTimestamp, type StoredMessage } from './message';
import type { SandboxMessageView } from './types';

const title = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1).toLowerCase() : text);
const iso = (value: Date | string | undefined) => (value ? isoNoZone(new Date(value)) : undefined);

export function messageView(message: StoredMessage): SandboxMessageView {
  const meta = message.metadata;
  const error = errorEvent(message);
  const dataError = error && message.messageType === 'DATA' ? error : undefined;
  const report = error && message.messageType !== 'DATA' ? error : undefined;
  const view: Record<string, unknown> = {
    checksum: meta.checksum ?? '',
    chunk_count: message.totalChunks,
    content_encoding: sentText(message, meta.contentEncoding),
    download_timestamp: iso(statusTimestamp(message, 'acknowledged')),
    expiry_time: iso(message.inboxExpiry),
    failure_date: iso(dataError?.timestamp),
    failure_diagnostic: dataError?.description,
    filename: defaultFileName(message),
    file_size: message.fileSize,
    is_compressed: meta.compressed,
    is_encrypted: meta.encrypted,
    linked_msg_id: error?.linkedMessageId,
    local_id: sentText(message, meta.localId),
    message_id: message.messageId,
    message_type: title(message.messageType),
    recipient: message.recipient.mailboxId,
    recipient_name: message.recipient.mailboxName,
    recipient_ods_code: message.recipient.odsCode,
    recipient_org_code: message.recipient.orgCode,
    recipient_org_name: message.recipient.orgName,
    sender: message.sender.mailboxId,
    sender_name: message.sender.mailboxName,
    sender_ods_code: message.sender.odsCode,
    sender_org_code: message.sender.orgCode,
    sender_org_name: message.sender.orgName,
    status: title(currentStatus(message)),
    status_code: report?.code,
    status_description: report?.description,
    status_event: report?.event,
    status_success: isSuccessful(message) ? 'SUCCESS' : 'ERROR',
    status_timestamp: iso(report?.timestamp),
    subject: sentText(message, meta.subject),
    upload_timestamp: iso(message.createdAt),
    workflow_id: message.workflowId,
  };
  return Object.fromEntries(
    Object.entries(view).filter(([, value]) => value !== undefined && value !== null),
  ) as unknown as SandboxMessageView;
}
