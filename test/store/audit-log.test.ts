import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { userInfo } from 'node:os';
import { watchProcess } from '../support/child-process';
import { asAuditSource } from '../../main/store/audit-source';
import { openTestAuditLog, openTestStores, tempDir, until } from './helpers';

async function linesOf(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('appends are searchable at once, newest first, by any field, and written later as lines saying who and from where', async (t) => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 20, source: 'app' });
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
  asAuditSource('job', () =>
    log.append({
      kind: 'export',
      action: 'pending → accepted',
      outcome: 'ok',
      exportId: 'E1',
      messageId: 'M2',
      at: '2026-11-25T02:00:01.000Z',
    }),
  );
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
  assert.equal(log.search({ exportId: 'E1' }).length, 1);
  assert.equal(log.search({ search: 'nothing like this' }).length, 0);

  // Not yet on disk: the write is coalesced, and happens later by itself (no flush asked for).
  const file = join(dir, 'audit.jsonl');
  await assert.rejects(readFile(file, 'utf8'));
  await until(
    () =>
      stat(file).then(
        (s) => s.size > 0,
        () => false,
      ),
    t.signal,
  );
  const written = await linesOf(file);
  assert.deepEqual(
    written.map((entry) => [entry.action, entry.user, entry.source]),
    [
      ['handshake', userInfo().username, 'app'],
      ['send', userInfo().username, 'app'],
      ['pending → accepted', userInfo().username, 'job'],
    ],
  );
  assert.equal(log.size, 3, 'entries read back from the file are not counted twice');
});

test('close flushes what is still in memory, and a reopened log has it', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  log.append({ kind: 'job', action: 'dpsExport', outcome: 'ok' });
  await log.close();
  const reopened = await openTestAuditLog(dir);
  assert.deepEqual(
    reopened.search().map((e) => [e.action, e.source]),
    [['dpsExport', 'cli']],
  );
});

test('a log opened without its history holds no earlier entry, appends after them, and reads what others append later', async () => {
  const dir = await tempDir();
  const earlier = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  for (let i = 0; i < 1000; i++) earlier.append({ kind: 'mesh', action: `earlier ${i}`, outcome: 'ok' });
  await earlier.flush();

  const appendOnly = await openTestAuditLog(dir, { flushDelayMs: 60_000, history: false });
  assert.equal(appendOnly.size, 0, 'none of the 1,000 earlier entries is read');
  appendOnly.append({ kind: 'mesh', action: 'mine', outcome: 'ok' });
  await appendOnly.flush();
  earlier.append({ kind: 'mesh', action: 'another process', outcome: 'ok' });
  await earlier.flush();
  await appendOnly.refresh();
  assert.deepEqual(
    appendOnly.search().map((e) => e.action),
    ['another process', 'mine'],
  );
  const lines = await linesOf(join(dir, 'audit.jsonl'));
  assert.equal(lines.length, 1002, 'every entry is in the file, the earlier ones untouched');
  assert.deepEqual(
    lines.slice(-2).map((line) => line.action),
    ['mine', 'another process'],
  );
});

test('appending adds to the end of the file: what was there is never rewritten', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  for (let i = 0; i < 1000; i++) log.append({ kind: 'mesh', action: `call ${i}`, outcome: 'ok' });
  await log.flush();
  const file = join(dir, 'audit.jsonl');
  const before = await stat(file);
  log.append({ kind: 'mesh', action: 'one more', outcome: 'ok' });
  await log.flush();
  const after = await stat(file);
  assert.equal(after.ino, before.ino, 'the same file, not a new one renamed over it');
  assert.equal(after.size - before.size, Buffer.byteLength(JSON.stringify(log.search({ limit: 1 })[0]) + '\n'));
});

test('a line torn by a crash is skipped with a notice; the next append starts on a line of its own and nothing else is lost', async () => {
  const dir = await tempDir();
  const first = await openTestAuditLog(dir);
  first.append({ kind: 'mesh', action: 'before the crash', outcome: 'ok' });
  await first.close();
  // What a process killed (or a disk filled) in the middle of its write leaves: half a line, unended.
  await appendFile(join(dir, 'audit.jsonl'), '{"at":"2026-11-25T01:00:00.000Z","kind":"mesh","act');

  const stores = await openTestStores(dir);
  assert.equal(stores.audit.skippedLines, 1);
  assert.match(stores.notices[0]!.message, /audit log .*audit\.jsonl has 1 damaged line.*skipped and every other entry is shown/);
  stores.audit.append({ kind: 'mesh', action: 'after the crash', outcome: 'ok' });
  await stores.audit.flush();

  const reopened = await openTestAuditLog(dir);
  assert.deepEqual(
    reopened
      .search()
      .map((e) => e.action)
      .reverse(),
    ['before the crash', 'damaged lines skipped', 'after the crash'],
  );
  assert.equal(reopened.skippedLines, 1, 'only the torn line: the entry written after it is whole');
});

