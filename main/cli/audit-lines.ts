// What `mesh-console audit` asks for and prints: its options as the filter the audit screen
// sends (main/store/audit-query.ts), and one line per entry in words.
import { AUDIT_KINDS, auditWhoFrom, ukDateTime, ukDay, ukDayStart, type AuditEntry, type AuditFilter, type AuditKind } from '../domain';
import { UsageError } from './exit-codes';

export interface AuditOptions {
  kind?: string;
  outcome?: string;
  days?: string;
  search?: string;
  limit?: string;
  csv?: string;
  olderFiles?: boolean;
  json?: boolean;
}

export const DEFAULT_AUDIT_LINES = 100;

function positiveWholeNumber(option: string, value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`--${option} takes a whole number of 1 or more, not "${value}": give one, such as --${option} 7.`);
  }
  return number;
}

/** The screen's filter; `--days N` is today and the N − 1 days before it on the UK calendar, as on the screen. */
export function auditFilterFrom(options: AuditOptions, now: Date): AuditFilter {
  if (options.kind !== undefined && !AUDIT_KINDS.includes(options.kind as AuditKind)) {
    throw new UsageError(`--kind must be one of ${AUDIT_KINDS.join(', ')}, not "${options.kind}": give one of them, or leave it out.`);
  }
  if (options.outcome !== undefined && options.outcome !== 'ok' && options.outcome !== 'failed') {
    throw new UsageError(`--outcome must be ok or failed, not "${options.outcome}": give one of them, or leave it out.`);
  }
  const days = options.days === undefined ? undefined : positiveWholeNumber('days', options.days);
  return {
    ...(options.kind ? { kind: options.kind as AuditKind } : {}),
    ...(options.outcome ? { outcome: options.outcome as AuditEntry['outcome'] } : {}),
    ...(days ? { since: ukDayStart(ukDay(now), 1 - days) } : {}),
    ...(options.search?.trim() ? { search: options.search.trim() } : {}),
  };
}

/** With --older-files a CSV file without --limit takes the newest this many: the files are read with bounded memory. */
export const OLDER_FILES_CSV_ROWS = 250_000;

/**
 * How many entries to print or save: --limit, else the newest 100 for the terminal and every one for a CSV file
 * (with --older-files, the newest OLDER_FILES_CSV_ROWS).
 */
export function auditLimit(options: AuditOptions): number | undefined {
  if (options.limit !== undefined) return positiveWholeNumber('limit', options.limit);
  if (!options.csv) return DEFAULT_AUDIT_LINES;
  return options.olderFiles ? OLDER_FILES_CSV_ROWS : undefined;
}

/** What happened, in one piece: the action, its detail, the HTTP status and the ids it concerns. */
export function auditSummary(entry: AuditEntry): string {
  return [
    entry.detail ? `${entry.action}: ${entry.detail}` : entry.action,
    entry.status !== undefined ? `(HTTP ${entry.status})` : '',
    entry.messageId ? `message ${entry.messageId}` : '',
    entry.exportId ? `export ${entry.exportId}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** When, who and from where, kind, outcome, summary; the output strips control characters. */
export function auditLine(entry: AuditEntry): string {
  return [ukDateTime(entry.at), auditWhoFrom(entry), entry.kind.padEnd(8), entry.outcome.padEnd(6), auditSummary(entry)].join('  ');
}
