// Runs the console's jobs on their schedules, under these rules:
// - off until switched on; while off, only runNow() runs a job;
// - never two runs of one job at once;
// - a run missed while the machine slept or the console was closed runs once, on wake or
//   start, worked out from the persisted last run (and never for a time the jobs were off);
// - a job may have a floor (minimum minutes between runs) and may run at start when its last
//   run is older than a limit (the handshake's 24 hours);
// - a run that answers runAgain runs again at once, past the floor (an inbox page came back full).
// Timers are short (a heartbeat) so a jump of the wall clock after a sleep is noticed even
// when no wake() arrives.
import type { JobName, JobState } from '../domain';
import type { AuditSink } from '../store/audit-log';
import { asAuditSource } from '../store/audit-source';
import type { JobStatePersistence, PersistedJobState } from '../store/job-state-store';
import { systemClock, type SchedulerClock, type TimerHandle } from './clock';
import { describeSchedule, LONDON, nextCronOccurrence, type JobSchedule } from './schedule';

export interface JobRunOutcome {
  result: 'ok' | 'failed' | 'skipped';
  message?: string;
  /** Run again at once (past the floor): more work is waiting. */
  runAgain?: boolean;
}

export interface JobDefinition {
  name: JobName;
  label: string;
  schedule: JobSchedule;
  /** Never run more often than this, whatever asks. */
  minIntervalMinutes?: number;
  /** At start (or when switched on), due at once when the last run is older than this (or there was none). */
  dueWhenLastRunOlderThanMinutes?: number;
  /** How many runAgain answers in a row are followed before waiting for the schedule. Default 50. */
  maxRunAgain?: number;
  run(): Promise<JobRunOutcome>;
}

export interface SchedulerOptions {
  jobs: readonly JobDefinition[];
  state: JobStatePersistence;
  enabled: boolean;
  clock?: SchedulerClock;
  timezone?: string;
  /** Longest a timer waits before the wall clock is looked at again. Default 60 s. */
  heartbeatMs?: number;
  log?: (line: string) => void;
  /** Each run's result is appended here (kind `job`). */
  audit?: AuditSink;
}

export class JobTooSoonError extends Error {
  override name = 'JobTooSoonError';
}

interface Slot {
  def: JobDefinition;
  persisted: PersistedJobState;
  busy: boolean;
  running?: Promise<void>;
  nextRunAt?: Date;
  /** The last occurrence worked out, so the heartbeat does not ask croner again each minute. */
  cronCache?: { from: number; next: Date | undefined };
}

const MINUTE = 60_000;

