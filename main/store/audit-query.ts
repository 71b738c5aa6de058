// Filtering and paging the audit log in memory, newest first. The screen asks for one page at a
// time while it scrolls; the matching entries of the last filter are kept, so the next page of
// 100,000 entries is a slice, not another pass over them all.
import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from '../domain';

export const MAX_PAGE = 500;
const DEFAULT_PAGE = 200;

function searchable(entry: AuditEntry): string[] {
  const fields = [entry.kind, entry.action, entry.outcome, entry.detail, entry.messageId, entry.exportId, entry.user, entry.source];
  if (entry.status !== undefined) fields.push(String(entry.status));
  return fields.filter((field): field is string => field !== undefined);
}

/** A predicate for the filter; the date bounds are compared as ISO instants. */
export function auditMatcher(filter: AuditFilter): (entry: AuditEntry) => boolean {
  const needle = filter.search?.trim().toLowerCase() || undefined;
  const since = filter.since ? new Date(filter.since).toISOString() : undefined;
  const until = filter.until ? new Date(filter.until).toISOString() : undefined;
  return (entry) =>
    (!filter.kind || entry.kind === filter.kind) &&
    (!filter.outcome || entry.outcome === filter.outcome) &&
    (!since || entry.at >= since) &&
    (!until || entry.at < until) &&
    (!needle || searchable(entry).some((field) => field.toLowerCase().includes(needle)));
}

/** Every entry the filter matches, newest first (`entries` is in the order written). */
export function matchingEntries(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const matches = auditMatcher(filter);
  const out: AuditEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) if (matches(entries[i]!)) out.push(entries[i]!);
  return out;
}

function filterKey(filter: AuditFilter): string {
  return JSON.stringify([
    filter.search?.trim().toLowerCase() ?? '',
    filter.kind ?? '',
    filter.outcome ?? '',
    filter.since ?? '',
    filter.until ?? '',
  ]);
}

/** Pages through the last filter's matches; `version` changes whenever the entries do. */
export class AuditPager {
  private key: string | undefined;
  private matched: AuditEntry[] = [];

  page(entries: () => readonly AuditEntry[], version: number | string, query: AuditQuery): AuditPage {
    const key = `${version}:${filterKey(query)}`;
    const all = entries();
    if (key !== this.key) {
      this.matched = matchingEntries(all, query);
      this.key = key;
    }
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE)), MAX_PAGE);
    return { entries: this.matched.slice(offset, offset + limit), offset, total: this.matched.length, held: all.length };
  }
}
