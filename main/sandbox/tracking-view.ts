// Tracking bodies, v1 (camelCase, Title-case status) and v2 (snake_case), nulls left out
// (docs/mesh-protocol.md, "Tracking").
// A subject or local id the sender did not give is "" on a DATA message, as the sandbox stores it.
import { compactTimestamp, isoNoZone } from './time-format';
import { currentStatus, defaultFileName, errorEvent, isSuccessful, sentText, statusTimestamp, type StoredMessage } from './message';

const title = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1).toLowerCase() : text);
const compact = (iso: string | undefined) => (iso ? compactTimestamp(new Date(iso)) : '');
const iso = (value: string | undefined) => (value ? isoNoZone(new Date(value)) : undefined);

function withoutEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
}

function reportStatus(message: StoredMessage) {
  const error = errorEvent(message);
  if (!error || message.messageType === 'DATA') return undefined;
  return error;
}

export function trackingV1(message: StoredMessage): Record<string, unknown> {
  const meta = message.metadata;
  const error = errorEvent(message);
  const dataError = error && message.messageType === 'DATA' ? error : undefined;
  const report = reportStatus(message);
  const acknowledged = statusTimestamp(message, 'acknowledged');
  return withoutEmpty({
    addressType: 'ALL',
    checksum: meta.checksum ?? '',
    chunkCount: message.totalChunks,
    compressFlag: meta.compressed ? 'Y' : '',
    contentEncoding: meta.contentEncoding ?? '',
    downloadTimestamp: acknowledged ? compactTimestamp(acknowledged) : '',
    dtsId: message.messageId,
    encryptedFlag: meta.encrypted ? 'Y' : '',
    expiryTime: compact(message.inboxExpiry),
    failureDate: dataError ? compact(dataError.timestamp) : undefined,
    failureDiagnostic: dataError?.description,
    fileName: defaultFileName(message),
    fileSize: message.fileSize,
    isCompressed: meta.compressed ? 'Y' : '',
    linkedMsgId: error?.linkedMessageId,
    localId: sentText(message, meta.localId),
    meshRecipientOdsCode: message.recipient.odsCode,
    messageId: message.messageId,
    messageType: title(message.messageType),
    partnerId: meta.partnerId ?? '',
    recipient: message.recipient.mailboxId,
    recipientName: message.recipient.mailboxName,
    recipientOrgCode: message.recipient.orgCode,
    recipientOrgName: message.recipient.orgName,
    recipientSmtp: '',
    sender: message.sender.mailboxId,
    senderName: message.sender.mailboxName,
    senderOdsCode: message.sender.odsCode,
    senderOrgCode: message.sender.orgCode,
    senderOrgName: message.sender.orgName,
    senderSmtp: '',
    status: title(currentStatus(message)),
    statusCode: report?.code,
    statusDescription: report?.description,
    statusEvent: report?.event,
    statusSuccess: isSuccessful(message) ? 'SUCCESS' : 'ERROR',
    statusTimestamp: report ? compact(report.timestamp) : undefined,
    subject: sentText(message, meta.subject),
    uploadTimestamp: compact(message.createdAt),
    version: '1.0',
    workflowId: message.workflowId,
  });
}

export function trackingV2(message: StoredMessage): Record<string, unknown> {
  const report = reportStatus(message);
  return withoutEmpty({
    message_id: message.messageId,
    local_id: sentText(message, message.metadata.localId),
    workflow_id: message.workflowId,
    filename: message.metadata.fileName,
    expiry_time: iso(message.inboxExpiry),
    upload_timestamp: iso(message.createdAt),
    recipient: message.recipient.mailboxId,
    recipient_name: message.recipient.mailboxName,
    recipient_ods_code: message.recipient.odsCode,
    recipient_org_code: message.recipient.orgCode,
    recipient_org_name: message.recipient.orgName,
    status_success: isSuccessful(message),
    status: currentStatus(message),
    status_event: report?.event,
    status_timestamp: iso(report?.timestamp),
    status_description: report?.description,
    status_code: report?.code,
  });
}
