import assert from 'node:assert/strict';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openTestAuditLog, tempDir, until } from './helpers';

test('appends are searchable at once, newest first, by any field, and written together later', async (t) => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 20 });
  log.append({ kind: 'mesh', action: 'handshake', outcome: 'ok', status: 200, at: '2026-11-25T01:00:00.000Z' });
  log.append({
    kind: 'mesh',
    action: 'send',
    outcome: 'failed',
    status: 417,
    detail: 'Recipient not registered',
    messageId: 'M1',
    at: '2026-11-25T02:00:00.000Z',
  });
  log.append({
    kind: 'export',
    action: 'pending → accepted',
    outcome: 'ok',
    exportId: 'E1',
    messageId: 'M2',
    at: '2026-11-25T02:00:01.000Z',
  });
  assert.deepEqual(
    log.search().map((e) => e.action),
    ['pending → accepted', 'send', 'handshake'],
  );
  assert.deepEqual(
    log.search({ search: 'RECIPIENT' }).map((e) => e.messageId),
    ['M1'],
  );
  assert.deepEqual(
    log.search({ search: '417' }).map((e) => e.action),
    ['send'],
  );
  assert.deepEqual(
    log.search({ kind: 'mesh', limit: 1 }).map((e) => e.action),
    ['send'],
  );
  assert.deepEqual(log.search({ exportId: 'E1' }).length, 1);
  assert.equal(log.search({ search: 'nothing like this' }).length, 0);

  // Not yet on disk: the write is coalesced, and happens later by itself (no flush asked for).
  const file = join(dir, 'audit.json');
  await assert.rejects(readFile(file, 'utf8'));
  await until(
    () =>
      access(file).then(
        () => true,
        () => false,
      ),
    t.signal,
  );
  const onDisk = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as { entries: unknown[] };
  assert.equal(onDisk.entries.length, 3);
});

test('close flushes what is still in memory', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  log.append({ kind: 'job', action: 'dpsExport', outcome: 'ok' });
  await log.close();
  const reopened = await openTestAuditLog(dir);
  assert.equal(reopened.search()[0]!.action, 'dpsExport');
});

test('growth is bounded: past the limit the oldest entries roll to a dated file, none lost', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { maxEntries: 100, flushDelayMs: 60_000, now: () => new Date('2026-11-25T14:03:00Z') });
  for (let i = 0; i < 250; i++) log.append({ kind: 'mesh', action: `call ${i}`, outcome: 'ok' });
  await log.flush();
  assert.equal(log.size, 80);
  assert.equal(log.search({ limit: 1000 }).at(-1)!.action, 'call 170');
  const files = (await readdir(dir)).sort();
  assert.deepEqual(files, ['audit-2026-11-25T14-03-00Z.jsonl', 'audit.json']);
  const archived = (await readFile(join(dir, 'audit-2026-11-25T14-03-00Z.jsonl'), 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string });
  assert.equal(archived.length, 170);
  assert.equal(archived[0]!.action, 'call 0');
  assert.equal(archived[169]!.action, 'call 169');
  const reopened = await openTestAuditLog(dir);
  assert.equal(reopened.size, 80);
});

// How fast appends are is the bench's to measure (npm run bench); this proves they stay in
// memory until the close writes them all at once.
test('10,000 appends stay in memory and are written together by close', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  for (let i = 0; i < 10_000; i++) log.append({ kind: 'mesh', action: 'inbox', outcome: 'ok', status: 200 });
  assert.equal(log.size, 10_000);
  await assert.rejects(access(join(dir, 'audit.json')), 'nothing written before the close');
  await log.close();
  const onDisk = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as { entries: unknown[] };
  assert.equal(onDisk.entries.length, 10_000);
});
