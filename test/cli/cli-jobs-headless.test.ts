// `mesh-console jobs` on a server without the app: a process of its own, against a MESH server
// process of its own, with the handshake and the nightly export set a minute or so ahead. They
// must run at their time, and the process must still be there afterwards, until SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import type { VaccinationRecord } from '../../main/dps/record';
import { openStores } from '../../main/store/open-stores';
import { receivedRecordIds, startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { BIN, watchProcess, type WatchedProcess } from './cli-support';

/** The London wall-clock minute at least 20 s from now, as HH:MM: late enough for the process to have started. */
function londonMinuteAhead(): string {
  const at = new Date(Date.now() + 20_000 + 60_000);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

test('`mesh-console jobs` runs the handshake and the DPS export at their times, headless, and keeps running until SIGTERM', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-jobs-headless-'));
  const dataDir = join(dir, 'console');
  let sandbox: SandboxProcess | undefined;
  let jobs: WatchedProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    const at = londonMinuteAhead();
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mesh_jobs: true, job_times: { handshake: at, dps_export: at } }));
    // Switched on a minute ago, last handshake two hours ago (past its hourly floor, within its
    // 24 hours): nothing scheduled is due at start.
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await writeFile(
      join(dataDir, 'jobs.json'),
      JSON.stringify({
        version: 1,
        enabledSince: new Date(Date.now() - 60_000).toISOString(),
        jobs: { handshake: { lastRunAt: twoHoursAgo, lastResult: 'ok' } },
      }),
    );
    const stores = await openStores<VaccinationRecord>(dataDir);
    const records = generateDemoRecords(40, { seed: 99 });
    await stores.records.applyImport(records);
    await stores.close();

    jobs = watchProcess(
      spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...sandbox.consoleEnv(dataDir) } }),
    );
    const { child } = jobs;
    // Each wait fails at once if the process ends first; the test's own timeout is the only limit.
    await jobs.waitFor(/DPS export: ok/, t.signal);
    await jobs.waitFor(/Validate mailbox: ok/, t.signal);
    assert.doesNotMatch(jobs.output().split('Scheduled jobs running')[0]!, /DPS export: ok/, 'the export ran at its time, not at start');
    assert.equal(child.exitCode, null, 'still running after the jobs');

    const dps = sandbox.client('X26ABC2');
    const { times } = await receivedRecordIds(dps);
    await dps.close();
    const administered = records.filter((r) => r.outcome === 'administered').map((r) => r.record_id);
    assert.deepEqual(
      administered.filter((id) => times.get(id) !== 1),
      [],
      'DPS got every record once',
    );
    assert.equal(child.exitCode, null, 'still running');

    child.kill('SIGTERM');
    // Closed, not just exited: everything it printed has been read.
    assert.equal(await jobs.closed, 0, jobs.output());
    assert.match(jobs.output(), /SIGTERM: stopping/);
    assert.match(jobs.output(), /Stopped\./);
  } finally {
    await jobs?.stop();
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('`mesh-console jobs` stopped with SIGTERM while the export runs finishes it, releases the lock and exits 0', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-jobs-sigterm-'));
  const dataDir = join(dir, 'console');
  let sandbox: SandboxProcess | undefined;
  let jobs: WatchedProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mesh_jobs: true }));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await writeFile(
      join(dataDir, 'jobs.json'),
      JSON.stringify({ version: 1, enabledSince: twoDaysAgo, jobs: { dpsExport: { lastRunAt: twoDaysAgo } } }),
    );
    const stores = await openStores<VaccinationRecord>(dataDir);
    await stores.records.applyImport(generateDemoRecords(2000, { seed: 3 }));
    await stores.close();

    jobs = watchProcess(
      spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...sandbox.consoleEnv(dataDir) } }),
    );
    await jobs.waitFor(/DPS export: running/, t.signal);
    jobs.child.kill('SIGTERM');
    assert.equal(await jobs.closed, 0, jobs.output());
    assert.match(jobs.output(), /DPS export: (ok|failed)/, 'the running export finished');

    const after = await openStores<VaccinationRecord>(dataDir);
    const pending = after.exports.list({ status: 'pending' });
    const lock = await after.exportLock.owner();
    await after.close();
    assert.deepEqual(pending, [], 'nothing left half-done');
    assert.equal(lock, undefined, 'the export lock was released');
  } finally {
    await jobs?.stop();
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
