import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileStamp, openJsonFile } from '../../main/store/json-file';
import { openTestStores, tempDir, type TestRecord } from './helpers';

const fixedNow = () => new Date('2026-11-25T14:03:00.456Z');

test('fileStamp is safe in file names', () => {
  assert.equal(fileStamp(new Date('2026-11-25T14:03:00.456Z')), '2026-11-25T14-03-00Z');
});

for (const streaming of [false, true])
  test(
    `writes replace the file atomically${streaming ? ' (streamed in batches)' : ''}: a reader never sees half a ` +
      `file, no temp file is left`,
    async () => {
      const dir = await tempDir();
      const file = join(dir, 'big.json');
      const opened = await openJsonFile<{ items: string[] }>(file, { label: 'big', defaults: () => ({ items: ['old'] }), streaming });
      await opened.write();
      opened.db.data = { items: Array.from({ length: 200_000 }, (_, i) => `item-${i}-${'x'.repeat(20)}`) };

      let reads = 0;
      let sawNew = false;
      let done = false;
      const writing = opened.write().then(() => (done = true));
      while (!done) {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { items: string[] };
        reads++;
        if (parsed.items.length === 200_000) sawNew = true;
        else assert.deepEqual(parsed.items, ['old']);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await writing;
      assert.ok(reads > 1, 'the reader ran while the write was under way');
      const final = JSON.parse(await readFile(file, 'utf8')) as { items: string[] };
      assert.equal(final.items.length, 200_000);
      assert.ok(sawNew || final.items.length === 200_000);
      assert.deepEqual(await readdir(dir), ['big.json']);
    },
  );

test('a store file that is not JSON is kept aside under a dated name and reported, never overwritten', async () => {
  const dir = await tempDir();
  const file = join(dir, 'records.json');
  await writeFile(file, '{"version":1,"records":[{"record": trunc');
  const stores = await openTestStores<TestRecord>(dir, { now: fixedNow });
  assert.equal(stores.records.size, 0);
  assert.equal(stores.notices.length, 1);
  const notice = stores.notices[0]!;
  assert.equal(notice.file, file);
  assert.equal(notice.keptAs, `${file}.unreadable-2026-11-25T14-03-00Z`);
  assert.match(notice.message, /records file .*records\.json was unreadable because it is not valid JSON/);
  assert.match(notice.message, /kept as records\.json\.unreadable-2026-11-25T14-03-00Z/);
  assert.match(notice.message, /restore from that copy or a backup/);
  assert.equal(await readFile(notice.keptAs, 'utf8'), '{"version":1,"records":[{"record": trunc');
  // The audit log says so too.
  assert.equal(stores.audit.search({ search: 'set aside' }).length, 1);
  await stores.close();
});

test('a file of the wrong shape is also set aside, and a second one the same second gets its own name', async () => {
  const dir = await tempDir();
  const file = join(dir, 'exports.json');
  await writeFile(file, '[1,2,3]');
  const first = await openJsonFile(file, {
    label: 'exports',
    defaults: () => ({ exports: [] }),
    check: (d) => (Array.isArray(d) ? 'it is a bare list' : undefined),
    now: fixedNow,
  });
  assert.match(first.notice!.message, /because it is a bare list/);
  await writeFile(file, 'garbage');
  const second = await openJsonFile(file, { label: 'exports', defaults: () => ({ exports: [] }), now: fixedNow });
  assert.equal(second.notice!.keptAs, `${file}.unreadable-2026-11-25T14-03-00Z-2`);
  assert.equal(await readFile(second.notice!.keptAs, 'utf8'), 'garbage');
  assert.equal(await readFile(first.notice!.keptAs, 'utf8'), '[1,2,3]');
});

test('each store file without its list is set aside, the reason naming the list it lacks', async () => {
  const dir = await tempDir();
  const lists = { 'records.json': 'records', 'exports.json': 'exports', 'sent.json': 'messages', 'audit.json': 'entries' };
  for (const [name, key] of Object.entries(lists)) await writeFile(join(dir, name), JSON.stringify({ version: 1, [key]: {} }));
  const stores = await openTestStores<TestRecord>(dir, { now: fixedNow });
  const reasons = Object.fromEntries(stores.notices.map((notice) => [notice.file, notice.reason]));
  for (const [name, key] of Object.entries(lists)) assert.equal(reasons[join(dir, name)], `it does not hold a list of ${key}`);
  await stores.close();
});

test('a missing file is simply a new store, with no notice', async () => {
  const dir = await tempDir();
  const opened = await openJsonFile(join(dir, 'sent.json'), { label: 'sent', defaults: () => ({ messages: [] }) });
  assert.equal(opened.notice, undefined);
  assert.deepEqual(opened.db.data, { messages: [] });
});

test('streamed writes queue: the last data asked for is what ends on disk', async () => {
  const dir = await tempDir();
  const file = join(dir, 'queued.json');
  const opened = await openJsonFile<{ items: number[]; label: string }>(file, {
    label: 'queued',
    defaults: () => ({ items: [], label: 'a' }),
    streaming: true,
  });
  opened.db.data.items = Array.from({ length: 50_000 }, (_, i) => i);
  const first = opened.write();
  opened.db.data.items.push(-1);
  opened.db.data.label = 'b';
  const second = opened.write();
  opened.db.data.label = 'c';
  const third = opened.write();
  await Promise.all([first, second, third]);
  const final = JSON.parse(await readFile(file, 'utf8')) as { items: number[]; label: string };
  assert.equal(final.items.length, 50_001);
  assert.equal(final.label, 'c');
  assert.deepEqual(await readdir(dir), ['queued.json']);
});
