// Time as the scheduler sees it: the wall clock (for schedules) and timers (which, like
// Node's, count time the machine was awake, so a sleep makes them fire late). Tests pass a
// clock they move by hand.

export type TimerHandle = unknown;

export interface SchedulerClock {
  now(): Date;
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimer: (ms, fn) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
