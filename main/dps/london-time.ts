// Wall-clock time in Europe/London, from Intl with one cached formatter. London's offset
// changes only on whole UTC hours, so it is worked out once per hour and remembered.

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const HOUR = 3_600_000;
const offsetByHour = new Map<number, number>();

/** London's offset from UTC in milliseconds at an instant (0 in winter, 3,600,000 in summer). */
export function londonOffset(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = computeOffset(hour * HOUR);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The London wall-clock time as `YYYYMMDDTHHMMSS` (seconds truncated). */
export function londonCompactDateTime(epochMs: number): string {
  const local = new Date(epochMs + londonOffset(epochMs));
  return compactDate(local) + 'T' + pad2(local.getUTCHours()) + pad2(local.getUTCMinutes()) + pad2(local.getUTCSeconds());
}

/** The London calendar date of an instant as `YYYY-MM-DD`. */
export function londonDate(epochMs: number): string {
  const local = new Date(epochMs + londonOffset(epochMs));
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

function compactDate(local: Date): string {
  return `${local.getUTCFullYear()}${pad2(local.getUTCMonth() + 1)}${pad2(local.getUTCDate())}`;
}

function computeOffset(epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(
    parts['year'] ?? 0,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return wallAsUtc - epochMs;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
