import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../preload/api';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { writeRecords } from '../../main/dps/write-records';
import type { ConsoleService } from '../../main/app/service';
import { NOTICE_TOPICS } from '../../main/domain';
import { startTestService } from './service-support';

/** The first notice matching the pattern, already emitted or still to come. */
function noticeMatching(service: ConsoleService, events: ConsoleEvent[], pattern: RegExp): Promise<ConsoleEvent> {
  const matches = (event: ConsoleEvent) => event.type === 'notice' && pattern.test(event.text);
  const found = events.find(matches);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const unsubscribe = service.subscribe((event) => {
      if (!matches(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}

/** Puts a file in the folder whole, as a careful script does: written under another name, then renamed. */
async function drop(path: string, write: (temp: string) => Promise<unknown>): Promise<void> {
  const temp = `${path}.partial`;
  await write(temp);
  await rename(temp, path);
}

test(
  'the console imports a file dropped in the inbound folder and tells the operator; a bad file is refused and said so',
  { timeout: 120_000 },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-service-inbound-'));
    const dataDir = join(dir, 'data');
    const inbound = join(dir, 'inbound');
    await mkdir(dataDir);
    await mkdir(inbound);
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ inbound_folder: inbound }));
    // The folder is looked at every 20 ms and a file is taken on the second look that finds it
    // unchanged (test/inbound proves the settle time itself, on a clock of its own).
    const service = await startTestService(dataDir, { startScheduler: false, inboundFolderTiming: { intervalMs: 20, settleMs: 0 } });
    const events: ConsoleEvent[] = [];
    const unsubscribe = service.subscribe((event) => events.push(event));
    try {
      const before = (await service.records()).reduce((sum, row) => sum + row.total, 0);
      await drop(join(inbound, 'tonight.csv'), (temp) => writeRecords(generateDemoRecords(25, { seed: 21 }), temp, 'csv'));
      const imported = await noticeMatching(service, events, /Imported tonight\.csv from the inbound folder: 25 added/);
      assert.equal(imported.type === 'notice' && imported.level, 'info');
      assert.equal(
        (await service.records()).reduce((sum, row) => sum + row.total, 0),
        before + 25,
      );

      await drop(join(inbound, 'broken.csv'), (temp) => writeFile(temp, 'not,a,records,file\n1,2,3,4\n'));
      const refused = await noticeMatching(service, events, /broken\.csv in the inbound folder was refused .* nothing was imported/);
      assert.equal(refused.type === 'notice' && refused.level, 'error');
      assert.equal(
        (await service.records()).reduce((sum, row) => sum + row.total, 0),
        before + 25,
        'nothing imported from the bad file',
      );
      assert.deepEqual((await readdir(inbound)).sort(), ['failed', 'imported']);
      assert.equal(refused.type === 'notice' && refused.topic, NOTICE_TOPICS.inboundFolder, 'the refusal has a topic to clear');

      // The next file imported well clears the refusal (its error report stays beside the file).
      const refusedAt = events.indexOf(refused);
      await drop(join(inbound, 'fixed.csv'), (temp) => writeRecords(generateDemoRecords(5, { seed: 22 }), temp, 'csv'));
      await noticeMatching(service, events, /Imported fixed\.csv from the inbound folder: 5 added/);
      const cleared = events.slice(refusedAt).filter((event) => event.type === 'resolved' && event.topic === NOTICE_TOPICS.inboundFolder);
      assert.equal(cleared.length, 1, 'the good import cleared the refusal');
    } finally {
      unsubscribe();
      await service.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
