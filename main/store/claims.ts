// What the records store asks the exports store: which live export holds a record.
import type { ExportStatus } from '../domain';

/** The statuses in which an export holds its records: a record is in at most one such export. */
export const HOLDING_STATUSES = ['pending', 'accepted', 'acknowledged'] as const satisfies readonly ExportStatus[];
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];

export function holdsRecords(status: ExportStatus): status is HoldingStatus {
  return (HOLDING_STATUSES as readonly ExportStatus[]).includes(status);
}

export interface RecordClaim {
  exportId: string;
  status: HoldingStatus;
}

export interface ClaimLookup {
  claimOf(recordId: string): RecordClaim | undefined;
  /** The export history has this export (in any status). */
  has(exportId: string): boolean;
}

/**
 * What a record carries about its own sending, written before its export is accepted: the
 * export it went in. It is the second witness beside the export history, so that a lost or
 * damaged exports.json cannot make a sent record look unsent.
 */
export interface SentMark {
  exportId: string;
  localId: string;
  /** When the record was claimed for that export. */
  at: string;
}
