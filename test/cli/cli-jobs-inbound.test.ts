import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { writeRecords } from '../../main/dps/write-records';
import { BIN } from './cli-support';

test('`mesh-console jobs` also watches the configured inbound folder: a dropped file is imported and moved', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-inbound-'));
  const dataDir = join(dir, 'data');
  const inbound = join(dir, 'inbound');
  try {
    await mkdir(dataDir);
    await mkdir(inbound);
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ inbound_folder: inbound }));
    await writeRecords(generateDemoRecords(30, { seed: 11 }), join(inbound, 'tonight.csv'), 'csv');

    const child = spawn(process.execPath, [BIN, 'jobs', '--enable'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: dataDir } });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no import within 40 s:\n${output}`)), 40_000);
      child.stderr.on('data', () => {
        if (/Imported tonight\.csv from the inbound folder: 30 added/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`jobs stopped:\n${output}`)));
    });
    child.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, new RegExp(`Watching the inbound folder ${inbound.replace(/[.]/g, '\\.')}`));
    assert.deepEqual(await readdir(inbound), ['imported']);
    assert.match((await readdir(join(inbound, 'imported'))).join(), /-tonight\.csv$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
