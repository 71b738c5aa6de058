// `mesh-console audit`'s options as the audit screen's filter, and its summary of an entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditFilterFrom, auditLimit, auditSummary } from '../../main/cli/audit-lines';
import { UsageError } from '../../main/cli/exit-codes';

test('--days N starts at midnight of the day N - 1 before today, on this computer’s calendar', () => {
  const now = new Date(2026, 2, 29, 0, 30); // 29 March 2026, the night the UK's clocks go forward
  assert.deepEqual(auditFilterFrom({ days: '1' }, now), { since: new Date(2026, 2, 29).toISOString() });
  assert.deepEqual(auditFilterFrom({ days: '3' }, now), { since: new Date(2026, 2, 27).toISOString() });
  assert.deepEqual(auditFilterFrom({ days: '40' }, now), { since: new Date(2026, 1, 18).toISOString() });
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
