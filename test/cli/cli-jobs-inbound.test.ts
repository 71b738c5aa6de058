import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { writeRecords } from '../../main/dps/write-records';
import { BIN, watchProcess, type WatchedProcess } from './cli-support';

test('`mesh-console jobs` also watches the configured inbound folder: a dropped file is imported and moved', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-inbound-'));
  const dataDir = join(dir, 'data');
  const inbound = join(dir, 'inbound');
  let jobs: WatchedProcess | undefined;
  try {
    await mkdir(dataDir);
    await mkdir(inbound);
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ inbound_folder: inbound }));
    await writeRecords(generateDemoRecords(30, { seed: 11 }), join(inbound, 'tonight.csv'), 'csv');

    jobs = watchProcess(
      spawn(process.execPath, [BIN, 'jobs', '--enable'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: dataDir },
      }),
    );
    await jobs.waitFor(/Imported tonight\.csv from the inbound folder: 30 added/, t.signal);
    jobs.child.kill('SIGINT');
    assert.equal(await jobs.closed, 0, jobs.output());
    const output = jobs.output();
    assert.match(output, new RegExp(`Watching the inbound folder ${inbound.replace(/[.]/g, '\\.')}`));
    assert.deepEqual(await readdir(inbound), ['imported']);
    assert.match((await readdir(join(inbound, 'imported'))).join(), /-tonight\.csv$/);
  } finally {
    // Killed (if a wait gave up) and gone before its folders are removed.
    await jobs?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
