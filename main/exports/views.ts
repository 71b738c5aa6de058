// An export as the screens and the command line show it: the stored record without its record
// ids (which can be 100,000 long), and with its history for the detail view.
import type { ExportDetail, ExportSummary } from '../domain';
import type { ExportRecord } from '../store/exports-store';

export function exportSummary(e: ExportRecord): ExportSummary {
  return {
    id: e.id,
    programme: e.programme,
    fileName: e.fileName,
    localId: e.localId,
    ...(e.messageId ? { messageId: e.messageId } : {}),
    recordCount: e.recordCount,
    bytes: e.bytes,
    status: e.status,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...(e.lastError ? { lastError: e.lastError } : {}),
  };
}

export function exportDetail(e: ExportRecord): ExportDetail {
  return { ...exportSummary(e), history: e.history.map((h) => ({ ...h })), ...(e.reportCode ? { reportCode: e.reportCode } : {}) };
}
