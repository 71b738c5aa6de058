// The audit log's CSV (what "Save rows as CSV" writes) and the audit operations' arguments at the IPC boundary.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { OPERATION_ARGUMENTS } from '../../main/ipc';
import { auditCsv, writeAuditCsv } from '../../main/operations/audit-csv';
import type { AuditEntry } from '../../main/domain';

const entries: AuditEntry[] = [
  {
    at: '2026-11-25T14:03:00.000Z',
    kind: 'mesh',
    action: 'POST /messageexchange/X26ABC1/outbox',
    outcome: 'failed',
    status: 417,
    detail: 'MESH said: "recipient, unknown"\nsee the mailbox',
    user: 'ops',
    source: 'job',
  },
  { at: '2026-11-25T14:04:00.000Z', kind: 'message', action: 'saved', outcome: 'ok', detail: '=HYPERLINK("http://x")', messageId: '+M1' },
];

test('one row per entry under a header; commas, quotes and new lines kept; a cell a spreadsheet would run as a formula is defused', () => {
  const text = auditCsv(entries);
  const rows = parse(text) as string[][];
  assert.deepEqual(rows[0], ['when', 'kind', 'action', 'outcome', 'http status', 'detail', 'message id', 'export id', 'user', 'from']);
  assert.deepEqual(rows[1], [
    '2026-11-25T14:03:00.000Z',
    'mesh',
    'POST /messageexchange/X26ABC1/outbox',
    'failed',
    '417',
    'MESH said: "recipient, unknown"\nsee the mailbox',
    '',
    '',
    'ops',
    'job',
  ]);
  assert.equal(rows[2]![5], `'=HYPERLINK("http://x")`);
  assert.equal(rows[2]![6], "'+M1");
  assert.equal(rows.length, 3);
});

test('a CSV that cannot be written is one sentence, and nothing is left half-written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-audit-csv-'));
  try {
    const path = join(dir, 'gone', 'audit.csv');
    await assert.rejects(writeAuditCsv(path, entries), {
      message: `The audit log was not saved to ${path}: the folder no longer exists. Nothing was written there; choose another place.`,
    });
    const written = join(dir, 'audit.csv');
    assert.equal(await writeAuditCsv(written, entries), Buffer.byteLength(await readFile(written, 'utf8')));
    assert.deepEqual(await readdir(dir), ['audit.csv']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the IPC boundary takes a page of at most 500, known kinds and outcomes, and instants for days', () => {
  const page = OPERATION_ARGUMENTS.audit;
  assert.ok(page.safeParse([{ kind: 'export', outcome: 'failed', since: '2026-11-03T00:00:00.000Z', offset: 200, limit: 200 }]).success);
  assert.ok(!page.safeParse([{ limit: 501 }]).success);
  assert.ok(!page.safeParse([{ kind: 'everything' }]).success);
  assert.ok(!page.safeParse([{ since: '3 November' }]).success);
  assert.ok(!page.safeParse([{ path: '/etc/passwd' }]).success);
  assert.ok(OPERATION_ARGUMENTS.saveAuditCsv.safeParse([{ search: 'M1' }]).success);
  assert.ok(!OPERATION_ARGUMENTS.saveAuditCsv.safeParse([{ search: 'M1', offset: 3 }]).success);
});
