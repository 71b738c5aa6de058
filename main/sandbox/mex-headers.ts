// The metadata headers of HEAD and download responses (docs/mesh-protocol.md, "Downloading and
// acknowledging"). Empty values are left out.
import { compactTimestamp, httpDate } from './time-format';
import { defaultFileName, errorEvent, isSuccessful, lastModified, statusTimestamp, type StoredMessage } from './message';

function statusHeaders(message: StoredMessage, now: Date): Record<string, string | undefined> {
  const timestamp = compactTimestamp(statusTimestamp(message, 'accepted', 'error') ?? now);
  if (isSuccessful(message)) {
    return {
      'mex-StatusCode': '00',
      'mex-StatusEvent': 'TRANSFER',
      'mex-StatusDescription': 'Transferred to recipient mailbox',
      'mex-StatusSuccess': 'SUCCESS',
      'mex-StatusTimestamp': timestamp,
    };
  }
  const error = errorEvent(message);
  if (!error) return { 'mex-StatusSuccess': 'ERROR', 'mex-StatusTimestamp': timestamp };
  return {
    'mex-LinkedMsgID': error.linkedMessageId,
    'mex-StatusCode': error.code,
    'mex-StatusEvent': error.event,
    'mex-StatusDescription': error.description,
    'mex-StatusSuccess': 'ERROR',
    'mex-StatusTimestamp': timestamp,
  };
}

/** Sends can only store header-safe text, but admin-made reports may hold anything. */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

/** `now` stands in for the status time of a message not yet accepted (the server's clock). */
export function messageHeaders(message: StoredMessage, chunkNo: number, now: Date): Record<string, string> {
  const meta = message.metadata;
  const headers: Record<string, string | undefined> = {
    'mex-From': message.sender.mailboxId,
    'mex-To': message.recipient.mailboxId,
    'mex-WorkflowID': message.workflowId,
    'mex-Chunk-Range': `${chunkNo}:${message.totalChunks}`,
    'mex-Total-Chunks': String(message.totalChunks),
    'mex-AddressType': 'ALL',
    'mex-LocalID': meta.localId,
    'mex-PartnerID': meta.partnerId,
    'mex-FileName': defaultFileName(message),
    'mex-Subject': meta.subject,
    'mex-Version': '1.0',
    'mex-MessageType': message.messageType,
    'mex-MessageID': message.messageId,
    'Content-Encoding': message.messageType === 'DATA' ? meta.contentEncoding : undefined,
    ...statusHeaders(message, now),
    'mex-Content-Compressed': meta.compressed ? 'Y' : undefined,
    'mex-Content-Encrypted': meta.encrypted ? 'Y' : undefined,
    'mex-Content-Checksum': meta.checksum,
    'mex-Content-Type': meta.contentType,
    'Last-Modified': httpDate(lastModified(message)),
  };
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value) present[name] = headerSafe(value);
  return present;
}
