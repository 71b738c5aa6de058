import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuplicateRecordIdError } from '../../main/store/records-store';
import { openTestStores, sampleRecord, tempDir, type TestRecord } from './helpers';

test('import adds new records, counts unchanged ones, updates unsent changed ones, in one write that survives reopening', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  const first = await stores.records.applyImport([sampleRecord(1), sampleRecord(2), sampleRecord(3)]);
  assert.deepEqual(first, { added: 3, updated: 0, unchanged: 0, changedAfterSent: [] });

  const second = await stores.records.applyImport([
    sampleRecord(1),
    sampleRecord(2, { given_name: 'Renamed' }),
    sampleRecord(3, { postcode: 'AB1 2CD', dose_sequence: undefined }),
    sampleRecord(4),
  ]);
  assert.deepEqual(second, { added: 1, updated: 2, unchanged: 1, changedAfterSent: [] });

  const reopened = await openTestStores<TestRecord>(dir);
  assert.equal(reopened.records.size, 4);
  assert.equal(reopened.records.get(sampleRecord(2).record_id)!.record.given_name, 'Renamed');
  const third = reopened.records.get(sampleRecord(3).record_id)!.record;
  assert.equal(third.postcode, 'AB1 2CD');
  assert.equal('dose_sequence' in third, false);
  // An undefined field and an absent one are the same: re-importing 3 as it now is changes nothing.
  const again = await reopened.records.applyImport([sampleRecord(3, { postcode: 'AB1 2CD', dose_sequence: undefined })]);
  assert.deepEqual(again, { added: 0, updated: 0, unchanged: 1, changedAfterSent: [] });
});

test('records already sent are not changed by a re-import; the difference is reported with its fields', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  await stores.records.applyImport([sampleRecord(0), sampleRecord(4), sampleRecord(8)]);
  const exported = await stores.exports.createPending({
    programme: 'flu',
    fileName: 'Vaccinations-Flu-2026-11-25.csv',
    recordIds: [sampleRecord(0).record_id, sampleRecord(4).record_id],
  });
  const outcome = await stores.records.applyImport([
    sampleRecord(0, { family_name: 'Changed', postcode: 'X1 1XX' }),
    sampleRecord(4),
    sampleRecord(8, { family_name: 'Changed' }),
  ]);
  assert.deepEqual(outcome, {
    added: 0,
    updated: 1,
    unchanged: 1,
    changedAfterSent: [{ recordId: sampleRecord(0).record_id, fields: ['family_name', 'postcode'], exportId: exported.id }],
  });
  assert.equal(stores.records.get(sampleRecord(0).record_id)!.record.family_name, 'Family0');
  assert.equal(stores.records.get(sampleRecord(8).record_id)!.record.family_name, 'Changed');
});

test('an import naming one record twice changes nothing', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  await stores.records.applyImport([sampleRecord(1)]);
  await assert.rejects(
    stores.records.applyImport([sampleRecord(2), sampleRecord(1, { given_name: 'X' }), sampleRecord(2)]),
    (error: Error) => error instanceof DuplicateRecordIdError && /record_id .*-000000000002 more than once/.test(error.message),
  );
  assert.equal(stores.records.size, 1);
  assert.equal(stores.records.get(sampleRecord(1).record_id)!.record.given_name, 'Given1');
});

test('an import whose write fails changes nothing, in memory or on disk', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  await stores.records.applyImport([sampleRecord(1)]);
  const before = await readFile(join(dir, 'records.json'), 'utf8');
  // A folder where the writer's temporary file should go makes the write fail (even for root).
  await mkdir(join(dir, '.records.json.tmp'));
  await assert.rejects(stores.records.applyImport([sampleRecord(1, { given_name: 'New' }), sampleRecord(2)]));
  await rm(join(dir, '.records.json.tmp'), { recursive: true });
  assert.equal(stores.records.size, 1);
  assert.equal(stores.records.get(sampleRecord(1).record_id)!.record.given_name, 'Given1');
  assert.equal(stores.records.get(sampleRecord(2).record_id), undefined);
  assert.equal(await readFile(join(dir, 'records.json'), 'utf8'), before);
});

test('unsent administered records per programme, in recorded order, and the per-programme summary', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  await stores.records.applyImport([
    sampleRecord(8, { recorded_at: '2026-09-01T10:00:00+01:00' }), // 09:00Z
    sampleRecord(4, { recorded_at: '2026-09-01T09:30:00Z' }),
    sampleRecord(0, { recorded_at: '2026-09-01T09:00:00Z' }), // same instant as 8: record_id decides
    sampleRecord(12, { outcome: 'refused' }),
    sampleRecord(1),
  ]);
  assert.deepEqual(
    stores.records.unsentAdministered('flu').map((r) => r.record_id),
    [sampleRecord(0).record_id, sampleRecord(8).record_id, sampleRecord(4).record_id],
  );
  await stores.exports.createPending({ programme: 'flu', fileName: 'f.csv', recordIds: [sampleRecord(4).record_id] });
  assert.deepEqual(
    stores.records.unsentAdministered('flu').map((r) => r.record_id),
    [sampleRecord(0).record_id, sampleRecord(8).record_id],
  );
  assert.deepEqual(stores.records.sentState(sampleRecord(4).record_id)?.status, 'pending');
  assert.deepEqual(stores.records.summary(), [
    { programme: 'flu', unsent: 2, total: 4 },
    { programme: 'hpv', unsent: 1, total: 1 },
    { programme: 'menacwy', unsent: 0, total: 0 },
    { programme: 'td_ipv', unsent: 0, total: 0 },
  ]);
});

// How fast this is belongs to the bench (npm run bench): here, only that it is right.
test('100,000 records import in one write and reopen', async () => {
  const dir = await tempDir();
  const stores = await openTestStores<TestRecord>(dir);
  const records = Array.from({ length: 100_000 }, (_, i) => sampleRecord(i));
  const outcome = await stores.records.applyImport(records);
  assert.equal(outcome.added, 100_000);

  const second = await stores.records.applyImport(records.map((r, i) => (i % 10 === 0 ? { ...r, given_name: 'Changed' } : r)));
  assert.deepEqual([second.updated, second.unchanged], [10_000, 90_000]);

  const reopened = await openTestStores<TestRecord>(dir);
  assert.equal(reopened.records.size, 100_000);
  assert.equal(reopened.records.unsentAdministered('hpv').length, 25_000);
  assert.equal(reopened.records.get(sampleRecord(10).record_id)!.record.given_name, 'Changed');
});
