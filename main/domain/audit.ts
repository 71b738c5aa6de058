// The audit log: every MESH call, export change, import, settings change and job run, with who
// made it (the operating-system user) and from where (the app, the command line, a scheduled job).

export const AUDIT_KINDS = ['mesh', 'export', 'import', 'settings', 'job', 'message'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Where an entry came from: the app's screens, a `mesh-console` command, or a scheduled job (in the app or `mesh-console jobs`). */
export const AUDIT_SOURCES = ['app', 'cli', 'job'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** Where an entry came from, in the words the screen and `mesh-console audit` both use. */
export const AUDIT_SOURCE_WORDS: Readonly<Record<AuditSource, string>> = { app: 'app', cli: 'command line', job: 'scheduled job' };

export interface AuditEntry {
  at: string;
  kind: AuditKind;
  action: string;
  outcome: 'ok' | 'failed';
  detail?: string;
  messageId?: string;
  exportId?: string;
  status?: number;
  /** The operating-system user of the process that wrote it (absent in entries from before it was kept). */
  user?: string;
  source?: AuditSource;
}

/** Which entries: every field is optional and they combine (all must hold). */
export interface AuditFilter {
  /** Any field, case-insensitively. */
  search?: string;
  kind?: AuditKind;
  outcome?: AuditEntry['outcome'];
  /** ISO instants: entries at or after `since`, and before `until`. */
  since?: string;
  until?: string;
  /** Read the older files the log was rotated into (`audit-<time>.jsonl`) too, from disk, not only what it keeps in memory. */
  olderFiles?: boolean;
}

/** With `olderFiles`, the screen pages (and saves as CSV) the newest this many matches: memory stays bounded. */
export const AUDIT_OLDER_FILES_ROWS = 10_000;

export interface AuditQuery extends AuditFilter {
  /** Rows to skip, newest first. */
  offset?: number;
  /** Rows to return; at most 500. */
  limit?: number;
  /**
   * Only the first this many entries the log held (the `held` of the first page): later pages
   * then line up with the first while new entries keep arriving.
   */
  asOf?: number;
}

/** One page of the matching entries, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  offset: number;
  /** How many entries match the filter. */
  total: number;
  /** How many entries the log holds in all (with `olderFiles`, in all its files). */
  held: number;
  /** How many older files (`audit-<time>.jsonl`) the log was rotated into. */
  olderFiles?: number;
  /** With `olderFiles`: matching entries older than the newest AUDIT_OLDER_FILES_ROWS, not paged (narrower filters reach them). */
  notPaged?: number;
}

/** "alice, command line": who wrote an entry and from where, as far as it says (— when neither). */
export function auditWhoFrom(entry: Pick<AuditEntry, 'user' | 'source'>): string {
  const from = entry.source ? AUDIT_SOURCE_WORDS[entry.source] : undefined;
  return [entry.user, from].filter(Boolean).join(', ') || '—';
}
