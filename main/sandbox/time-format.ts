// The three timestamp forms MESH uses (docs/mesh-protocol.md, "Versions, headers and times"), all in UTC.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss`: tracking v1 and `mex-StatusTimestamp`. */
export function compactTimestamp(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

/** ISO-8601 with microseconds and no zone, as Python's naive `isoformat()` writes it. */
export function isoNoZone(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

/** HTTP date ending in `UTC`, e.g. `Wed, 25 Nov 2026 13:20:59 UTC`. */
export function httpDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, 'UTC');
}

/** Parses the token's `yyyyMMddHHmm` as UTC; null when it is not 12 digits or not a real time. */
export function parseTokenTimestamp(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}
