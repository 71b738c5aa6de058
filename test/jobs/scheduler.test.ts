import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { JobName, JobState, JobTimes } from '../../preload/api';
import { DEFAULT_JOB_TIMES, defaultJobs, type JobBodies } from '../../main/jobs/default-jobs';
import { JobTooSoonError, Scheduler, type JobDefinition, type JobRunOutcome } from '../../main/jobs/scheduler';
import { AuditLog } from '../../main/store/audit-log';
import { JobStateStore } from '../../main/store/job-state-store';
import { ManualClock } from './manual-clock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-jobs-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Harness {
  clock: ManualClock;
  scheduler: Scheduler;
  runs: Record<JobName, string[]>;
  store: JobStateStore;
  audit: AuditLog;
  advance(ms: number): Promise<void>;
}

async function harness(options: {
  start: string;
  enabled?: boolean;
  only?: JobName[];
  times?: Partial<JobTimes>;
  bodies?: Partial<JobBodies>;
  dir?: string;
  prepare?: (store: JobStateStore) => Promise<void>;
  /** Wait for the runs started at start to finish (default true). */
  settleStart?: boolean;
}): Promise<Harness> {
  const dir = options.dir ?? (await tempDir());
  const clock = new ManualClock(options.start);
  const store = await JobStateStore.open(dir);
  await options.prepare?.(store);
  const runs: Record<JobName, string[]> = { handshake: [], dpsExport: [], tracking: [], inboxRefresh: [] };
  const body = (name: JobName) => async (): Promise<JobRunOutcome> => {
    runs[name].push(clock.now().toISOString());
    return options.bodies?.[name] ? options.bodies[name]!() : { result: 'ok' };
  };
  const all = defaultJobs(
    { ...DEFAULT_JOB_TIMES, ...options.times },
    {
      handshake: body('handshake'),
      dpsExport: body('dpsExport'),
      tracking: body('tracking'),
      inboxRefresh: body('inboxRefresh'),
    },
  );
  const jobs = options.only ? all.filter((j) => options.only!.includes(j.name)) : all;
  const audit = await AuditLog.open(dir, { flushDelayMs: 60_000 });
  const scheduler = new Scheduler({ jobs, state: store, enabled: options.enabled ?? true, clock, audit });
  after(() => scheduler.stop());
  await scheduler.start();
  if (options.settleStart !== false) await scheduler.idle();
  return { clock, scheduler, runs, store, audit, advance: (ms) => clock.advance(ms, () => scheduler.idle()) };
}

test('daily times follow Europe/London across the spring change to BST', async () => {
  const h = await harness({ start: '2026-03-28T12:00:00Z', only: ['handshake', 'dpsExport', 'tracking'] });
  await h.advance(3 * DAY);
  // The handshake ran at start (no earlier one); 01:00 does not exist on 29 March, so it runs at 02:00 BST.
  assert.deepEqual(h.runs.handshake, [
    '2026-03-28T12:00:00.000Z',
    '2026-03-29T01:00:00.000Z',
    '2026-03-30T00:00:00.000Z',
    '2026-03-31T00:00:00.000Z',
  ]);
  assert.deepEqual(h.runs.dpsExport, ['2026-03-29T01:00:00.000Z', '2026-03-30T01:00:00.000Z', '2026-03-31T01:00:00.000Z']);
  assert.deepEqual(h.runs.tracking, ['2026-03-29T02:00:00.000Z', '2026-03-30T02:00:00.000Z', '2026-03-31T02:00:00.000Z']);
});

test('daily times follow Europe/London across the autumn change to GMT, and 01:00 runs once though it happens twice', async () => {
  const h = await harness({
    start: '2026-10-24T12:00:00Z',
    only: ['handshake', 'dpsExport', 'tracking'],
    prepare: (store) => store.set('handshake', { lastRunAt: '2026-10-24T00:00:00.000Z', lastResult: 'ok' }),
  });
  await h.advance(2 * DAY);
  assert.deepEqual(h.runs.handshake, ['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']);
  assert.deepEqual(h.runs.dpsExport, ['2026-10-25T02:00:00.000Z', '2026-10-26T02:00:00.000Z']);
  assert.deepEqual(h.runs.tracking, ['2026-10-25T03:00:00.000Z', '2026-10-26T03:00:00.000Z']);
  const state = h.scheduler.state('dpsExport');
  assert.equal(state.nextRunAt, '2026-10-27T02:00:00.000Z');
  assert.equal(state.schedule, 'daily at 02:00');
});

