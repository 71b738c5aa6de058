// A second export of a programme on the same day never repeats the first's file name
// (docs/dps-file.md, "File naming"): `-2`, `-3`, ... one past the highest in the history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dpsFileName, nextDpsFileName } from '../../main/dps/dps-csv';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { runExports } from '../../main/exports/run';
import { exportFixture } from './export-fixture';

const DAY = new Date('2026-12-02T10:00:00Z');

test('the day’s first file has no number; later ones count on from the highest in the history', () => {
  assert.equal(dpsFileName('hpv', DAY, 1), 'Vaccinations-HPV-2026-12-02.csv');
  assert.equal(dpsFileName('hpv', DAY, 2), 'Vaccinations-HPV-2026-12-02-2.csv');
  assert.throws(() => dpsFileName('hpv', DAY, 0), /sequence of 1 or more/);
  assert.equal(nextDpsFileName('hpv', DAY, []), 'Vaccinations-HPV-2026-12-02.csv');
  assert.equal(nextDpsFileName('hpv', DAY, ['Vaccinations-HPV-2026-12-02.csv']), 'Vaccinations-HPV-2026-12-02-2.csv');
  assert.equal(
    nextDpsFileName('hpv', DAY, ['Vaccinations-HPV-2026-12-02.csv', 'Vaccinations-HPV-2026-12-02-3.csv']),
    'Vaccinations-HPV-2026-12-02-4.csv',
    'one past the highest, so the day’s files sort in the order they were sent',
  );
  // Other days and other programmes do not count.
  assert.equal(
    nextDpsFileName('hpv', DAY, [
      'Vaccinations-HPV-2026-12-01.csv',
      'Vaccinations-Flu-2026-12-02.csv',
      'Vaccinations-HPV-2026-12-02-x.csv',
    ]),
    'Vaccinations-HPV-2026-12-02.csv',
  );
});

test('two exports of the same programme on the same day reach DPS under two names', async () => {
  const f = await exportFixture(40);
  try {
    const context = f.context({ now: () => DAY });
    const first = (await runExports(context, 'hpv'))[0]!;
    assert.equal(first.status, 'accepted', first.error);
    assert.equal(first.fileName, 'Vaccinations-HPV-2026-12-02.csv');

    // New records arrive later the same day, and the operator exports again.
    const more = generateDemoRecords(40, { seed: 99 }).filter((r) => r.programme === 'hpv');
    await f.stores.records.applyImport(more);
    const second = (await runExports(context, 'hpv'))[0]!;
    assert.equal(second.status, 'accepted', second.error);
    assert.ok(second.recordCount > 0, 'the second run has records to send');
    assert.equal(second.fileName, 'Vaccinations-HPV-2026-12-02-2.csv');
    assert.equal((await f.dps.metadata(second.messageId!)).fileName, 'Vaccinations-HPV-2026-12-02-2.csv', 'DPS sees the new name');
    assert.deepEqual(
      f.stores.exports
        .list({ programme: 'hpv' })
        .map((e) => e.fileName)
        .sort(),
      ['Vaccinations-HPV-2026-12-02-2.csv', 'Vaccinations-HPV-2026-12-02.csv'],
    );
  } finally {
    await f.close();
  }
});
