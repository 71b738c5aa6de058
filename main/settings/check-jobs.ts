// The scheduled jobs' section of the settings: three daily times (HH:MM or a cron pattern, UK time)
// and the inbox refresh interval, within the limits MESH asks for.
import { INBOX_REFRESH_MINUTES, type JobTimes } from '../domain';
import { DEFAULT_JOB_TIMES } from '../jobs/default-jobs';
import { checkCron, dailyAt } from '../jobs/schedule';
import { fromFile, type SettingReader, type Value } from './setting-reader';
import type { SettingsFile } from './settings-file';

function checkJobTime(r: SettingReader, setting: string, value: Value<string> | undefined, fallback: string): string {
  if (!value) return fallback;
  const text = value.value.trim();
  if (/^\d{1,2}:\d{2}$/.test(text)) {
    const [h, m] = text.split(':').map(Number) as [number, number];
    if (h > 23 || m > 59) r.fail(setting, value, (w) => `${w.subject(setting, value)} is not a time of day; give it as HH:MM, like 02:00.`);
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  }
  try {
    checkCron(dailyAt(text));
  } catch {
    r.fail(
      setting,
      value,
      (w) => `${w.subject(setting, value)} is neither a time (HH:MM, like 02:00) nor a cron pattern (like 0 2 * * *).`,
    );
  }
  return text;
}

export function checkJobTimes(r: SettingReader, file: SettingsFile): JobTimes {
  const times = file.job_times ?? {};
  const setting = 'job_times.inbox_refresh_minutes';
  const minutes = times.inbox_refresh_minutes ?? DEFAULT_JOB_TIMES.inboxRefreshMinutes;
  const { min, max } = INBOX_REFRESH_MINUTES;
  if (!Number.isInteger(minutes) || minutes < min || minutes > max) {
    r.fail(
      setting,
      fromFile(minutes),
      (w) =>
        `${w.subject(setting, fromFile(minutes))} must be a whole number of minutes from ${min} to ${max}; MESH asks ` +
        `that an inbox is not polled more often than every ${min} minutes.`,
    );
  }
  return {
    handshake: checkJobTime(r, 'job_times.handshake', fromFile(times.handshake), DEFAULT_JOB_TIMES.handshake),
    dpsExport: checkJobTime(r, 'job_times.dps_export', fromFile(times.dps_export), DEFAULT_JOB_TIMES.dpsExport),
    tracking: checkJobTime(r, 'job_times.tracking', fromFile(times.tracking), DEFAULT_JOB_TIMES.tracking),
    inboxRefreshMinutes: minutes,
  };
}