test('runs missed while the machine slept run once on wake, then the schedule goes on', async () => {
  const h = await harness({ start: '2026-11-24T12:00:00Z', only: ['handshake', 'dpsExport', 'tracking'] });
  await h.advance(13.5 * HOUR); // 2026-11-25T01:30Z: the handshake ran at start and at 01:00
  assert.equal(h.runs.handshake.length, 2);
  h.clock.sleep(3 * DAY); // wakes 2026-11-28T01:30Z: three exports and three trackings missed
  h.scheduler.wake();
  await h.scheduler.idle();
  assert.deepEqual(h.runs.dpsExport, ['2026-11-28T01:30:00.000Z']);
  assert.deepEqual(h.runs.tracking, ['2026-11-28T01:30:00.000Z']);
  assert.deepEqual(h.runs.handshake.slice(2), ['2026-11-28T01:30:00.000Z']);
  await h.advance(DAY + HOUR);
  // The catch-up does not move the schedule: 02:00 that day runs as usual.
  assert.deepEqual(h.runs.dpsExport, ['2026-11-28T01:30:00.000Z', '2026-11-28T02:00:00.000Z', '2026-11-29T02:00:00.000Z']);
  assert.deepEqual(h.runs.tracking, ['2026-11-28T01:30:00.000Z', '2026-11-28T03:00:00.000Z']);
});

test('without a wake event, the heartbeat notices the sleep within a minute', async () => {
  const h = await harness({ start: '2026-11-24T12:00:00Z', only: ['dpsExport'] });
  h.clock.sleep(DAY);
  await h.advance(MIN);
  assert.equal(h.runs.dpsExport.length, 1);
  assert.ok(Date.parse(h.runs.dpsExport[0]!) <= Date.parse('2026-11-25T12:01:00Z'));
});

test('a run missed while the console was closed runs once at start, from the saved last run', async () => {
  const dir = await tempDir();
  const first = await harness({ dir, start: '2026-11-20T01:59:00Z', only: ['dpsExport', 'tracking'] });
  await first.advance(2 * MIN);
  assert.deepEqual(first.runs.dpsExport, ['2026-11-20T02:00:00.000Z']);
  await first.scheduler.stop();

  const second = await harness({ dir, start: '2026-11-25T10:00:00Z', only: ['dpsExport', 'tracking'] });
  assert.deepEqual(second.runs.dpsExport, ['2026-11-25T10:00:00.000Z']);
  assert.deepEqual(second.runs.tracking, ['2026-11-25T10:00:00.000Z']);
  await second.advance(12 * HOUR);
  assert.equal(second.runs.dpsExport.length, 1);
  assert.equal(second.scheduler.state('dpsExport').nextRunAt, '2026-11-26T02:00:00.000Z');
});

test('the handshake runs at start when the last one is over 24 hours old, not when it is recent', async () => {
  const stale = await harness({
    start: '2026-11-25T10:00:00Z',
    only: ['handshake'],
    prepare: async (store) => {
      await store.setEnabledSince('2026-11-01T00:00:00.000Z');
      await store.set('handshake', { lastRunAt: '2026-11-24T09:59:00.000Z', lastResult: 'ok' });
    },
  });
  assert.deepEqual(stale.runs.handshake, ['2026-11-25T10:00:00.000Z']);

  const recent = await harness({
    start: '2026-11-25T10:00:00Z',
    only: ['handshake'],
    prepare: async (store) => {
      await store.setEnabledSince('2026-11-01T00:00:00.000Z');
      await store.set('handshake', { lastRunAt: '2026-11-25T01:00:00.000Z', lastResult: 'ok' });
    },
  });
  assert.deepEqual(recent.runs.handshake, []);
  assert.equal(recent.scheduler.state('handshake').nextRunAt, '2026-11-26T01:00:00.000Z');
});

