// `mesh-console dps-export` killed with SIGKILL at random moments (while claiming, writing the
// CSV, uploading chunks, recording MESH's answer), round after round, with new records arriving
// between rounds; then one export that finishes. DPS must have every record exactly once: a file
// MESH accepted is found again by its local id, one it never completed is freed and sent again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords, mulberry32 } from '../../main/dps/demo-records';
import type { VaccinationRecord } from '../../main/dps/record';
import { openStores } from '../../main/store/open-stores';
import { BIN, cli } from '../cli/cli-support';
import { receivedRecordIds, startSandbox, type SandboxProcess } from './dps-receiver';

const ROUNDS = 8;

test(
  `dps-export killed with SIGKILL at random moments, ${ROUNDS} rounds, then one that finishes: DPS has every ` + `record exactly once`,
  async () => {
    const seed = Number(process.env.MESH_TEST_SEED ?? Date.now() % 100_000);
    // Seeded, so a failing run can be repeated with the same moments.
    const random = mulberry32(seed);
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-killed-'));
    const dataDir = join(dir, 'console');
    let sandbox: SandboxProcess | undefined;
    try {
      sandbox = await startSandbox(join(dir, 'mesh'));
      // Small chunks, so a kill often lands between two chunks of one file.
      const env = sandbox.consoleEnv(dataDir);
      const exportArgs = ['dps-export', '--chunk-size', String(16 * 1024)];
      const administered = new Set<string>();
      const killedAt: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const arriving = generateDemoRecords(150, { seed: 500 + round });
        const stores = await openStores<VaccinationRecord>(dataDir);
        await stores.records.applyImport(arriving);
        await stores.close();
        for (const r of arriving) if (r.outcome === 'administered') administered.add(r.record_id);

        const child = spawn(process.execPath, [BIN, ...exportArgs], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
        child.stdout.resume();
        child.stderr.resume();
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // The random moment is the point of this test: anywhere from start-up to the end of the run.
        const delay = Math.floor(random() * 2500);
        killedAt.push(delay);
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, delay))]);
        child.kill('SIGKILL');
        await exited;
      }
      const last = await cli(exportArgs, env);
      assert.equal(last.code, 0, `seed ${seed}, kills at ${killedAt.join(', ')} ms: ${last.stderr}`);

      const dps = sandbox.client('X26ABC2');
      const { times } = await receivedRecordIds(dps);
      await dps.close();
      const context = `seed ${seed} (MESH_TEST_SEED), kills at ${killedAt.join(', ')} ms`;
      assert.deepEqual(
        [...times].filter(([, n]) => n > 1),
        [],
        `no record reached DPS twice; ${context}`,
      );
      assert.deepEqual(
        [...administered].filter((id) => !times.has(id)),
        [],
        `every record reached DPS; ${context}`,
      );
      assert.equal(times.size, administered.size, context);

      const stores = await openStores<VaccinationRecord>(dataDir);
      assert.equal(stores.exports.list({ status: 'pending' }).length, 0, 'nothing left pending');
      assert.equal(await stores.historyProblem(), undefined, 'history and records agree');
      await stores.close();
      assert.deepEqual(
        (await readdir(dataDir)).filter((name) => name.endsWith('.tmp')),
        [],
        'no temporary file left behind',
      );
    } finally {
      await sandbox?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
