// `mesh-console audit --older-files`, a real process, on a log that the console's own writer rotated:
// written past a small rotation size (4 KB here, 32 MB in use), so `audit.jsonl` and several
// `audit-<time>.jsonl` files exist as they would after months of use. Without the flag only the
// live file is read; with it every file is, newest first, filtered while read, at most --limit kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_KINDS, type AuditEntry } from '../../main/domain';
import { auditCsv } from '../../main/operations/audit-csv';
import { AuditLog } from '../../main/store/audit-log';
import { cli } from './cli-support';

const WRITTEN = 90;
let root: string;
let env: Record<string, string>;
let rotated: string[];

/** Entry i: a minute apart from 1 November 2026, kinds in turn, every 5th failed, ~150 bytes of detail. */
const written = Array.from({ length: WRITTEN }, (_, i) => ({
  at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
  kind: AUDIT_KINDS[i % AUDIT_KINDS.length]!,
  action: `entry ${i}`,
  outcome: i % 5 === 0 ? ('failed' as const) : ('ok' as const),
  detail: `number ${i} of the investigation `.padEnd(150, '.'),
}));
const newestFirst = [...written].reverse();

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mesh-console-cli-audit-older-'));
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  const log = await AuditLog.open(dataDir, { maxFileBytes: 4096, source: 'cli' });
  // Written a few at a time, as a busy console would: each flush may rotate the file.
  for (let i = 0; i < WRITTEN; i += 3) {
    for (const entry of written.slice(i, i + 3)) log.append(entry);
    await log.flush();
  }
  await log.close();
  rotated = (await readdir(dataDir)).filter((name) => /^audit-.+\.jsonl$/.test(name));
  assert.ok(rotated.length >= 3, `rotated into several files: ${rotated.join(', ')}`);
  env = { MESH_DATA_DIR: dataDir, TZ: 'Europe/London' };
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function audit(...args: string[]) {
  const result = await cli(['audit', ...args], env);
  assert.equal(result.code, 0, result.stderr);
  return result;
}

async function auditJson(...args: string[]): Promise<{ total: number; entries: AuditEntry[]; olderFiles?: number }> {
  return JSON.parse((await audit(...args, '--json')).stdout) as { total: number; entries: AuditEntry[]; olderFiles?: number };
}

const actions = (entries: readonly Pick<AuditEntry, 'action'>[]) => entries.map((entry) => entry.action);

test('without --older-files only audit.jsonl is read; with it, every file, newest first', async () => {
  const live = await auditJson('--limit', '1000');
  assert.ok(live.total < WRITTEN / 2, `the live file holds the newest few: ${live.total}`);
  assert.deepEqual(actions(live.entries), actions(newestFirst.slice(0, live.total)));

  const every = await auditJson('--older-files', '--limit', '1000');
  assert.equal(every.total, WRITTEN);
  assert.equal(every.olderFiles, rotated.length);
  assert.deepEqual(actions(every.entries), actions(newestFirst));
});

test('filters apply in every file; --limit keeps the newest matches, across files, and says how many more match', async () => {
  const failed = await auditJson('--older-files', '--outcome', 'failed', '--limit', '1000');
  assert.deepEqual(actions(failed.entries), actions(newestFirst.filter((entry) => entry.outcome === 'failed')));

  const search = await auditJson('--older-files', '--search', 'ENTRY 1', '--limit', '1000');
  assert.deepEqual(actions(search.entries), actions(newestFirst.filter((entry) => entry.action.startsWith('entry 1'))));
  assert.equal(search.entries.length, 11, 'entry 1 and entries 10 to 19');

  const kind = newestFirst.filter((entry) => entry.kind === 'export');
  const newest = await audit('--older-files', '--kind', 'export', '--limit', '7');
  const lines = newest.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 7);
  kind.slice(0, 7).forEach((entry, i) => assert.match(lines[i]!, new RegExp(`  export +${entry.outcome} +${entry.action}: number`)));
  assert.ok(newest.stderr.includes(`Read audit.jsonl and ${rotated.length} older files.`), newest.stderr);
  assert.ok(newest.stderr.includes(`The newest 7 of ${kind.length} matching entries: --limit N shows more.`), newest.stderr);
});

test('--csv saves what was found in every file, as the screen saves it', async () => {
  const file = join(root, 'older.csv');
  const saved = await audit('--older-files', '--kind', 'job', '--csv', file);
  const jobs = newestFirst.filter((entry) => entry.kind === 'job');
  assert.equal(saved.stdout, `Saved ${jobs.length} entries to ${file}.\n`);
  const csv = await readFile(file, 'utf8');
  assert.equal(csv, auditCsv((await auditJson('--older-files', '--kind', 'job', '--limit', '1000')).entries));
  assert.equal(csv.trimEnd().split('\r\n').length, jobs.length + 1);
});
