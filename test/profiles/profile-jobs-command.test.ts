// `mesh-console profile jobs NAME on|off` switches a profile's scheduled jobs for good in its
// settings.json, and a `mesh-console jobs` already running in another process follows: the
// profile's jobs start, run, and stop. A real `mesh-console jobs` process, two profiles, a MESH
// server process; profile two's DPS export runs every 2 seconds, so its runs are awaited, not slept for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli, watchProcess } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { addSandboxProfile, changeSettingsElsewhere } from './profile-support';

let dir: string;
let dataDir: string;
let sandbox: SandboxProcess;
const profileDir = (name: string) => join(dataDir, 'profiles', name);
const jobsOf = async (name: string) =>
  (JSON.parse(await readFile(join(profileDir(name), 'settings.json'), 'utf8')) as { mesh_jobs?: boolean }).mesh_jobs;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-profile-jobs-'));
  dataDir = join(dir, 'data');
  sandbox = await startSandbox(join(dir, 'mesh'));
  await addSandboxProfile(sandbox, dataDir, 'one', 'X26ABC1');
  await addSandboxProfile(sandbox, dataDir, 'two', 'X26ABC2');
  await changeSettingsElsewhere(profileDir('one'), { jobsEnabled: true });
  await changeSettingsElsewhere(profileDir('two'), { jobTimes: { dpsExport: '*/2 * * * * *' } });
});

after(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('`profile jobs two on` starts its jobs in a running `mesh-console jobs`, `profile jobs two off` stops them', async (t) => {
  const env = { MESH_DATA_DIR: dataDir };
  const jobs = watchProcess(spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }));
  try {
    await jobs.waitFor(/Scheduled jobs running/, t.signal);
    assert.doesNotMatch(jobs.output(), /\btwo\b/, 'profile two, whose jobs are off, is not run');

    const on = await cli(['profile', 'jobs', 'two', 'on'], env);
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, /The scheduled jobs of profile two are on now\./);
    assert.equal(await jobsOf('two'), true);
    const startedAt = (await jobs.waitFor(/Profile two: its jobs started\./, t.signal)).index;
    await jobs.waitFor(
      { exec: (output: string) => /\[two\] \S+ DPS export: (ok|failed)/.exec(output.slice(startedAt)) } as RegExp,
      t.signal,
    );

    const off = await cli(['profile', 'jobs', 'two', 'off'], env);
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /The scheduled jobs of profile two are off now\./);
    assert.equal(await jobsOf('two'), false);
    await jobs.waitFor(/Profile two: its jobs were switched off, so they stopped\./, t.signal);
    assert.equal(jobs.child.exitCode, null, 'still running, for profile one');
  } finally {
    await jobs.stop();
  }
  assert.equal(await jobsOf('one'), true, 'profile one is untouched');
  const left = (await readdir(profileDir('two'))).filter((name) => name.endsWith('.tmp'));
  assert.deepEqual(left, [], 'nothing half-written is left beside settings.json');
});

test('`profile jobs` says when nothing changes, and refuses a word other than on or off, or a profile not listed', async () => {
  const env = { MESH_DATA_DIR: dataDir };
  const again = await cli(['profile', 'jobs', 'two', 'off'], env);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /were already off; nothing changed/);

  const maybe = await cli(['profile', 'jobs', 'two', 'maybe'], env);
  assert.equal(maybe.code, 2);
  assert.match(maybe.stderr, /^mesh-console: Say whether the jobs go on or off: .*not "maybe"\.\n$/);
  assert.equal(await jobsOf('two'), false);

  const nobody = await cli(['profile', 'jobs', 'three', 'on'], env);
  assert.equal(nobody.code, 2);
  assert.match(nobody.stderr, /^mesh-console: There is no profile called three; the profiles are local, one, two\.\n$/);

  const list = await cli(['profile', 'list', '--json'], env);
  const two = (JSON.parse(list.stdout) as { name: string; jobs?: boolean }[]).find((p) => p.name === 'two');
  assert.equal(two?.jobs, false);
});
