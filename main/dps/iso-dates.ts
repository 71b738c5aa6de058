// Strict ISO 8601 dates (`YYYY-MM-DD`, a real calendar day) and date-times (with `Z` or an
// offset; seconds and fractions optional), read without Date's lenient parser.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** Milliseconds at 00:00Z of a real `YYYY-MM-DD` day from 1900 on, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  return utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The instant (epoch milliseconds) of an ISO 8601 date-time with `Z` or an offset, or undefined. */
export function parseIsoDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const day = utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = match[7] === undefined ? 0 : Math.floor(Number(match[7]) * 1000);
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** True when the text looks like a date-time rather than a bare date. */
export function hasTime(text: string): boolean {
  return text.length > 10 && text.charCodeAt(10) === 84; // 'T'
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function utcDay(year: number, month: number, day: number): number | undefined {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > length) return undefined;
  return Date.UTC(year, month - 1, day);
}
