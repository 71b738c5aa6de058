// An inbox REPORT that names an export (by mex-LinkedMsgID or mex-LocalID) says the export
// will not arrive: the export becomes error or undeliverable with the report's code and text,
// and the report is acknowledged so it does not come back.
import type { MessageMetadata } from '../mesh';
import type { ExportRecord } from '../store/exports-store';
import { moveExport } from '../store/move-export';
import type { ExportContext } from './context';

/** The export a REPORT concerns, if any. */
export function exportForReport(context: Pick<ExportContext, 'exports'>, report: MessageMetadata): ExportRecord | undefined {
  const byMessage = report.linkedMessageId ? context.exports.findByMessageId(report.linkedMessageId) : undefined;
  return byMessage ?? (report.localId ? context.exports.findByLocalId(report.localId) : undefined);
}

/** Code 14 (not collected) and reports without a status event mean undeliverable; other codes, error. */
export function reportOutcome(report: MessageMetadata): 'undeliverable' | 'error' {
  if (report.statusCode === '14' || !report.statusEvent) return 'undeliverable';
  return 'error';
}

export interface ReportApplied {
  reportId: string;
  exportId: string;
  status: 'undeliverable' | 'error';
}

/**
 * Applies one REPORT (already read with HEAD) to its export, then acknowledges it. A report
 * for an export already final is still acknowledged; a report naming no export is left alone.
 */
export async function applyReport(context: ExportContext, report: MessageMetadata): Promise<ReportApplied | undefined> {
  if (report.messageType !== 'REPORT') return undefined;
  const exported = exportForReport(context, report);
  if (!exported) return undefined;
  const status = reportOutcome(report);
  if (exported.status === 'accepted' || exported.status === 'pending') {
    if (exported.status === 'pending') {
      // A report can only name a message MESH accepted; record the id it links before closing it.
      await context.exports.transition(exported.id, 'accepted', {
        messageId: report.linkedMessageId ?? exported.messageId ?? report.messageId,
        note: 'MESH reported on it, so it was sent.',
      });
    }
    const description = report.statusDescription ?? 'MESH reported that the message will not be delivered';
    await moveExport(context, exported.id, status, {
      error:
        `${description}${report.statusCode ? ` (code ${report.statusCode})` : ''}: REPORT ${report.messageId}. Its ` +
        `records are free for the next export.`,
      ...(report.statusCode ? { reportCode: report.statusCode } : {}),
    });
  }
  const client = await context.client();
  await client.acknowledge(report.messageId);
  return { reportId: report.messageId, exportId: exported.id, status };
}

/** Reads the inbox (the DPS workflow's messages: reports carry the workflow they concern) and applies each REPORT about an export. */
export async function applyInboxReports(context: ExportContext): Promise<ReportApplied[]> {
  const client = await context.client();
  const applied: ReportApplied[] = [];
  for (const messageId of await client.inboxAll({ workflowFilter: context.workflowId })) {
    const metadata = await client.metadata(messageId);
    const result = await applyReport(context, metadata);
    if (result) applied.push(result);
  }
  return applied;
}
