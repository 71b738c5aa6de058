// Which events become native notifications, and that one failure is announced once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertFor, certificateAlert, createAlertGate } from '../../main/electron/alerts';
import type { CertificateSummary, JobState } from '../../preload/api';

test('alerts and failed export statuses become notifications; other events do not', () => {
  assert.deepEqual(alertFor({ type: 'alert', alert: 'report-arrived', title: 'REPORT received', text: 'Code 14.', messageId: 'M1' }), {
    key: 'report:M1',
    title: 'REPORT received',
    body: 'Code 14.',
  });
  assert.equal(alertFor({ type: 'export-status', exportId: 'e1', status: 'undeliverable' })?.key, 'export:e1');
  assert.equal(alertFor({ type: 'export-status', exportId: 'e1', status: 'accepted' }), null);
  assert.equal(alertFor({ type: 'inbox-changed', count: 4, unread: 1 }), null);
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

test('a failed handshake job means the mailbox is unreachable, said once even when an alert says it too', () => {
  const job: JobState = {
    name: 'handshake',
    label: 'Handshake',
    schedule: '01:00',
    enabled: true,
    running: false,
    lastResult: 'failed',
    lastMessage: 'MESH did not answer.',
  };
  const fromJob = alertFor({ type: 'job', job })!;
  assert.equal(fromJob.key, 'mailbox-unreachable');
  assert.equal(fromJob.body, 'MESH did not answer.');
  assert.equal(alertFor({ type: 'job', job: { ...job, lastResult: 'ok' } }), null);
  assert.equal(alertFor({ type: 'job', job: { ...job, name: 'tracking' } }), null);
  const shouldSay = createAlertGate();
  assert.equal(shouldSay(fromJob), true);
  assert.equal(shouldSay(alertFor({ type: 'alert', alert: 'mailbox-unreachable', title: 'Unreachable', text: 'Timed out.' })!), false);
});

test('the certificate is announced when expired or within 30 days of expiry, not before', () => {
  const certificate: CertificateSummary = {
    subject: 'CN=x',
    issuer: 'CN=ca',
    commonName: 'x',
    validFrom: '2025-01-01T00:00:00Z',
    validTo: '2026-12-01T00:00:00Z',
    expired: false,
    daysUntilExpiry: 31,
  };
  assert.equal(certificateAlert(certificate), null);
  assert.equal(certificateAlert(null), null);
  assert.match(certificateAlert({ ...certificate, daysUntilExpiry: 1 })!.body, /expires in 1 day\./);
  assert.equal(certificateAlert({ ...certificate, expired: true, daysUntilExpiry: -3 })!.title, 'MESH certificate expired');
});

test('messages newly in the inbox become one notification per arrival, saying how many', () => {
  const shouldSay = createAlertGate(60_000, () => 0);
  const two = alertFor({ type: 'messages-arrived', count: 2, messageIds: ['M1', 'M2'] })!;
  assert.equal(two.title, '2 new MESH messages');
  assert.match(two.body, /^They wait in the inbox\. MESH deletes a message left unacknowledged for 5 days\.$/);
  assert.equal(alertFor({ type: 'messages-arrived', count: 1, messageIds: ['M3'] })?.title, 'A new MESH message');
  assert.equal(shouldSay(two), true);
  assert.equal(shouldSay(alertFor({ type: 'messages-arrived', count: 1, messageIds: ['M3'] })!), true, 'a later arrival is said too');
  assert.equal(shouldSay(alertFor({ type: 'messages-arrived', count: 2, messageIds: ['M1', 'M2'] })!), false, 'the same one is not');
});

test("a background profile's new messages are announced naming it, apart from the profile on screen's", () => {
  const shouldSay = createAlertGate(60_000, () => 0);
  const two = alertFor({ type: 'messages-arrived', count: 2, messageIds: ['M1', 'M2'], profile: 'two' })!;
  assert.equal(two.title, 'two: 2 new MESH messages');
  assert.match(two.body, /^They wait in the inbox of profile two\. /);
  assert.equal(shouldSay(alertFor({ type: 'messages-arrived', count: 2, messageIds: ['M1', 'M2'] })!), true);
  assert.equal(shouldSay(two), true, 'not taken for the same arrival on screen');
});
