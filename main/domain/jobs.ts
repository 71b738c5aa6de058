// The scheduled jobs and their state.

export type JobName = 'handshake' | 'dpsExport' | 'tracking' | 'inboxRefresh';

export interface JobState {
  name: JobName;
  label: string;
  /** Cron pattern in Europe/London, or an interval for the inbox refresh. */
  schedule: string;
  enabled: boolean;
  running: boolean;
  lastRunAt?: string;
  lastResult?: 'ok' | 'failed' | 'skipped';
  lastMessage?: string;
  nextRunAt?: string;
}

/** Of the jobs that have run, the one that ran last (the tray and the Profiles screen say it). */
export function lastJobRun(jobs: readonly JobState[] | undefined): JobState | undefined {
  const ran = (jobs ?? []).filter((job) => job.lastRunAt && job.lastResult);
  return ran.sort((a, b) => b.lastRunAt!.localeCompare(a.lastRunAt!))[0];
}

/** Daily times as `HH:MM` (24-hour, Europe/London); the inbox refresh as an interval in minutes. */
export interface JobTimes {
  handshake: string;
  dpsExport: string;
  tracking: string;
  inboxRefreshMinutes: number;
}

export function sameJobTimes(a: JobTimes, b: JobTimes): boolean {
  return (
    a.handshake === b.handshake &&
    a.dpsExport === b.dpsExport &&
    a.tracking === b.tracking &&
    a.inboxRefreshMinutes === b.inboxRefreshMinutes
  );
}

/**
 * The inbox refresh interval's limits, for the check and for the screen's hint alike: MESH asks that
 * an inbox is not polled more often than every 5 minutes; at least once a day.
 */
export const INBOX_REFRESH_MINUTES = { min: 5, max: 24 * 60 } as const;