test(
  'off until switched on: nothing runs and no next run is shown; runNow still works; switching on does not catch ' +
    'up the time it was off',
  async () => {
    const h = await harness({ start: '2026-11-24T12:00:00Z', enabled: false, only: ['dpsExport', 'tracking'] });
    await h.advance(2 * DAY);
    assert.deepEqual(h.runs.dpsExport, []);
    assert.equal(h.scheduler.state('dpsExport').enabled, false);
    assert.equal(h.scheduler.state('dpsExport').nextRunAt, undefined);
    assert.equal(h.clock.pendingTimers, 0);

    const state = await h.scheduler.runNow('dpsExport');
    assert.deepEqual(h.runs.dpsExport, ['2026-11-26T12:00:00.000Z']);
    assert.equal(state.lastResult, 'ok');

    await h.scheduler.setEnabled(true);
    await h.scheduler.idle();
    assert.deepEqual(h.runs.tracking, [], 'the 03:00 runs missed while off are not caught up');
    assert.equal(h.scheduler.state('tracking').nextRunAt, '2026-11-27T03:00:00.000Z');
    await h.advance(DAY);
    assert.deepEqual(h.runs.tracking, ['2026-11-27T03:00:00.000Z']);

    await h.scheduler.setEnabled(false);
    await h.advance(2 * DAY);
    assert.deepEqual(h.runs.tracking, ['2026-11-27T03:00:00.000Z']);
  },
);

test('never two runs of one job at once', async () => {
  let release!: () => void;
  let active = 0;
  let most = 0;
  const h = await harness({
    start: '2026-11-25T12:00:00Z',
    only: ['inboxRefresh'],
    settleStart: false,
    bodies: {
      inboxRefresh: async () => {
        active++;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => (release = resolve));
        active--;
        return { result: 'ok' };
      },
    },
  });
  // The first run started at start and is still going; 20 minutes pass.
  await h.clock.advance(20 * MIN);
  assert.equal(h.runs.inboxRefresh.length, 1);
  assert.equal(h.scheduler.state('inboxRefresh').running, true);
  const manual = h.scheduler.runNow('inboxRefresh');
  await h.clock.advance(MIN);
  assert.equal(h.runs.inboxRefresh.length, 1, 'runNow waits for the run under way instead of starting another');
  release();
  await manual;
  // Overdue by then, the next run starts once, as the first ends.
  assert.equal(h.runs.inboxRefresh.length, 2);
  release();
  await h.scheduler.idle();
  assert.equal(h.runs.inboxRefresh.length, 2);
  assert.equal(most, 1);
});

test('inbox refresh: never more often than every 5 minutes, but again at once while a page comes back full', async () => {
  let fullPages = 3;
  const h = await harness({
    start: '2026-11-25T12:00:00Z',
    only: ['inboxRefresh'],
    times: { inboxRefreshMinutes: 1 },
    bodies: { inboxRefresh: async () => ({ result: 'ok', runAgain: fullPages-- > 0 }) },
  });
  // At start: one run plus three more at once for the full pages.
  assert.deepEqual(h.runs.inboxRefresh, Array(4).fill('2026-11-25T12:00:00.000Z'));
  assert.equal(h.scheduler.state('inboxRefresh').schedule, 'every 5 minutes');
  await assert.rejects(
    h.scheduler.runNow('inboxRefresh'),
    (error: Error) => error instanceof JobTooSoonError && /at most every 5 minutes/.test(error.message),
  );
  await h.advance(30 * MIN);
  assert.deepEqual(
    h.runs.inboxRefresh.slice(4),
    [5, 10, 15, 20, 25, 30].map((m) => new Date(Date.parse('2026-11-25T12:00:00Z') + m * MIN).toISOString()),
  );
});

test('a job that keeps asking to run again is stopped after its limit and waits for its schedule', async () => {
  const h = await harness({
    start: '2026-11-25T12:00:00Z',
    only: ['inboxRefresh'],
    bodies: { inboxRefresh: async () => ({ result: 'ok', runAgain: true }) },
  });
  assert.equal(h.runs.inboxRefresh.length, 50);
  assert.equal(h.scheduler.state('inboxRefresh').nextRunAt, '2026-11-25T12:05:00.000Z');
});

test('tracking runs at most hourly: a manual run at 02:30 moves the 03:00 run to 03:30, and a second manual run is refused', async () => {
  const h = await harness({
    start: '2026-11-25T02:30:00Z',
    only: ['tracking'],
    prepare: (store) =>
      store
        .setEnabledSince('2026-11-20T00:00:00.000Z')
        .then(() => store.set('tracking', { lastRunAt: '2026-11-24T03:00:00.000Z', lastResult: 'ok' })),
  });
  await h.scheduler.runNow('tracking');
  await h.advance(15 * MIN);
  await assert.rejects(
    h.scheduler.runNow('tracking'),
    (error: Error) =>
      error instanceof JobTooSoonError &&
      error.message ===
        'Track exports last ran at 2026-11-25T02:30:00.000Z and runs at most every 60 minutes; try again after 2026-11-25T03:30:00.000Z.',
  );
  assert.equal(h.scheduler.state('tracking').nextRunAt, '2026-11-25T03:30:00.000Z');
  await h.advance(2 * HOUR);
  assert.deepEqual(h.runs.tracking, ['2026-11-25T02:30:00.000Z', '2026-11-25T03:30:00.000Z']);
});