export class Scheduler {
  private readonly slots = new Map<JobName, Slot>();
  private readonly listeners = new Set<(state: JobState) => void>();
  private readonly clock: SchedulerClock;
  private readonly timezone: string;
  private readonly heartbeatMs: number;
  private enabled: boolean;
  private started = false;
  private stopped = false;
  private timer: TimerHandle | undefined;
  /** The next tick is the first since start or since switching on: the at-start rules apply. */
  private startup = true;
  private pendingWrites: Promise<unknown>[] = [];

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.timezone = options.timezone ?? LONDON;
    this.heartbeatMs = options.heartbeatMs ?? MINUTE;
    this.enabled = options.enabled;
    for (const def of options.jobs) {
      if (this.slots.has(def.name)) throw new Error(`The job ${def.name} is defined twice.`);
      this.slots.set(def.name, { def, busy: false, persisted: options.state.get(def.name) ?? {} });
    }
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Works out each job's next run (catching up missed ones at once) and starts the timers. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.enabled && !this.options.state.enabledSince()) {
      await this.options.state.setEnabledSince(this.clock.now().toISOString());
    }
    this.tick();
  }

  /** Switches the scheduled runs on or off (the mesh_jobs setting). Runs already going finish. */
  async setEnabled(enabled: boolean): Promise<void> {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    // Runs missed while the jobs were off are not caught up: the schedule starts from now.
    await this.options.state.setEnabledSince(enabled ? this.clock.now().toISOString() : undefined);
    this.options.log?.(`Scheduled jobs switched ${enabled ? 'on' : 'off'}.`);
    if (enabled) this.startup = true;
    if (this.started) this.tick();
    for (const slot of this.slots.values()) this.emit(slot);
  }

  /** The machine woke up: run what was missed, now. */
  wake(): void {
    if (this.started && !this.stopped) this.tick();
  }

  /** Runs a job now, whether the schedule is on or off; waits for a run already under way instead of starting another. */
  async runNow(name: JobName): Promise<JobState> {
    const slot = this.slot(name);
    if (this.stopped) throw new Error(`${slot.def.label} cannot run: the console is shutting down.`);
    if (slot.running) {
      await slot.running;
      return this.stateOf(slot);
    }
    const earliest = this.floorTime(slot);
    const now = this.clock.now();
    if (earliest && earliest > now) {
      throw new JobTooSoonError(
        `${slot.def.label} last ran at ${slot.persisted.lastRunAt} and runs at most every ${slot.def.minIntervalMinutes} minutes; ` +
          `try again after ${earliest.toISOString()}.`,
      );
    }
    await this.launch(slot, false);
    return this.stateOf(slot);
  }

  states(): JobState[] {
    return [...this.slots.values()].map((slot) => this.stateOf(slot));
  }

  state(name: JobName): JobState {
    return this.stateOf(this.slot(name));
  }

  onChange(listener: (state: JobState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no job is running and every result is saved. */
  async idle(): Promise<void> {
    for (;;) {
      const waits = [...[...this.slots.values()].flatMap((s) => (s.running ? [s.running] : [])), ...this.pendingWrites];
      if (waits.length === 0) return;
      await Promise.allSettled(waits);
    }
  }

  /** Stops the timers and waits for running jobs to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  private slot(name: JobName): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`There is no job called ${name}.`);
    return slot;
  }

  private floorTime(slot: Slot): Date | undefined {
    const last = slot.persisted.lastRunAt;
    if (!slot.def.minIntervalMinutes || !last) return undefined;
    return new Date(Date.parse(last) + slot.def.minIntervalMinutes * MINUTE);
  }

  /** When the job is next due, given its last run; a time in the past means due now. */
  private dueAt(slot: Slot, now: Date, startup: boolean): Date | undefined {
    const { def, persisted } = slot;
    const lastRun = persisted.lastRunAt ? new Date(persisted.lastRunAt) : undefined;
    let due: Date | undefined;
    if ('everyMinutes' in def.schedule) {
      due = lastRun ? new Date(lastRun.getTime() + def.schedule.everyMinutes * MINUTE) : now;
    } else {
      const since = this.options.state.enabledSince();
      const from = [lastRun, since ? new Date(since) : undefined].reduce<Date | undefined>(
        (a, b) => (!a ? b : !b ? a : a > b ? a : b),
        undefined,
      );
      const base = from ?? now;
      if (slot.cronCache?.from !== base.getTime()) {
        slot.cronCache = { from: base.getTime(), next: nextCronOccurrence(def.schedule.cron, base, this.timezone) };
      }
      due = slot.cronCache.next;
    }
    const staleAfter = def.dueWhenLastRunOlderThanMinutes;
    if (startup && staleAfter !== undefined && (!lastRun || now.getTime() - lastRun.getTime() > staleAfter * MINUTE)) due = now;
    const floor = this.floorTime(slot);
    if (due && floor && floor > due) due = floor;
    return due;
  }

  private tick(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.stopped || !this.enabled) {
      for (const slot of this.slots.values()) slot.nextRunAt = undefined;
      return;
    }
    const now = this.clock.now();
    const startup = this.startup;
    this.startup = false;
    let soonest: number | undefined;
    for (const slot of this.slots.values()) {
      if (slot.busy) continue;
      const due = this.dueAt(slot, now, startup);
      const changed = due?.getTime() !== slot.nextRunAt?.getTime();
      slot.nextRunAt = due;
      if (due && due <= now) {
        void this.launch(slot, true);
        continue;
      }
      if (changed) this.emit(slot);
      if (due && (soonest === undefined || due.getTime() < soonest)) soonest = due.getTime();
    }
    const wait = soonest === undefined ? this.heartbeatMs : Math.min(this.heartbeatMs, Math.max(0, soonest - now.getTime()));
    this.timer = this.clock.setTimer(wait, () => {
      this.timer = undefined;
      this.tick();
    });
  }

  /** `scheduled`: started by the schedule, not by runNow(); what it audits says it came from a job. */
  private launch(slot: Slot, scheduled: boolean): Promise<void> {
    slot.busy = true;
    slot.nextRunAt = undefined;
    const runJob = async () => {
      const limit = slot.def.maxRunAgain ?? 50;
      for (let round = 0; ; round++) {
        const startedAt = this.clock.now().toISOString();
        this.emit(slot);
        let outcome: JobRunOutcome;
        try {
          outcome = await slot.def.run();
        } catch (error) {
          outcome = { result: 'failed', message: error instanceof Error ? error.message : String(error) };
        }
        slot.persisted = {
          lastRunAt: startedAt,
          lastFinishedAt: this.clock.now().toISOString(),
          lastResult: outcome.result,
          ...(outcome.message ? { lastMessage: outcome.message } : {}),
        };
        const write = this.options.state.set(slot.def.name, slot.persisted).catch((error: Error) => {
          this.options.log?.(`The result of ${slot.def.label} could not be saved: ${error.message}`);
        });
        this.pendingWrites.push(write);
        void write.then(() => {
          this.pendingWrites = this.pendingWrites.filter((w) => w !== write);
        });
        this.options.log?.(`${slot.def.label}: ${outcome.result}${outcome.message ? ` (${outcome.message})` : ''}`);
        this.options.audit?.append({
          kind: 'job',
          action: slot.def.name,
          outcome: outcome.result === 'failed' ? 'failed' : 'ok',
          detail: `${outcome.result}${outcome.message ? `: ${outcome.message}` : ''}`,
        });
        if (!outcome.runAgain || this.stopped || round + 1 >= limit) break;
      }
    };
    const run = scheduled ? asAuditSource('job', runJob) : runJob();
    slot.running = run.finally(() => {
      slot.busy = false;
      slot.running = undefined;
      if (this.started) this.tick();
      this.emit(slot);
    });
    return slot.running;
  }

  private stateOf(slot: Slot): JobState {
    const { def, persisted } = slot;
    return {
      name: def.name,
      label: def.label,
      schedule: describeSchedule(def.schedule),
      enabled: this.enabled,
      running: slot.busy,
      ...(persisted.lastRunAt ? { lastRunAt: persisted.lastRunAt } : {}),
      ...(persisted.lastResult ? { lastResult: persisted.lastResult } : {}),
      ...(persisted.lastMessage ? { lastMessage: persisted.lastMessage } : {}),
      ...(this.enabled && !slot.busy && slot.nextRunAt ? { nextRunAt: slot.nextRunAt.toISOString() } : {}),
    };
  }

  private emit(slot: Slot): void {
    const state = this.stateOf(slot);
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch {
        // A listener's failure must not stop the scheduler.
      }
    }
  }
}
