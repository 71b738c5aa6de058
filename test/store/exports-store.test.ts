import assert from 'node:assert/strict';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ExportStatus } from '../../preload/api';
import { IllegalExportTransitionError } from '../../main/store/export-transitions';
import { exportDetail } from '../../main/exports/views';
import { RecordAlreadyClaimedError } from '../../main/store/exports-store';
import { openTestStores, sampleRecord, tempDir, type TestRecord } from './helpers';

const ids = (...ns: number[]) => ns.map((n) => sampleRecord(n).record_id);

async function setup() {
  const dir = await tempDir();
  let clock = Date.parse('2026-11-25T02:00:00Z');
  const now = () => new Date(clock);
  const stores = await openTestStores<TestRecord>(dir, { now });
  await stores.records.applyImport([0, 4, 8, 12].map((n) => sampleRecord(n)));
  return { dir, stores, now, tick: (ms: number) => (clock += ms) };
}

test('a record is in at most one pending, accepted or acknowledged export', async () => {
  const { stores } = await setup();
  const first = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) });
  await assert.rejects(
    stores.exports.createPending({ programme: 'flu', fileName: 'b.csv', recordIds: ids(8, 4) }),
    (error: Error) => error instanceof RecordAlreadyClaimedError && error.message.includes(`is already in export ${first.id}`),
  );
  // Nothing of the refused export was kept: record 8 is still free.
  assert.equal(stores.records.sentState(ids(8)[0]!), undefined);
  assert.equal(stores.exports.list().length, 1);

  await stores.exports.transition(first.id, 'accepted', { messageId: 'MSG1' });
  await assert.rejects(stores.exports.createPending({ programme: 'flu', fileName: 'b.csv', recordIds: ids(0) }), RecordAlreadyClaimedError);
  await stores.exports.transition(first.id, 'acknowledged');
  await assert.rejects(stores.exports.createPending({ programme: 'flu', fileName: 'b.csv', recordIds: ids(0) }), RecordAlreadyClaimedError);
  assert.deepEqual(
    stores.records.unsentAdministered('flu').map((r) => r.record_id),
    ids(8, 12),
  );
});

for (const ending of ['failed', 'undeliverable', 'error'] as const) {
  test(`an export that ends ${ending} frees its records for the next export`, async () => {
    const { stores } = await setup();
    const e = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) });
    if (ending !== 'failed') await stores.exports.transition(e.id, 'accepted', { messageId: 'MSG1' });
    await stores.exports.transition(e.id, ending, { error: 'MESH said no', reportCode: ending === 'failed' ? undefined : '14' });
    assert.equal(stores.records.sentState(ids(0)[0]!), undefined);
    assert.equal(stores.records.unsentAdministered('flu').length, 4);
    const retry = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) });
    assert.equal(stores.records.sentState(ids(0)[0]!)?.exportId, retry.id);
  });
}

test('claims survive a restart: they are read back from the exports file alone', async () => {
  const { dir, stores } = await setup();
  const e = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) });
  const reopened = await openTestStores<TestRecord>(dir);
  assert.deepEqual(reopened.records.sentState(ids(4)[0]!), { exportId: e.id, status: 'pending' });
  assert.equal(reopened.exports.findByLocalId(e.localId)?.id, e.id);
  await assert.rejects(
    reopened.exports.createPending({ programme: 'flu', fileName: 'b.csv', recordIds: ids(4) }),
    RecordAlreadyClaimedError,
  );
});

test('only the transitions of docs/dps-file.md#export-lifecycle are allowed', async () => {
  const { stores } = await setup();
  const all: ExportStatus[] = ['pending', 'accepted', 'acknowledged', 'failed', 'undeliverable', 'error'];
  const allowed = new Set(['pending>accepted', 'pending>failed', 'accepted>acknowledged', 'accepted>undeliverable', 'accepted>error']);
  // Reach each status, then try every target from it.
  const paths: Record<ExportStatus, ExportStatus[]> = {
    pending: [],
    accepted: ['accepted'],
    acknowledged: ['accepted', 'acknowledged'],
    failed: ['failed'],
    undeliverable: ['accepted', 'undeliverable'],
    error: ['accepted', 'error'],
  };
  let n = 0;
  for (const from of all) {
    for (const to of all) {
      const e = await stores.exports.createPending({ programme: 'hpv', fileName: 'x.csv', recordIds: [`r-${n++}`] });
      for (const step of paths[from]) await stores.exports.transition(e.id, step, { messageId: `M${n}` });
      assert.equal(e.status, from);
      if (allowed.has(`${from}>${to}`)) {
        await stores.exports.transition(e.id, to, { messageId: `M${n}` });
        assert.equal(stores.exports.get(e.id)!.status, to);
      } else {
        await assert.rejects(stores.exports.transition(e.id, to, { messageId: `M${n}` }), (error: Error) => {
          assert.ok(error instanceof IllegalExportTransitionError);
          assert.match(error.message, new RegExp(`^Export ${e.id} is ${from} and cannot become ${to}`));
          return true;
        });
        assert.equal(stores.exports.get(e.id)!.status, from);
      }
    }
  }
});

