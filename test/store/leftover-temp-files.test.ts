// A process killed between creating writeFileAtomic's temporary file and renaming it leaves the
// file behind; opening the stores removes such leftovers, and only those.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { removeLeftoverTempFiles, tempFileFor } from '../../main/files/atomic-write';
import { openTestStores, tempDir } from './helpers';

async function pidOfAKilledProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  return child.pid!;
}

test("a killed process's temporary files go at open; a running writer's, another machine's and a young older one stay", async () => {
  const dir = await tempDir();
  const target = join(dir, 'exports.json');
  const ofKilled = tempFileFor(target, await pidOfAKilledProcess());
  const ofRunning = tempFileFor(target, process.pid);
  const ofAnotherMachine = join(dir, `.exports.json.another-machine.${await pidOfAKilledProcess()}.0123abcd.tmp`);
  const olderVersionOld = join(dir, '.sent.json.89abcdef.tmp');
  const olderVersionYoung = join(dir, '.settings.json.fedcba98.tmp');
  for (const file of [ofKilled, ofRunning, ofAnotherMachine, olderVersionOld, olderVersionYoung]) await writeFile(file, '{"half":');
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  await utimes(olderVersionOld, twoHoursAgo, twoHoursAgo);

  const stores = await openTestStores(dir);
  await stores.close();

  const left = (await readdir(dir)).filter((name) => name.endsWith('.tmp')).sort();
  assert.deepEqual(left, [ofRunning, ofAnotherMachine, olderVersionYoung].map((file) => basename(file)).sort());
});

test('a folder that cannot be listed is no reason to fail', async () => {
  await removeLeftoverTempFiles(join(await tempDir(), 'not-there'));
});
