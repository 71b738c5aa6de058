// How times, ages and sizes read on screen: UK dates in London time, ages in plain words.
// The one rule for times, shared with `mesh-console` (main/domain/uk-time.ts).
export { ukDateTime as formatDateTime, ukDate as formatDate } from '../preload/api';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 days 4 hours", "25 minutes", "just now". */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const ms = Math.max(0, now - t);
  if (ms < MINUTE) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
}

/** "3 days ago", "just now". */
export function formatAgo(iso: string | undefined, now: number): string {
  const age = formatAge(iso, now);
  return age === 'just now' || age === '—' ? age : `${age} ago`;
}

export function ageInDays(iso: string | undefined, now: number): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : (now - t) / DAY;
}

export { formatBytes } from '../preload/api';

export const PROGRAMME_LABELS = { flu: 'Flu', hpv: 'HPV', menacwy: 'MenACWY', td_ipv: 'Td/IPV' } as const;

/** MESH deletes unacknowledged messages after this many days in the inbox. */
export const INBOX_EXPIRY_DAYS = 5;
