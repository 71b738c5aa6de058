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

/** Daily times as `HH:MM` (24-hour, Europe/London); the inbox refresh as an interval in minutes. */
export interface JobTimes {
  handshake: string;
  dpsExport: string;
  tracking: string;
  inboxRefreshMinutes: number;
}
