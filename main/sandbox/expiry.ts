// Expiry of uncollected messages, as real MESH does it and the official sandbox does not: a DATA
// message still accepted (not acknowledged) in an inbox when its 5-day inbox expiry passes
// leaves the inbox as undeliverable, and its sender gets a REPORT, SEND / 14, linked to it.
// Run as the server answers each request, by the server's clock, so nothing waits on a timer.
import { INBOX_EXPIRY_DAYS } from './message';
import { newReport } from './report';
import type { SandboxState } from './state';

export const NOT_COLLECTED = {
  event: 'SEND',
  code: '14',
  description: `Message not collected by recipient after ${INBOX_EXPIRY_DAYS} days`,
};

/** Expires every message due by the server's clock; resolves the ids of the REPORTs it sent. */
export async function expireUncollected(state: SandboxState): Promise<string[]> {
  const now = state.now();
  const due = state.store.uncollectedBy(now);
  if (due.length === 0) return [];
  // Every change is made before the first write is awaited, so a request answered meanwhile
  // sees these messages already expired and cannot expire them a second time.
  const writes: Promise<void>[] = [];
  const reports: string[] = [];
  for (const message of due) {
    writes.push(state.store.pushEvent(message, { status: 'undeliverable', timestamp: now.toISOString(), ...NOT_COLLECTED }));
    const sender = state.directory.mailbox(message.sender.mailboxId);
    if (!sender) continue;
    const report = newReport(
      state,
      sender,
      {
        workflowId: message.workflowId,
        status: 'error',
        ...NOT_COLLECTED,
        linkedMessageId: message.messageId,
        subject: message.metadata.subject,
        localId: message.metadata.localId,
        fileName: message.metadata.fileName,
      },
      now,
    );
    writes.push(state.store.add(report));
    reports.push(report.messageId);
  }
  await Promise.all(writes);
  return reports;
}
