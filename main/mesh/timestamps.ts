// MESH writes times three ways: `yyyyMMddHHmmss` (v1 tracking, mex-StatusTimestamp), ISO-8601
// with no zone (v2 JSON), and HTTP dates ending in `UTC` (Last-Modified). All are UTC.

/** The time as ISO-8601 UTC (`...Z`), or undefined when it is empty or unreadable. */
export function meshTimeToIso(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(trimmed);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  // ISO without a zone is UTC in MESH; JavaScript would read it as local time.
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
