// What the operator is told when another process switched the scheduled jobs on or off or changed their times.
import { sameJobTimes, type JobTimes } from '../../domain';

interface JobsSettings {
  jobsEnabled: boolean;
  jobTimes: JobTimes;
}

/** One sentence, or undefined when the jobs' settings did not change. */
export function jobsChangeNotice(before: JobsSettings, after: JobsSettings): string | undefined {
  if (before.jobsEnabled && !after.jobsEnabled) return 'Scheduled jobs were switched off outside this window, so they stopped.';
  if (!before.jobsEnabled && after.jobsEnabled) return 'Scheduled jobs were switched on outside this window; they run from now.';
  if (after.jobsEnabled && !sameJobTimes(before.jobTimes, after.jobTimes))
    return 'The times of the scheduled jobs were changed outside this window; they run at the new times.';
  return undefined;
}
