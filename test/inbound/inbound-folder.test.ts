import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { InboundFolderWatcher } from '../../main/operations/inbound-folder';
import { writeRecords } from '../../main/dps/write-records';
import type { VaccinationRecord } from '../../main/dps/record';
import { openStores } from '../../main/store/open-stores';
import { importRecordsFile } from '../../main/operations/import-records';

test(
  'a dropped file is imported once it has settled, then moved; a bad one goes to failed/ with its errors, ' + 'changing nothing',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-inbound-'));
    const inbound = join(dir, 'inbound');
    const dataDir = join(dir, 'data');
    const stores = await openStores<VaccinationRecord>(dataDir);
    let clock = 1_000_000;
    const imported: string[] = [];
    const watcher = new InboundFolderWatcher(inbound, (path) => importRecordsFile(stores, path), {
      settleMs: 5_000,
      now: () => clock,
      onImported: (name, result) => imported.push(`${name}:${result.ok}`),
    });
    try {
      await writeRecords(generateDemoRecords(30, { seed: 3 }), join(dir, 'good.csv'), 'csv');
      const good = await readFile(join(dir, 'good.csv'), 'utf8');
      const [header, ...rows] = good.trimEnd().split('\r\n');
      await mkdir(inbound);

      // Half written: the first look sees it, the next look sees it grown: not taken.
      await writeFile(join(inbound, 'records.csv'), `${header}\r\n${rows.slice(0, 10).join('\r\n')}\r\n`);
      await watcher.scan();
      clock += 6_000;
      await appendFile(join(inbound, 'records.csv'), `${rows.slice(10).join('\r\n')}\r\n`);
      await watcher.scan();
      assert.equal(stores.records.size, 0, 'a file still changing is not imported');
      clock += 6_000;
      await watcher.scan();
      assert.equal(stores.records.size, 30, 'the settled file is imported whole');
      assert.deepEqual(imported, ['records.csv:true']);
      assert.equal((await readdir(join(inbound, 'imported'))).length, 1);

      const bad = good.replace(/999\d{7}/, '9990000000');
      await writeFile(join(inbound, 'bad.csv'), bad.replace(rows[0]!.split(',')[1]!, 'not-a-uuid'));
      await watcher.scan();
      clock += 6_000;
      await watcher.scan();
      const failed = await readdir(join(inbound, 'failed'));
      assert.equal(failed.length, 2, 'the file and its error report');
      const report = await readFile(
        join(
          inbound,
          'failed',
          failed.find((f) => f.endsWith('.errors.csv'))!,
        ),
        'utf8',
      );
      assert.match(report, /nothing from it was stored/);
      assert.match(report, /^2,/m, 'the bad row is named by its line');
      assert.equal(stores.records.size, 30, 'the bad file changed nothing');
      assert.deepEqual((await readdir(inbound)).sort(), ['failed', 'imported']);
    } finally {
      await watcher.stop();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
