import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { claimUnsentForExport } from '../../main/store/claim-unsent';
import { watchProcess } from '../support/child-process';
import { openTestStores, sampleRecord, tempDir, type TestRecord } from './helpers';

interface ExportsFile {
  exports: { id: string; status: string; recordIds: string[] }[];
}

test('a process killed while claiming never leaves a record claimed without its export, nor in two live exports', async (t) => {
  const dir = await tempDir();
  const setup = await openTestStores<TestRecord>(dir);
  await setup.records.applyImport(Array.from({ length: 5_000 }, (_, i) => sampleRecord(i)));

  for (const delay of [100, 300]) {
    const child = watchProcess(
      spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'claim-loop.ts'), dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
      ['stdout'],
    );
    try {
      // Killed only once it has written a few exports, however slow the machine is (and the
      // test fails at once if it ends before that). The delay after is not a wait for anything:
      // it only moves the moment of the kill to somewhere else in the claim loop.
      await child.waitFor(/working/, t.signal);
      await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      await child.stop('SIGKILL');
    }

    const file = JSON.parse(await readFile(join(dir, 'exports.json'), 'utf8')) as ExportsFile;
    const holders = new Map<string, number>();
    for (const e of file.exports) {
      if (!['pending', 'accepted', 'acknowledged'].includes(e.status)) continue;
      for (const id of e.recordIds) holders.set(id, (holders.get(id) ?? 0) + 1);
    }
    assert.ok(file.exports.length > 0, 'the child got some work done');
    assert.ok(
      [...holders.values()].every((n) => n === 1),
      'no record is in two live exports',
    );

    const reopened = await openTestStores<TestRecord>(dir);
    assert.deepEqual(reopened.notices, []);
    const held = new Set(holders.keys());
    for (const summary of reopened.records.summary()) {
      const claimed = reopened.records.list({ programme: summary.programme }).filter((r) => held.has(r.record_id)).length;
      assert.equal(summary.unsent, summary.total - claimed, 'the claims read back are exactly those in the exports file');
    }
  }
});

test('claimUnsentForExport takes the unsent administered records of one programme, in CSV order, or nothing', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  await stores.records.applyImport([sampleRecord(8), sampleRecord(0), sampleRecord(4, { outcome: 'refused' }), sampleRecord(1)]);
  const claimed = await claimUnsentForExport(stores, { programme: 'flu', fileName: 'Vaccinations-Flu-2026-11-25.csv' });
  assert.deepEqual(
    claimed?.records.map((r) => r.record_id),
    [sampleRecord(0).record_id, sampleRecord(8).record_id],
  );
  assert.deepEqual(
    claimed?.exported.recordIds,
    claimed?.records.map((r) => r.record_id),
  );
  assert.equal(await claimUnsentForExport(stores, { programme: 'flu', fileName: 'again.csv' }), undefined);
  assert.equal(await claimUnsentForExport(stores, { programme: 'menacwy', fileName: 'none.csv' }), undefined);
});

test('the notice for an unreadable file does not quote its contents', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'records.json'), '{"records":[{"record":{"given_name":"Brenton","family_name":"Waters"');
  const stores = await openTestStores<TestRecord>(dir);
  const message = stores.notices[0]!.message;
  assert.ok(!message.includes('Brenton') && !message.includes('Waters'));
});
