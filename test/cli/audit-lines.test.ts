// `mesh-console audit`'s options as the audit screen's filter, and its summary of an entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditFilterFrom, auditLimit, auditSummary } from '../../main/cli/audit-lines';
import { UsageError } from '../../main/cli/exit-codes';

test('--days N starts at UK midnight of the day N - 1 before today on the UK calendar, whatever this machine’s zone', () => {
  const night = new Date('2026-03-29T00:30:00Z'); // 29 March 2026, the night the UK's clocks go forward
  assert.deepEqual(auditFilterFrom({ days: '1' }, night), { since: '2026-03-29T00:00:00.000Z' });
  assert.deepEqual(auditFilterFrom({ days: '3' }, night), { since: '2026-03-27T00:00:00.000Z' });
  assert.deepEqual(auditFilterFrom({ days: '40' }, night), { since: '2026-02-18T00:00:00.000Z' });
  const summer = new Date('2026-07-01T23:30:00Z'); // already 2 July in the UK
  assert.deepEqual(auditFilterFrom({ days: '1' }, summer), { since: '2026-07-01T23:00:00.000Z' });
  assert.deepEqual(auditFilterFrom({ days: '2' }, summer), { since: '2026-06-30T23:00:00.000Z' });
});

test('the other options pass through as the screen sends them; wrong ones are a usage error', () => {
  const now = new Date();
  assert.deepEqual(auditFilterFrom({ kind: 'export', outcome: 'failed', search: '  X26ABC2 ' }, now), {
    kind: 'export',
    outcome: 'failed',
    search: 'X26ABC2',
  });
  assert.deepEqual(auditFilterFrom({ search: '   ' }, now), {});
  for (const options of [{ kind: 'Export' }, { outcome: 'OK' }, { days: '0' }, { days: '1.5' }, { days: '-2' }, { days: '' }]) {
    assert.throws(() => auditFilterFrom(options, now), UsageError, JSON.stringify(options));
  }
  assert.equal(auditLimit({}), 100);
  assert.equal(auditLimit({ csv: 'out.csv' }), undefined);
  assert.equal(auditLimit({ csv: 'out.csv', limit: '7' }), 7);
  assert.throws(() => auditLimit({ limit: '0' }), UsageError);
});

test('the summary: action and detail, then the HTTP status and the ids it concerns', () => {
  assert.equal(
    auditSummary({ at: '', kind: 'mesh', action: 'POST /outbox', outcome: 'failed', status: 403, detail: 'Forbidden', messageId: 'M1' }),
    'POST /outbox: Forbidden (HTTP 403) message M1',
  );
  assert.equal(auditSummary({ at: '', kind: 'export', action: 'claimed', outcome: 'ok', exportId: 'E1' }), 'claimed export E1');
});
