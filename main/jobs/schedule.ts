// When a job is due: a cron pattern in Europe/London (croner computes the occurrences,
// through BST and GMT), or an interval in minutes.
import { Cron } from 'croner';

export const LONDON = 'Europe/London';

export type JobSchedule = { cron: string } | { everyMinutes: number };

/** `01:00` → `0 1 * * *`; a cron pattern is returned as it is. */
export function dailyAt(time: string): string {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) return time.trim();
  return `${Number(match[2])} ${Number(match[1])} * * *`;
}

/** Throws when croner cannot read the pattern. */
export function checkCron(pattern: string, timezone = LONDON): void {
  new Cron(pattern, { timezone, paused: true }).stop();
}

export function nextCronOccurrence(pattern: string, after: Date, timezone = LONDON): Date | undefined {
  const cron = new Cron(pattern, { timezone, paused: true });
  try {
    return cron.nextRun(after) ?? undefined;
  } finally {
    cron.stop();
  }
}

/** In words an operator reads: `daily at 02:00`, `every 5 minutes`, or the cron pattern itself when it is not a daily time. */
export function describeSchedule(schedule: JobSchedule): string {
  if (!('cron' in schedule)) return `every ${schedule.everyMinutes} minutes`;
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(schedule.cron.trim());
  if (!daily) return schedule.cron;
  return `daily at ${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')}`;
}