test('two processes appending to one folder at once, through a rotation, lose nothing and mix no lines', async (t) => {
  const dir = await tempDir();
  const count = 400;
  const writers = ['alpha', 'beta'].map((name) =>
    watchProcess(
      spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'audit-writer.ts'), dir, name, String(count)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      ['stdout', 'stderr'],
    ),
  );
  t.after(() => Promise.all(writers.map((writer) => writer.stop())));
  for (const writer of writers) await writer.waitFor(/done/, t.signal);

  const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  assert.ok(files.length > 1, `the 64 KB bound rotated the file: ${files.join(', ')}`);
  const actions: string[] = [];
  for (const file of files) for (const entry of await linesOf(join(dir, file))) actions.push(entry.action as string);
  for (const name of ['alpha', 'beta']) {
    const own = actions.filter((action) => action.startsWith(`${name} `));
    assert.deepEqual(
      own,
      Array.from({ length: count }, (_, i) => `${name} ${i}`),
      `every entry of ${name}, once, in order`,
    );
  }
});

test('a folder written before the log was append-only is converted once, nothing lost, the old rolled files kept', async () => {
  const dir = await tempDir();
  await cp(join(import.meta.dirname, 'fixtures', 'audit-json-folder'), dir, { recursive: true });
  const old = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as { entries: { detail: string }[] };
  const rolled = (await readdir(dir)).filter((name) => name.startsWith('audit-')).sort();
  assert.equal(old.entries.length, 8);
  assert.equal(rolled.length, 2);

  const log = await openTestAuditLog(dir);
  assert.deepEqual(
    log
      .search()
      .map((e) => e.detail)
      .reverse(),
    old.entries.map((e) => e.detail),
  );
  await log.close();
  const files = (await readdir(dir)).sort();
  assert.deepEqual(files, [...rolled, 'audit.jsonl']);
  for (const name of rolled) assert.ok((await readFile(join(dir, name), 'utf8')).includes('written by the old log'));

  // A crash after the new file was in place but before audit.json went: converted again, nothing doubled.
  await writeFile(join(dir, 'audit.json'), JSON.stringify(old));
  const again = await openTestAuditLog(dir);
  assert.equal(again.size, 8);
  assert.deepEqual(await readdir(dir).then((names) => names.sort()), [...rolled, 'audit.jsonl']);
});

test('pages, newest first, filtered by kind, outcome, date range and search, with how many match', async () => {
  const dir = await tempDir();
  const log = await openTestAuditLog(dir, { flushDelayMs: 60_000 });
  for (let i = 0; i < 1000; i++) {
    log.append({
      kind: i % 2 ? 'mesh' : 'export',
      action: `step ${i}`,
      outcome: i % 10 === 0 ? 'failed' : 'ok',
      at: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
    });
  }
  await log.flush();
  const first = log.page({ limit: 3 });
  assert.deepEqual(
    first.entries.map((e) => e.action),
    ['step 999', 'step 998', 'step 997'],
  );
  assert.equal(first.total, 1000);
  assert.equal(first.held, 1000);
  assert.deepEqual(
    log.page({ offset: 3, limit: 2 }).entries.map((e) => e.action),
    ['step 996', 'step 995'],
  );
  const failedExports = log.page({ kind: 'export', outcome: 'failed', limit: 500 });
  assert.equal(failedExports.total, 100);
  assert.ok(failedExports.entries.every((e) => e.kind === 'export' && e.outcome === 'failed'));
  // One day, 2 November 2026: hours 24 to 47.
  const day = log.page({ since: '2026-11-02T00:00:00.000Z', until: '2026-11-03T00:00:00.000Z', limit: 500 });
  assert.deepEqual([day.total, day.entries.at(0)?.action, day.entries.at(-1)?.action], [24, 'step 47', 'step 24']);
  assert.deepEqual(
    log.page({ search: 'STEP 99', limit: 500 }).entries.map((e) => e.action),
    ['step 999', 'step 998', 'step 997', 'step 996', 'step 995', 'step 994', 'step 993', 'step 992', 'step 991', 'step 990', 'step 99'],
  );
  assert.equal(log.page({ limit: 10_000 }).entries.length, 500, 'a page is at most 500 entries');

  // Entries arriving while the operator scrolls: pages asked for as of the first page's count line up with it.
  for (let i = 1000; i < 1005; i++) log.append({ kind: 'mesh', action: `step ${i}`, outcome: 'ok' });
  assert.deepEqual(
    log.page({ offset: 3, limit: 2, asOf: first.held }).entries.map((e) => e.action),
    ['step 996', 'step 995'],
  );
  assert.equal(log.page({ offset: 3, limit: 2, asOf: first.held }).total, 1000);
  assert.deepEqual(
    log.page({ offset: 3, limit: 2 }).entries.map((e) => e.action),
    ['step 1001', 'step 1000'],
  );
  assert.equal(log.matching({ outcome: 'failed' }).length, 100);
});
