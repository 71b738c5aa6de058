// Wall-clock time in Europe/London for the DPS file, on the one UK-time rule of main/domain/uk-time.ts.
import { ukDay, ukOffset } from '../domain';

/** London's offset from UTC in milliseconds at an instant (0 in winter, 3,600,000 in summer). */
export const londonOffset = ukOffset;

/** The London wall-clock time as `YYYYMMDDTHHMMSS` (seconds truncated). */
export function londonCompactDateTime(epochMs: number): string {
  const local = new Date(epochMs + ukOffset(epochMs));
  return compactDate(local) + 'T' + pad2(local.getUTCHours()) + pad2(local.getUTCMinutes()) + pad2(local.getUTCSeconds());
}

/** The London calendar date of an instant as `YYYY-MM-DD`. */
export function londonDate(epochMs: number): string {
  return ukDay(new Date(epochMs));
}

function compactDate(local: Date): string {
  return `${local.getUTCFullYear()}${pad2(local.getUTCMonth() + 1)}${pad2(local.getUTCDate())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