test('each job reports last run, result, message and next run; failures are results; events follow changes; results persist', async () => {
  const dir = await tempDir();
  const events: JobState[] = [];
  const h = await harness({
    dir,
    start: '2026-11-25T01:59:00Z',
    only: ['dpsExport'],
    bodies: {
      dpsExport: async () => {
        throw new Error('The DPS mailbox is not set; set it in Settings.');
      },
    },
  });
  h.scheduler.onChange((s) => events.push(s));
  await h.advance(2 * MIN);
  const state = h.scheduler.state('dpsExport');
  assert.deepEqual(state, {
    name: 'dpsExport',
    label: 'DPS export',
    schedule: 'daily at 02:00',
    enabled: true,
    running: false,
    lastRunAt: '2026-11-25T02:00:00.000Z',
    lastResult: 'failed',
    lastMessage: 'The DPS mailbox is not set; set it in Settings.',
    nextRunAt: '2026-11-26T02:00:00.000Z',
  });
  assert.ok(events.some((e) => e.running));
  assert.deepEqual(events.at(-1), state);
  const reopened = await JobStateStore.open(dir);
  assert.equal(reopened.get('dpsExport')?.lastResult, 'failed');
  assert.deepEqual(
    h.audit.search({ kind: 'job' }).map((e) => [e.action, e.outcome, e.detail]),
    [['dpsExport', 'failed', 'failed: The DPS mailbox is not set; set it in Settings.']],
  );
});

test('stop() waits for a running job and then nothing more runs', async () => {
  let release!: () => void;
  let finished = false;
  const h = await harness({
    start: '2026-11-25T12:00:00Z',
    only: ['inboxRefresh'],
    settleStart: false,
    bodies: {
      inboxRefresh: () =>
        new Promise(
          (resolve) =>
            (release = () => {
              finished = true;
              resolve({ result: 'ok' });
            }),
        ),
    },
  });
  let stopped = false;
  const stopping = h.scheduler.stop().then(() => (stopped = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(stopped, false);
  release();
  await stopping;
  assert.equal(finished, true);
  await h.clock.advance(DAY);
  assert.equal(h.runs.inboxRefresh.length, 1);
});

test('the default definitions carry the times of docs/dps-file.md#when-the-jobs-run', () => {
  const noop = async (): Promise<JobRunOutcome> => ({ result: 'ok' });
  const jobs: JobDefinition[] = defaultJobs(DEFAULT_JOB_TIMES, { handshake: noop, dpsExport: noop, tracking: noop, inboxRefresh: noop });
  assert.deepEqual(
    jobs.map((j) => [j.name, j.schedule, j.minIntervalMinutes]),
    [
      ['handshake', { cron: '0 1 * * *' }, 60],
      ['dpsExport', { cron: '0 2 * * *' }, undefined],
      ['tracking', { cron: '0 3 * * *' }, 60],
      ['inboxRefresh', { everyMinutes: 5 }, 5],
    ],
  );
});

test('what a scheduled run audits says it came from a job; a run asked for with runNow says it came from its caller', async () => {
  const dir = await tempDir();
  // The app's log: its appends say 'app' unless a scheduled run is under way. Not flushed: only what it holds is looked at.
  const log = await AuditLog.open(dir, { source: 'app', flushDelayMs: 60_000 });
  const h = await harness({
    start: '2026-11-24T12:00:00Z',
    dir,
    only: ['handshake', 'dpsExport'],
    bodies: {
      handshake: async () => {
        log.append({ kind: 'mesh', action: 'handshake call', outcome: 'ok' });
        return { result: 'ok' };
      },
      dpsExport: async () => {
        log.append({ kind: 'export', action: 'export change', outcome: 'ok' });
        return { result: 'ok' };
      },
    },
  });
  await h.scheduler.runNow('dpsExport');
  assert.deepEqual(
    log
      .search()
      .map((entry) => [entry.action, entry.source])
      .reverse(),
    [
      ['handshake call', 'job'],
      ['export change', 'app'],
    ],
  );
});
