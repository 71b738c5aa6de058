// Which events become native notifications, and that one failure is announced once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertFor, createAlertGate } from '../../main/electron/alerts';

test('alerts and failed export statuses become notifications; other events do not', () => {
  assert.deepEqual(alertFor({ type: 'alert', alert: 'report-arrived', title: 'REPORT received', text: 'Code 14.', messageId: 'M1' }), {
    key: 'report-arrived:M1',
    title: 'REPORT received',
    body: 'Code 14.',
  });
  assert.equal(alertFor({ type: 'export-status', exportId: 'e1', status: 'undeliverable' })?.key, 'export:e1');
  assert.equal(alertFor({ type: 'export-status', exportId: 'e1', status: 'accepted' }), null);
  assert.equal(alertFor({ type: 'inbox-changed', count: 4 }), null);
  assert.equal(alertFor({ type: 'notice', level: 'error', text: 'x' }), null);
});

test('an export failure seen as an alert and as a status change is said once, and again after the quiet time', () => {
  let now = 0;
  const shouldSay = createAlertGate(60_000, () => now);
  const viaAlert = alertFor({ type: 'alert', alert: 'export-failed', title: 'DPS export failed', text: 'Flu', exportId: 'e9' })!;
  const viaStatus = alertFor({ type: 'export-status', exportId: 'e9', status: 'error' })!;
  assert.equal(shouldSay(viaAlert), true);
  assert.equal(shouldSay(viaStatus), false);
  now = 61_000;
  assert.equal(shouldSay(viaStatus), true);
});
