// UK time, whatever this machine's zone: the words of every time on screen and from `mesh-console`,
// and where a UK calendar day begins, across both changes of the clocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ukDate, ukDateTime, ukDay, ukDayStart } from '../../main/domain';

test('a time reads in UK time: GMT in winter, BST in summer; an unreadable one is a dash', () => {
  assert.equal(ukDateTime('2026-12-02T06:35:12Z'), '2 Dec 2026, 06:35');
  assert.equal(ukDateTime('2026-07-01T23:30:00Z'), '2 Jul 2026, 00:30');
  assert.equal(ukDate('2026-07-01T23:30:00Z'), '2 Jul 2026');
  assert.equal(ukDateTime('not a time'), '—');
  assert.equal(ukDateTime(undefined), '—');
});

test('the UK day of an instant, and the instant its midnight begins', () => {
  assert.equal(ukDay(new Date('2026-07-01T23:30:00Z')), '2026-07-02');
  assert.equal(ukDay(new Date('2026-12-01T23:30:00Z')), '2026-12-01');
  assert.equal(ukDayStart('2026-07-02'), '2026-07-01T23:00:00.000Z');
  assert.equal(ukDayStart('2026-12-02'), '2026-12-02T00:00:00.000Z');
  // 29 March 2026 the clocks go forward at 01:00 UTC; 25 October 2026 they go back.
  assert.equal(ukDayStart('2026-03-29'), '2026-03-29T00:00:00.000Z');
  assert.equal(ukDayStart('2026-03-29', 1), '2026-03-29T23:00:00.000Z');
  assert.equal(ukDayStart('2026-10-25'), '2026-10-24T23:00:00.000Z');
  assert.equal(ukDayStart('2026-10-25', 1), '2026-10-26T00:00:00.000Z');
  assert.equal(ukDayStart('2026-03-01', -1), '2026-02-28T00:00:00.000Z');
});

test('loading the domain makes no UK time formatter: they are made when a time is first shown (every command loads it)', async () => {
  const child = fileURLToPath(new URL('./uk-time-load-child.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child]);
  const { atLoad, afterFirstTime } = JSON.parse(stdout) as { atLoad: number; afterFirstTime: number };
  assert.equal(atLoad, 0, 'formatters made while main/domain loads');
  assert.ok(afterFirstTime > 0, 'the formatters are made once a time is shown');
});
