// Every file of the audit log, read from disk: the newest matches kept across files (no more than
// asked for), every match and entry counted, a damaged line in an older file skipped and counted,
// and the live file's unended last line (another process's write still arriving) left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../main/domain';
import { rotatedAuditFiles, searchEveryAuditFile } from '../../main/store/audit-archive';

let dir: string;

const entry = (i: number, kind: AuditEntry['kind']): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
  kind,
  action: `entry ${i}`,
  outcome: 'ok',
});
const lines = (entries: AuditEntry[]) => entries.map((e) => JSON.stringify(e) + '\n').join('');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-audit-archive-'));
  // Three files as rotation leaves them: the oldest, a newer one, and the live file.
  await writeFile(join(dir, 'audit-2026-11-01T00-00-00.000Z.jsonl'), lines([entry(0, 'job'), entry(1, 'mesh'), entry(2, 'job')]));
  await writeFile(join(dir, 'audit-2026-11-01T00-03-00.000Z.jsonl'), lines([entry(3, 'job'), entry(4, 'mesh')]) + '{"torn":\n');
  await writeFile(join(dir, 'audit.jsonl'), lines([entry(5, 'mesh'), entry(6, 'job')]));
  await appendFile(join(dir, 'audit.jsonl'), JSON.stringify(entry(7, 'job')).slice(0, 30));
  // Not the log's: left out.
  await writeFile(join(dir, 'audit.csv'), 'when,kind\n');
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the rotated files, oldest first', async () => {
  assert.deepEqual(await rotatedAuditFiles(dir), ['audit-2026-11-01T00-00-00.000Z.jsonl', 'audit-2026-11-01T00-03-00.000Z.jsonl']);
  assert.deepEqual(await rotatedAuditFiles(join(dir, 'no such folder')), []);
});

test('newest first across the files, only as many kept as asked for, every match counted', async () => {
  const jobs = await searchEveryAuditFile(dir, { kind: 'job' }, 3);
  assert.deepEqual(
    jobs.entries.map((e) => e.action),
    ['entry 6', 'entry 3', 'entry 2'],
  );
  assert.equal(jobs.total, 4);
  assert.equal(jobs.held, 7, 'the unended last line of audit.jsonl is not an entry yet');
  assert.equal(jobs.olderFiles, 2);
  assert.equal(jobs.damaged, 1, 'the torn line of the older file');

  const all = await searchEveryAuditFile(dir, {}, 100);
  assert.deepEqual(
    all.entries.map((e) => e.action),
    ['entry 6', 'entry 5', 'entry 4', 'entry 3', 'entry 2', 'entry 1', 'entry 0'],
  );
  const none = await searchEveryAuditFile(dir, { search: 'entry 1' }, 0);
  assert.deepEqual(none.entries, []);
  assert.equal(none.total, 1);
});

test('a file that cannot be read is one sentence naming it', async () => {
  const unreadable = join(dir, 'unreadable');
  // A folder where a rotated file should be: unreadable as a file, even for root.
  const file = join(unreadable, 'audit-2026-11-01T00-09-00.000Z.jsonl');
  await mkdir(file, { recursive: true });
  await assert.rejects(searchEveryAuditFile(unreadable, {}, 10), {
    message: `The audit file ${file} could not be read (EISDIR): check this user may read it, then try again.`,
  });
});
