// A running profile's settings.json half-written by hand: `mesh-console jobs` and the app keep its
// jobs running as they were and say so once, naming the profile; once the file can be read again
// the line says that (jobs) and the notice clears (app). A real `mesh-console jobs` process and the
// real service, two profiles on a MESH server process; profile two's DPS export runs every 2
// seconds, so its runs are awaited, not slept for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backgroundTopic } from '../../main/app/background-events';
import { NOTICE_TOPICS } from '../../main/domain';
import { BIN, watchProcess } from '../cli/cli-support';
import { recordEvents, serviceOnProfile } from './profile-service';
import { startProfilesWithJobs, type ProfilesWithJobs } from './profile-support';

let profiles: ProfilesWithJobs;
const settingsOf = (name: string) => join(profiles.profileDir(name), 'settings.json');
const UNREADABLE = (name: string) =>
  new RegExp(`Profile ${name}: its settings cannot be read \\(.+\\); its jobs keep running as they were until they can\\.`);

before(async () => {
  profiles = await startProfilesWithJobs('mesh-console-unreadable-settings-', {
    one: {},
    two: { jobTimes: { dpsExport: '*/2 * * * * *' } },
  });
});

after(() => profiles?.stop());

/** Writes the first half of the file over it, as an editor saving midway would leave it; returns the whole. */
async function halfWrite(file: string): Promise<string> {
  const whole = await readFile(file, 'utf8');
  await writeFile(file, whole.slice(0, Math.floor(whole.length / 2)));
  return whole;
}

test('`mesh-console jobs`: a profile whose settings cannot be read runs on as it was, said once, and said when they can', async (t) => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: profiles.dataDir };
  const jobs = watchProcess(spawn(process.execPath, [BIN, 'jobs'], { env }));
  const after = (offset: number, pattern: RegExp) =>
    jobs.waitFor({ exec: (output: string) => pattern.exec(output.slice(offset)) } as RegExp, t.signal);
  try {
    await jobs.waitFor(/\[two\] \S+ DPS export: (ok|failed)/, t.signal);
    const whole = await halfWrite(settingsOf('two'));
    const saidAt = (await jobs.waitFor(UNREADABLE('two'), t.signal)).index;
    // Its jobs go on as they were: two more runs of its export after the line.
    await after(saidAt, /\[two\] \S+ DPS export: (ok|failed)[^]*\[two\] \S+ DPS export: (ok|failed)/);
    assert.doesNotMatch(jobs.output(), /Profile two: its jobs (are not run|were switched off|stopped)/);

    await writeFile(settingsOf('two'), whole);
    await after(saidAt, /Profile two: its settings can be read again\./);
    assert.equal(jobs.output().match(new RegExp(UNREADABLE('two'), 'g'))?.length, 1, 'said once');
    assert.equal(jobs.child.exitCode, null, 'still running');
  } finally {
    await jobs.stop();
  }
});

test('the app: a notice names the profile whose settings cannot be read (on screen or not), and clears when they can', async () => {
  const service = await serviceOnProfile(profiles.dataDir, 'one');
  const { events, eventFrom, noticeFrom, resolvedFrom } = recordEvents(service);
  try {
    // Profile two, in the background.
    const twoWhole = await halfWrite(settingsOf('two'));
    const two = await noticeFrom(0, UNREADABLE('two'));
    assert.ok(two.type === 'notice');
    assert.match(two.text, /^Profile two: its settings cannot be read/, 'named once, not "two: Profile two: …"');
    assert.equal(two.topic, backgroundTopic('two', NOTICE_TOPICS.settingsUnreadable));
    // Its jobs go on: its export runs again after the notice.
    await eventFrom(events.indexOf(two), (e) => e.type === 'background-profile' && e.profile === 'two');
    // Its jobs go on (its export ran again above); the Profiles screen says why its settings are not shown.
    assert.match((await service.profiles()).profiles.find((p) => p.name === 'two')?.problem ?? '', /.+/);
    await writeFile(settingsOf('two'), twoWhole);
    await resolvedFrom(events.indexOf(two), backgroundTopic('two', NOTICE_TOPICS.settingsUnreadable));

    // Profile one, on screen.
    const from = events.length;
    const oneWhole = await halfWrite(settingsOf('one'));
    const one = await noticeFrom(from, UNREADABLE('one'));
    assert.ok(one.type === 'notice');
    assert.equal(one.topic, NOTICE_TOPICS.settingsUnreadable);
    await writeFile(settingsOf('one'), oneWhole);
    await resolvedFrom(events.indexOf(one), NOTICE_TOPICS.settingsUnreadable);
    assert.equal(events.filter((e) => e.type === 'notice' && UNREADABLE('two').test(e.text)).length, 1, 'said once');
  } finally {
    await service.close();
  }
});
