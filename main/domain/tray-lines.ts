// The tray's lines: one per profile, saying which MESH it talks to, whether its jobs run, how the
// last job went and what is unread, so the operator sees every mailbox without opening the window.
import { lastJobRun, type JobState } from './jobs';
import type { EnvironmentName } from './settings';

export interface ProfileTrayState {
  name: string;
  onScreen: boolean;
  environment?: EnvironmentName;
  jobsEnabled?: boolean;
  /** Its jobs' states, when known: the last one that ran is said. */
  jobs?: JobState[];
  unread?: number;
  /** Why its settings cannot be read. */
  problem?: string;
}

const ENVIRONMENT_WORDS: Record<EnvironmentName, string> = {
  local: 'local sandbox',
  integration: 'integration',
  deployment: 'deployment',
  production: 'PRODUCTION',
  custom: 'custom server',
};

function lastJob(jobs: JobState[] | undefined): string | undefined {
  const last = lastJobRun(jobs);
  if (!last) return undefined;
  return `${last.label} ${last.lastResult === 'ok' ? 'ok' : last.lastResult === 'failed' ? 'FAILED' : 'skipped'}`;
}

/** One line per profile, in the order given: "name (on screen): environment · jobs on · last: Label ok · 3 unread". */
export function trayLines(profiles: ProfileTrayState[]): string[] {
  return profiles.map((profile) => {
    const name = `${profile.name}${profile.onScreen ? ' (on screen)' : ''}`;
    if (profile.problem || !profile.environment) return `${name}: settings cannot be read`;
    const parts = [ENVIRONMENT_WORDS[profile.environment], profile.jobsEnabled ? 'jobs on' : 'jobs off'];
    const last = lastJob(profile.jobs);
    if (last) parts.push(`last: ${last}`);
    if (profile.unread) parts.push(`${profile.unread} unread`);
    return `${name}: ${parts.join(' · ')}`;
  });
}
