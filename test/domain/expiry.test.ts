// The one rule for "near expiry": more than 4 days in the inbox (MESH deletes at 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearExpiry, waitingTooLong } from '../../main/domain';

const NOW = new Date('2026-12-02T12:00:00Z');

test('a message is near expiry once it has waited more than 4 days, not before', () => {
  assert.equal(waitingTooLong('2026-11-28T12:00:00Z', NOW), false, 'exactly 4 days');
  assert.equal(waitingTooLong('2026-11-28T11:59:59Z', NOW), true, '4 days and a second');
  assert.equal(waitingTooLong('2026-12-01T12:00:00Z', NOW.getTime()), false, 'a day');
  assert.equal(waitingTooLong('2026-11-20T00:00:00Z', NOW), true, 'past the 5 days');
});

test('an unknown or unreadable arrival time is not a warning', () => {
  assert.equal(waitingTooLong(undefined, NOW), false);
  assert.equal(waitingTooLong('yesterday', NOW), false);
});

test('near expiry counts the messages past 4 days and names the oldest of them', () => {
  const items = [
    { receivedAt: '2026-11-27T09:00:00Z' },
    { receivedAt: '2026-12-02T09:00:00Z' },
    { receivedAt: '2026-11-26T18:30:00+01:00' },
    {},
    { receivedAt: '2026-11-28T06:00:00Z' },
  ];
  assert.deepEqual(nearExpiry(items, NOW), { count: 3, oldestReceivedAt: '2026-11-26T18:30:00+01:00' });
  assert.deepEqual(nearExpiry([{ receivedAt: '2026-12-01T00:00:00Z' }], NOW), { count: 0 });
});
