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

export function describeSchedule(schedule: JobSchedule): string {
  return 'cron' in schedule ? schedule.cron : `every ${schedule.everyMinutes} minutes`;
}
