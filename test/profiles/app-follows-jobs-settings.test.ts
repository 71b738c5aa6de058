// The app (its service) follows the jobs' settings changed by another process, for the profile on
// screen and for one in the background: new times restart its scheduler with them, jobs switched
// off stop. The real service, settings written from a process of its own with the Settings
// screen's code, a MESH server process; the DPS export runs every 2 seconds (a cron pattern with
// seconds, which the settings accept), so runs are awaited, not slept for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../main/domain';
import { serviceOnProfile } from './profile-service';
import { changeSettingsElsewhere, startProfilesWithJobs, type ProfilesWithJobs } from './profile-support';

const EVERY_TWO_SECONDS = '*/2 * * * * *';

let profiles: ProfilesWithJobs;

before(async () => {
  profiles = await startProfilesWithJobs('mesh-console-app-jobs-settings-', { first: {}, second: {} });
});

after(() => profiles?.stop());

/** The service's events as they come, and a way to await one that satisfies a condition (checked at each event). */
function eventLog() {
  const waiters = new Set<() => void>();
  const events: ConsoleEvent[] = [];
  return {
    listener(event: ConsoleEvent) {
      events.push(event);
      for (const waiter of [...waiters]) waiter();
    },
    /** Resolves once `done` holds for the events since `from` (an index into them); `done` may read files, so it is awaited. */
    until(from: number, done: (events: ConsoleEvent[]) => boolean | Promise<boolean>): Promise<void> {
      return new Promise((resolve, reject) => {
        let checking = false;
        const check = () => {
          if (checking) return;
          checking = true;
          Promise.resolve(done(events.slice(from)))
            .then((yes) => {
              checking = false;
              if (!yes) return;
              waiters.delete(check);
              resolve();
            })
            .catch(reject);
        };
        waiters.add(check);
        check();
      });
    },
    get length() {
      return events.length;
    },
  };
}

const notice = (text: string) => (events: ConsoleEvent[]) => events.some((e) => e.type === 'notice' && e.text === text);
const exportRuns = (events: ConsoleEvent[]) =>
  events.filter((e) => e.type === 'job' && e.job.name === 'dpsExport' && !e.job.running && e.job.lastRunAt).length;
const jobState = (name: string) => readFile(join(profiles.profileDir(name), 'jobs.json'), 'utf8');

test('the service restarts jobs whose times changed elsewhere and stops those switched off, on screen and in the background', async () => {
  const service = await serviceOnProfile(profiles.dataDir, 'first');
  const log = eventLog();
  service.subscribe((event) => log.listener(event));
  const notices: string[] = [];
  service.subscribe((event) => event.type === 'notice' && notices.push(event.text));
  try {
    // The profile on screen: its export from daily to every 2 seconds.
    let from = log.length;
    await changeSettingsElsewhere(profiles.profileDir('first'), { jobTimes: { dpsExport: EVERY_TWO_SECONDS } });
    await log.until(from, notice('The times of the scheduled jobs were changed outside this window; they run at the new times.'));
    await log.until(from, (events) => exportRuns(events) >= 1);
    assert.equal((await service.jobs()).find((job) => job.name === 'dpsExport')?.schedule, EVERY_TWO_SECONDS);

    // The profile in the background: the same, seen in its job state while the profile on screen's runs go on.
    from = log.length;
    await changeSettingsElsewhere(profiles.profileDir('second'), { jobTimes: { dpsExport: EVERY_TWO_SECONDS } });
    await log.until(from, notice('The scheduled jobs of profile second run at their new times now.'));
    await log.until(
      from,
      async () => (JSON.parse(await jobState('second')) as { jobs: Record<string, unknown> }).jobs.dpsExport !== undefined,
    );

    // Its jobs switched off: they stop, and run no more while the profile on screen's go on.
    from = log.length;
    await changeSettingsElsewhere(profiles.profileDir('second'), { jobsEnabled: false });
    await log.until(from, notice('The scheduled jobs of profile second were switched off elsewhere, so they stopped.'));
    const secondState = await jobState('second');
    const secondAudit = await readFile(join(profiles.profileDir('second'), 'audit.jsonl'), 'utf8');
    const stoppedAt = log.length;
    await log.until(stoppedAt, (events) => exportRuns(events) >= 2);
    assert.equal(await jobState('second'), secondState, "profile second's job state is unchanged");
    assert.equal(
      await readFile(join(profiles.profileDir('second'), 'audit.jsonl'), 'utf8'),
      secondAudit,
      "profile second's audit is unchanged",
    );

    // The profile on screen's jobs switched off: its scheduler stops.
    from = log.length;
    await changeSettingsElsewhere(profiles.profileDir('first'), { jobsEnabled: false });
    await log.until(from, notice('Scheduled jobs were switched off outside this window, so they stopped.'));
    const jobs = await service.jobs();
    assert.ok(
      jobs.every((job) => !job.enabled && job.nextRunAt === undefined),
      'nothing is scheduled',
    );
    assert.equal((await service.profiles()).profiles.find((p) => p.name === 'first')?.jobsEnabled, false);
    // The background profile's own word on its jobs' new times or stop is not said a second time ("second: …").
    assert.deepEqual(
      notices.filter((text) => text.startsWith('second: ')),
      [],
    );
  } finally {
    await service.close();
  }
});
