// The console's four jobs with the times and limits of docs/dps-file.md, "When the jobs run".
// What each job does is given by the service; this file owns when and how often.
import { INBOX_REFRESH_MINUTES, type JobName, type JobTimes } from '../domain';
import type { JobDefinition, JobRunOutcome } from './scheduler';
import { dailyAt } from './schedule';

export const DEFAULT_JOB_TIMES: Readonly<JobTimes> = {
  handshake: '01:00',
  dpsExport: '02:00',
  tracking: '03:00',
  inboxRefreshMinutes: 5,
};

/** MESH asks that an inbox is not polled more often than this. */
export const MIN_INBOX_REFRESH_MINUTES = INBOX_REFRESH_MINUTES.min;
/** Tracking is not asked more often than hourly. */
export const MIN_TRACKING_INTERVAL_MINUTES = 60;
/** The handshake runs at start when the last one is older than this. */
export const HANDSHAKE_STALE_MINUTES = 24 * 60;
/** A few handshakes a day at most. */
export const MIN_HANDSHAKE_INTERVAL_MINUTES = 60;

export const JOB_LABELS: Readonly<Record<JobName, string>> = {
  handshake: 'Validate mailbox',
  dpsExport: 'DPS export',
  tracking: 'Track exports',
  inboxRefresh: 'Inbox refresh',
};

export type JobBodies = Record<JobName, () => Promise<JobRunOutcome>>;

export function defaultJobs(times: JobTimes, bodies: JobBodies): JobDefinition[] {
  return [
    {
      name: 'handshake',
      label: JOB_LABELS.handshake,
      schedule: { cron: dailyAt(times.handshake) },
      dueWhenLastRunOlderThanMinutes: HANDSHAKE_STALE_MINUTES,
      minIntervalMinutes: MIN_HANDSHAKE_INTERVAL_MINUTES,
      run: bodies.handshake,
    },
    {
      name: 'dpsExport',
      label: JOB_LABELS.dpsExport,
      schedule: { cron: dailyAt(times.dpsExport) },
      run: bodies.dpsExport,
    },
    {
      name: 'tracking',
      label: JOB_LABELS.tracking,
      schedule: { cron: dailyAt(times.tracking) },
      minIntervalMinutes: MIN_TRACKING_INTERVAL_MINUTES,
      run: bodies.tracking,
    },
    {
      name: 'inboxRefresh',
      label: JOB_LABELS.inboxRefresh,
      schedule: { everyMinutes: Math.max(MIN_INBOX_REFRESH_MINUTES, Math.floor(times.inboxRefreshMinutes)) },
      minIntervalMinutes: MIN_INBOX_REFRESH_MINUTES,
      run: bodies.inboxRefresh,
    },
  ];
}
