// A clock the tests move by hand. advance() moves wall time and timer time together and fires
// timers in order; sleep() moves only the wall clock, as a suspended machine does (timers
// count awake time, so they fire late).
import type { SchedulerClock, TimerHandle } from '../../main/jobs/clock';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

export class ManualClock implements SchedulerClock {
  private wall: number;
  private awake = 0;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start: string | Date) {
    this.wall = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.wall);
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer = { id: this.nextId++, due: this.awake + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing each timer when its time comes and letting `settle` finish after each. */
  async advance(ms: number, settle: () => Promise<void> = tick): Promise<void> {
    const end = this.awake + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.wall += next.due - this.awake;
      this.awake = next.due;
      this.timers = this.timers.filter((t) => t !== next);
      next.fn();
      await settle();
    }
    this.wall += end - this.awake;
    this.awake = end;
    await settle();
  }

  /** The machine sleeps: wall time passes, timers do not. */
  sleep(ms: number): void {
    this.wall += ms;
  }
}

async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
