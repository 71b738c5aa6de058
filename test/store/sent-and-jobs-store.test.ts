import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobStateStore } from '../../main/store/job-state-store';
import { SentStore } from '../../main/store/sent-store';
import { tempDir } from './helpers';

test('sent messages are kept newest first with their last tracking status', async () => {
  const dir = await tempDir();
  const sent = await SentStore.open(dir);
  await sent.add({ messageId: 'M1', to: 'X26ABC2', workflowId: 'TEST_WF', fileName: 'a.txt', bytes: 10, sentAt: '2026-11-25T10:00:00Z' });
  await sent.add({
    messageId: 'M2',
    to: 'X26ABC3',
    workflowId: 'TEST_WF',
    subject: 'Hi',
    localId: 'L2',
    bytes: 20,
    sentAt: '2026-11-25T11:00:00Z',
  });
  await sent.updateTracking('M1', { status: 'accepted', trackedAt: '2026-11-25T12:00:00Z' });
  await sent.updateTracking('M1', { trackedAt: '2026-11-25T13:00:00Z', trackingError: 'MESH could not be reached' });
  const reopened = await SentStore.open(dir);
  assert.deepEqual(
    reopened.list().map((m) => m.messageId),
    ['M2', 'M1'],
  );
  assert.deepEqual(reopened.get('M1'), {
    messageId: 'M1',
    to: 'X26ABC2',
    workflowId: 'TEST_WF',
    fileName: 'a.txt',
    bytes: 10,
    sentAt: '2026-11-25T10:00:00Z',
    status: 'accepted',
    trackedAt: '2026-11-25T13:00:00Z',
    trackingError: 'MESH could not be reached',
  });
  await assert.rejects(sent.updateTracking('nope', { trackedAt: 'x' }), /not in the sent list/);
});

test('job state survives a restart', async () => {
  const dir = await tempDir();
  const jobs = await JobStateStore.open(dir);
  await jobs.set('dpsExport', { lastRunAt: '2026-11-25T02:00:00.000Z', lastResult: 'ok', lastMessage: '2 files sent' });
  await jobs.setEnabledSince('2026-11-20T09:00:00.000Z');
  const reopened = await JobStateStore.open(dir);
  assert.deepEqual(reopened.get('dpsExport'), { lastRunAt: '2026-11-25T02:00:00.000Z', lastResult: 'ok', lastMessage: '2 files sent' });
  assert.equal(reopened.enabledSince(), '2026-11-20T09:00:00.000Z');
  assert.equal(reopened.get('tracking'), undefined);
});
