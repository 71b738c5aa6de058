// Exactly once, with real processes: in each of 20 rounds new records arrive and two exporters
// start together on one data folder (two `mesh-console dps-export`; the app's service and a
// `dps-export`; `mesh-console jobs` catching up its nightly export and a `dps-export`), against
// a local MESH server in a process of its own. Then DPS's mailbox is counted record by record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import type { VaccinationRecord } from '../../main/dps/record';
import type { MeshClient } from '../../main/mesh';
import { createConsoleService, type ConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { openStores } from '../../main/store/open-stores';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { BIN, cli, type CliResult } from '../cli/cli-support';
import { receivedRecordIds, startSandbox, type SandboxProcess } from './dps-receiver';

const ROUNDS = 20;
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** An exporter's outcome is a clean export or the plain "another export is running" sentence. */
function assertCleanExporter(result: CliResult, label: string): void {
  assert.doesNotMatch(result.stderr, STACK_TRACE, `${label}: no stack trace`);
  if (result.code === 0) return;
  assert.equal(result.code, 1, `${label}: ${result.stderr}`);
  assert.match(result.stderr, /Another DPS export is running in this data folder, so this one sent nothing.*process \d+/, label);
}

/** `mesh-console jobs` with the nightly export overdue, so it runs at once; stopped once it has. */
async function jobsCatchingUp(env: Record<string, string>, dataDir: string): Promise<CliResult> {
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await writeFile(
    join(dataDir, 'jobs.json'),
    JSON.stringify({ version: 1, enabledSince: twoDaysAgo, jobs: { dpsExport: { lastRunAt: twoDaysAgo } } }),
  );
  const child = spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exported = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/DPS export: (ok|failed)/.test(stderr)) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await Promise.race([exported, exited]);
  child.kill('SIGTERM');
  return { code: await exited, stdout, stderr };
}

test(
  `two exporters at once on one data folder, ${ROUNDS} rounds: DPS gets every record exactly once, and every ` +
    `file it got is in the history`,
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-concurrent-'));
    const dataDir = join(dir, 'console');
    const administered = new Set<string>();
    let sandbox: SandboxProcess | undefined;
    let service: ConsoleService | undefined;
    let dps: MeshClient | undefined;
    try {
      sandbox = await startSandbox(join(dir, 'mesh'));
      const env = sandbox.consoleEnv(dataDir);
      await openStores(dataDir).then((s) => s.close());
      await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mesh_jobs: true }));
      service = await createConsoleService({
        dataDir,
        env,
        ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
        startScheduler: false,
      });
      const app = service;
      dps = sandbox.client('X26ABC2');
      for (let round = 0; round < ROUNDS; round++) {
        // New records arrive (this test process is one more writer of the folder).
        const arriving: VaccinationRecord[] = generateDemoRecords(24, { seed: 1000 + round });
        const importer = await openStores<VaccinationRecord>(dataDir);
        assert.equal((await importer.records.applyImport(arriving)).added, arriving.length);
        await importer.close();
        for (const r of arriving) if (r.outcome === 'administered') administered.add(r.record_id);

        const kind = round % 3;
        if (kind === 0) {
          const [a, b] = await Promise.all([cli(['dps-export'], env), cli(['dps-export'], env)]);
          assertCleanExporter(a, `round ${round}, first dps-export`);
          assertCleanExporter(b, `round ${round}, second dps-export`);
        } else if (kind === 1) {
          const [fromApp, fromCli] = await Promise.allSettled([app.runExport(), cli(['dps-export'], env)]);
          if (fromApp.status === 'rejected') assert.match(String(fromApp.reason), /Another DPS export is running/, `round ${round}, app`);
          assert.equal(fromCli.status, 'fulfilled');
          assertCleanExporter((fromCli as PromiseFulfilledResult<CliResult>).value, `round ${round}, dps-export beside the app`);
        } else {
          const [jobs, fromCli] = await Promise.all([jobsCatchingUp(env, dataDir), cli(['dps-export'], env)]);
          assert.equal(jobs.code, 0, `round ${round}, jobs: ${jobs.stderr}`);
          assert.doesNotMatch(jobs.stderr, STACK_TRACE);
          assertCleanExporter(fromCli, `round ${round}, dps-export beside jobs`);
        }
      }
      // Whatever lost a race is sent by the next export: one more settles everything.
      const last = await cli(['dps-export'], env);
      assertCleanExporter(last, 'the last export');

      const { times, messageIds } = await receivedRecordIds(dps);
      const twice = [...times].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'no record reached DPS twice');
      assert.deepEqual(
        [...administered].filter((id) => !times.has(id)),
        [],
        'every administered record reached DPS',
      );
      assert.equal(times.size, administered.size, 'and nothing else');

      const stores = await openStores<VaccinationRecord>(dataDir);
      const history = stores.exports.list();
      await stores.close();
      const inHistory = new Set(history.filter((e) => e.status === 'accepted').map((e) => e.messageId));
      assert.deepEqual(
        messageIds.filter((id) => !inHistory.has(id)),
        [],
        'every file DPS got is an accepted export in the history',
      );
      assert.equal(history.filter((e) => e.status === 'pending').length, 0, 'nothing left pending');
      assert.deepEqual(
        (await readdir(dataDir)).filter((name) => name.endsWith('.tmp')),
        [],
        'no temporary file left',
      );
      const owners = await readdir(join(dataDir, 'locks'));
      assert.deepEqual(
        owners.filter((name) => name.endsWith('.lock')),
        [],
        'no lock left behind',
      );
    } finally {
      await service?.close();
      await dps?.close();
      await sandbox?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test('a second exporter that cannot get the lock in time says who holds it, since when, and sends nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-busy-'));
  const sandbox = await startSandbox(join(dir, 'mesh'));
  const dataDir = join(dir, 'console');
  const env = { ...sandbox.consoleEnv(dataDir), MESH_LOCK_WAIT_SECONDS: '1' };
  const dps = sandbox.client('X26ABC2');
  const stores = await openStores<VaccinationRecord>(dataDir, { purpose: 'the test holding the export lock' });
  try {
    await stores.records.applyImport(generateDemoRecords(10, { seed: 5 }));
    let busy: CliResult | undefined;
    await stores.exportLock.run(async () => {
      busy = await cli(['dps-export'], env);
    });
    assert.equal(busy!.code, 1);
    assert.match(
      busy!.stderr,
      new RegExp(
        `Another DPS export is running in this data folder, so this one sent nothing.*process ${process.pid}, the test ` +
          `holding the export lock, since \\S+`,
      ),
    );
    assert.match(
      busy!.stderr,
      new RegExp(`Waiting up to 1 s for another DPS export in this data folder to finish \\(process ${process.pid}, `),
      'it said what it waited for',
    );
    assert.doesNotMatch(busy!.stderr, STACK_TRACE);
    assert.deepEqual(await dps.inboxAll(), [], 'nothing was sent');
    assert.equal(JSON.parse(await readFile(join(dataDir, 'exports.json'), 'utf8').catch(() => '{"exports":[]}')).exports.length, 0);
  } finally {
    await stores.close();
    await dps.close();
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