test('accepted needs the message id; history, times, last error and report code are kept; changes are audited', async () => {
  const { stores, tick } = await setup();
  const e = await stores.exports.createPending({
    programme: 'flu',
    fileName: 'Vaccinations-Flu-2026-11-25.csv',
    recordIds: ids(0, 4),
    bytes: 1234,
  });
  await assert.rejects(stores.exports.transition(e.id, 'accepted'), /without the message id/);
  tick(5_000);
  await stores.exports.transition(e.id, 'accepted', { messageId: '20261125020005123456_ABCDEF' });
  tick(3_600_000);
  await stores.exports.transition(e.id, 'error', { error: 'DPS reported an error: file rejected', reportCode: '14' });
  const detail = exportDetail(stores.exports.get(e.id)!);
  assert.deepEqual(detail, {
    id: e.id,
    programme: 'flu',
    fileName: 'Vaccinations-Flu-2026-11-25.csv',
    localId: e.id,
    messageId: '20261125020005123456_ABCDEF',
    recordCount: 2,
    bytes: 1234,
    status: 'error',
    createdAt: '2026-11-25T02:00:00.000Z',
    updatedAt: '2026-11-25T03:00:05.000Z',
    lastError: 'DPS reported an error: file rejected',
    history: [
      { status: 'pending', at: '2026-11-25T02:00:00.000Z' },
      { status: 'accepted', at: '2026-11-25T02:00:05.000Z' },
      { status: 'error', at: '2026-11-25T03:00:05.000Z', note: 'DPS reported an error: file rejected' },
    ],
    reportCode: '14',
  });
  const audit = stores.audit.search({ exportId: e.id });
  assert.deepEqual(
    audit.map((a) => a.action),
    ['accepted → error', 'pending → accepted', 'created'],
  );
  assert.equal(audit[0]!.outcome, 'failed');
  assert.equal(stores.exports.findByMessageId('20261125020005123456_ABCDEF')?.id, e.id);
});

test('status listeners hear creation and each change after it is saved', async () => {
  const { stores } = await setup();
  const heard: string[] = [];
  stores.exports.onStatus((e, previous) => heard.push(`${previous ?? 'new'}>${e.status}`));
  const e = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0) });
  await stores.exports.transition(e.id, 'failed', { error: 'MESH refused it (417)' });
  assert.deepEqual(heard, ['new>pending', 'pending>failed']);
});

/** Makes writes of a store file fail: a folder with something in it stands where the file goes. */
async function blockWrites(dir: string, name: string): Promise<() => Promise<void>> {
  const file = join(dir, name);
  const aside = `${file}.aside`;
  const had = await rename(file, aside).then(
    () => true,
    () => false,
  );
  await mkdir(join(file, 'blocker'), { recursive: true });
  return async () => {
    await rm(file, { recursive: true });
    if (had) await rename(aside, file);
  };
}

test('a pending export whose write fails is not kept: its records stay free', async () => {
  const { dir, stores } = await setup();
  const unblock = await blockWrites(dir, 'exports.json');
  await assert.rejects(stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) }));
  assert.equal(stores.exports.list().length, 0);
  assert.equal(stores.records.sentState(ids(0)[0]!), undefined);
  assert.deepEqual(
    (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
    [],
    'no temporary file left',
  );
  await unblock();
  const e = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0, 4) });
  assert.equal((await openTestStores<TestRecord>(dir)).exports.get(e.id)?.status, 'pending');
});

test('a transition whose write fails leaves the export as it was', async () => {
  const { dir, stores } = await setup();
  const e = await stores.exports.createPending({ programme: 'flu', fileName: 'a.csv', recordIds: ids(0) });
  const unblock = await blockWrites(dir, 'exports.json');
  await assert.rejects(stores.exports.transition(e.id, 'accepted', { messageId: 'M1' }));
  await unblock();
  const same = stores.exports.get(e.id)!;
  assert.equal(same.status, 'pending');
  assert.equal(same.messageId, undefined);
  assert.equal(same.history.length, 1);
  assert.equal(stores.records.sentState(ids(0)[0]!)?.status, 'pending');
});
