// DPS exports: the lifecycle statuses and what the screens and commands show of an export.
import type { Programme } from './records';

export type ExportStatus = 'pending' | 'accepted' | 'acknowledged' | 'failed' | 'undeliverable' | 'error';

export interface ExportStatusChange {
  status: ExportStatus;
  at: string;
  note?: string;
}

export interface ExportSummary {
  id: string;
  programme: Programme;
  fileName: string;
  localId: string;
  messageId?: string;
  recordCount: number;
  bytes: number;
  status: ExportStatus;
  createdAt: string;
  updatedAt: string;
  lastError?: string;
}

export interface ExportDetail extends ExportSummary {
  history: ExportStatusChange[];
  reportCode?: string;
}

export interface ExportRunResult {
  programme: Programme;
  exportId?: string;
  fileName?: string;
  recordCount: number;
  messageId?: string;
  status?: ExportStatus;
  error?: string;
  /** MESH has the file, but the console could not record it: the next run confirms it by local id. */
  warning?: string;
}

/** The export history and the records' own sent marks disagree: exports refuse until it is rebuilt. */
export interface ExportHistoryCheck {
  /** One sentence: what is wrong and what to do; absent when they agree. */
  problem?: string;
}

export interface ExportRecoveryResult {
  /** True when the history agrees with the records again and exports run. */
  recovered: boolean;
  message: string;
  exports: RecoveredExport[];
}

/** One export rebuilt by the recovery. */
export interface RecoveredExport {
  exportId: string;
  programme: string;
  recordCount: number;
  /** What the export is now in the history; `unknown` when MESH could not be asked. */
  status: ExportStatus | 'unknown';
  messageId?: string;
  note: string;
}
