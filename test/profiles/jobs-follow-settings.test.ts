// `mesh-console jobs` follows each running profile's settings.json, changed by another process:
// new job times restart that profile's jobs with them, jobs switched off stop them. A real
// `mesh-console jobs` process, two profiles, a MESH server process; the DPS export is set to run
// every 2 seconds (a cron pattern with seconds, which the settings accept), so runs are awaited,
// not slept for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, watchProcess, type WatchedProcess } from '../cli/cli-support';
import { changeSettingsElsewhere, startProfilesWithJobs, type ProfilesWithJobs } from './profile-support';

const EVERY_TWO_SECONDS = '*/2 * * * * *';

let profiles: ProfilesWithJobs;

before(async () => {
  profiles = await startProfilesWithJobs('mesh-console-jobs-follow-', { one: {}, two: { jobTimes: { dpsExport: EVERY_TWO_SECONDS } } });
});

after(() => profiles?.stop());

/** Waits for `pattern` in what the process printed after `offset`. */
function waitAfter(jobs: WatchedProcess, offset: number, pattern: RegExp, signal: AbortSignal): Promise<RegExpExecArray> {
  return jobs.waitFor({ exec: (output: string) => pattern.exec(output.slice(offset)) } as RegExp, signal);
}

test('`mesh-console jobs` restarts a profile whose job times changed elsewhere, and stops one whose jobs were switched off', async (t) => {
  const jobs = watchProcess(
    spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: profiles.dataDir } }),
  );
  try {
    await jobs.waitFor(/\[two\] \S+ DPS export: (ok|failed)/, t.signal);
    assert.match(jobs.output(), /\[one\] DPS export: daily at 02:00/);

    // Profile one's export from daily to every 2 seconds: its jobs restart and run at the new time.
    const changedAt = jobs.output().length;
    await changeSettingsElsewhere(profiles.profileDir('one'), { jobTimes: { dpsExport: EVERY_TWO_SECONDS } });
    await jobs.waitFor(/Profile one: its job times changed; its jobs run at the new times\./, t.signal);
    assert.match(jobs.output().slice(changedAt), /\[one\] DPS export: \*\/2 \* \* \* \* \*, next/);
    await waitAfter(jobs, changedAt, /\[one\] \S+ DPS export: (ok|failed)/, t.signal);

    // Profile two's jobs switched off: they stop, and run no more while profile one's go on.
    await changeSettingsElsewhere(profiles.profileDir('two'), { jobsEnabled: false });
    const stoppedAt = (await jobs.waitFor(/Profile two: its jobs were switched off, so they stopped\./, t.signal)).index;
    const twoState = await readFile(join(profiles.profileDir('two'), 'jobs.json'), 'utf8');
    const twoAudit = await readFile(join(profiles.profileDir('two'), 'audit.jsonl'), 'utf8');
    await waitAfter(jobs, stoppedAt, /\[one\] \S+ DPS export: (ok|failed)[^]*\[one\] \S+ DPS export: (ok|failed)/, t.signal);
    assert.doesNotMatch(jobs.output().slice(stoppedAt), /\[two\]/, 'nothing of profile two runs once its jobs are off');
    assert.equal(await readFile(join(profiles.profileDir('two'), 'jobs.json'), 'utf8'), twoState, "profile two's job state is unchanged");
    assert.equal(await readFile(join(profiles.profileDir('two'), 'audit.jsonl'), 'utf8'), twoAudit, "profile two's audit log is unchanged");
    assert.equal(jobs.child.exitCode, null, 'still running');
  } finally {
    await jobs.stop();
  }
});

test('`mesh-console jobs --profile` follows that profile the same way, and keeps running when its jobs are switched off', async (t) => {
  await changeSettingsElsewhere(profiles.profileDir('two'), { jobsEnabled: true, jobTimes: { dpsExport: '02:00' } });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: profiles.dataDir };
  const jobs = watchProcess(spawn(process.execPath, [BIN, 'jobs', '--profile', 'two'], { env }));
  try {
    await jobs.waitFor(/Scheduled jobs running/, t.signal);
    assert.match(jobs.output(), /^DPS export: daily at 02:00/m, 'one profile: its lines are not prefixed');
    const changedAt = jobs.output().length;
    await changeSettingsElsewhere(profiles.profileDir('two'), { jobTimes: { dpsExport: EVERY_TWO_SECONDS } });
    await jobs.waitFor(/Profile two: its job times changed; its jobs run at the new times\./, t.signal);
    await waitAfter(jobs, changedAt, /^\S+ DPS export: (ok|failed)/m, t.signal);

    await changeSettingsElsewhere(profiles.profileDir('two'), { jobsEnabled: false });
    await jobs.waitFor(/Profile two: its jobs were switched off, so they stopped\./, t.signal);
    assert.doesNotMatch(jobs.output(), /\[one\]|Profile one/, 'profile one, whose jobs are on, is not run: only two was asked for');
    await changeSettingsElsewhere(profiles.profileDir('two'), { jobsEnabled: true });
    await jobs.waitFor(/Profile two: its jobs started\./, t.signal);
    assert.equal(jobs.child.exitCode, null, 'still running');
  } finally {
    await jobs.stop();
  }
});
