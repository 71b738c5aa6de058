// The tray's line for each profile: its MESH, its jobs, the last job's outcome and what is unread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trayLines, type JobState } from '../../main/domain';

const job = (label: string, lastRunAt: string | undefined, lastResult?: JobState['lastResult']): JobState => ({
  name: 'handshake',
  label,
  schedule: '0 6 * * *',
  enabled: true,
  running: false,
  ...(lastRunAt ? { lastRunAt } : {}),
  ...(lastResult ? { lastResult } : {}),
});

test('each profile is one line: environment, jobs, the latest job to run and unread messages', () => {
  assert.deepEqual(
    trayLines([
      {
        name: 'live',
        onScreen: true,
        environment: 'production',
        jobsEnabled: true,
        unread: 3,
        jobs: [
          job('Validate mailbox', '2026-12-02T06:00:00Z', 'ok'),
          job('DPS export', '2026-12-02T07:00:00Z', 'failed'),
          job('Tracking', undefined),
        ],
      },
      { name: 'test', onScreen: false, environment: 'integration', jobsEnabled: false, unread: 0 },
      { name: 'broken', onScreen: false, problem: 'settings.json is not JSON.' },
    ]),
    [
      'live (on screen): PRODUCTION · jobs on · last: DPS export FAILED · 3 unread',
      'test: integration · jobs off',
      'broken: settings cannot be read',
    ],
  );
});

test('a skipped job is said as skipped, and no job run yet says nothing of jobs', () => {
  assert.deepEqual(
    trayLines([
      {
        name: 'a',
        onScreen: false,
        environment: 'local',
        jobsEnabled: true,
        jobs: [job('Inbox refresh', '2026-12-01T10:00:00Z', 'skipped')],
      },
    ]),
    ['a: local sandbox · jobs on · last: Inbox refresh skipped'],
  );
  assert.deepEqual(
    trayLines([{ name: 'a', onScreen: false, environment: 'local', jobsEnabled: true, jobs: [job('Inbox refresh', undefined)] }]),
    ['a: local sandbox · jobs on'],
  );
});
