// UK time: the one rule for every time an operator reads, on the screen and from `mesh-console`,
// whatever this computer's own time zone. Times read "2 Dec 2026, 06:35" in Europe/London, and
// a day is a UK calendar day (midnight to midnight in London, 23 or 25 hours when the clocks change).

const UK_ZONE = 'Europe/London';

// Built on first use, not when the module loads: the first Europe/London formatter starts ICU's time zone data,
// about 12 ms that every command paid at start, though most (`get`, `send`, `count`) never show a time.
let formatters: { dateTime: Intl.DateTimeFormat; dateOnly: Intl.DateTimeFormat; wallClock: Intl.DateTimeFormat } | undefined;

function ukFormatters(): NonNullable<typeof formatters> {
  formatters ??= {
    dateTime: new Intl.DateTimeFormat('en-GB', {
      timeZone: UK_ZONE,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
    dateOnly: new Intl.DateTimeFormat('en-GB', { timeZone: UK_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
    wallClock: new Intl.DateTimeFormat('en-GB', {
      timeZone: UK_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
  };
  return formatters;
}

/** "2 Dec 2026, 06:35" in UK time; a time that cannot be read is "—", never the raw text it came in. */
export function ukDateTime(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '—' : ukFormatters().dateTime.format(time);
}

/** "2 Dec 2026", the UK date; "—" when it cannot be read. */
export function ukDate(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '—' : ukFormatters().dateOnly.format(time);
}

const HOUR = 3_600_000;
const offsetByHour = new Map<number, number>();

/**
 * London's offset from UTC at an instant, in milliseconds (0 in winter, 3,600,000 in summer). London's clocks change
 * only on whole UTC hours, so it is worked out once per hour and remembered (the DPS export asks it for every row).
 */
export function ukOffset(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = offsetAtWholeSecond(hour * HOUR);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function offsetAtWholeSecond(epochMs: number): number {
  const p: Record<string, number> = {};
  for (const part of ukFormatters().wallClock.formatToParts(epochMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wallAsUtc = Date.UTC(p['year'] ?? 0, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  return wallAsUtc - epochMs;
}

/** The UK calendar day of an instant, "YYYY-MM-DD" (as a date input gives it). */
export function ukDay(at: Date): string {
  const local = new Date(at.getTime() + ukOffset(at.getTime()));
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`;
}

/** The instant (ISO) UK midnight begins the day `plusDays` after the UK calendar day `day` ("YYYY-MM-DD"). */
export function ukDayStart(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  const midnightAsUtc = Date.UTC(year ?? 0, (month ?? 1) - 1, (date ?? 1) + plusDays);
  // The offset at UTC midnight is London's at its own midnight: the clocks change at 01:00 UTC.
  return new Date(midnightAsUtc - ukOffset(midnightAsUtc)).toISOString();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
