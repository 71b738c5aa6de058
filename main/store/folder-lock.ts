// One writer at a time in a data folder, across processes: the app, `mesh-console jobs` and any
// command may share a folder. The lock itself is proper-lockfile's (an atomic mkdir whose
// mtime the holder refreshes; a lock nobody refreshes for `STALE_MS` is stale and taken over),
// chosen over code of our own because it already gets the hard parts right on every platform:
// atomic creation on local and network file systems, takeover of stale locks, release on exit.
// Beside it we keep who holds it (pid, host, what, since), to say so to whoever waits, and to
// take over at once a lock whose holder process is gone from this machine.
//
// Within one process, callers queue; a caller already holding the lock (the same async chain)
// runs straight through, so a store method may take it whether or not its caller did.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { processIsGone } from '../files/process-gone';

export interface LockOwner {
  pid: number;
  host: string;
  /** What the holder is doing, in words: "mesh-console dps-export", "the console app". */
  purpose: string;
  since: string;
}

/** How long a change waits for another process's lock, unless MESH_LOCK_WAIT_SECONDS says otherwise. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/** MESH_LOCK_WAIT_SECONDS in milliseconds; undefined unless it is a number of 0 or more. */
export function lockWaitFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.MESH_LOCK_WAIT_SECONDS);
  return env.MESH_LOCK_WAIT_SECONDS && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** A lock whose holder's process is gone is taken over once it has not been refreshed for this long. */
const DEAD_HOLDER_MS = 2 * UPDATE_MS;
const POLL_MS = 100;

/** Says which locks the current async chain holds. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** Runs fn outside any lock context: for timers that must take the lock themselves later. */
export function outsideLocks<T>(fn: () => T): T {
  return held.exit(fn);
}

export class FolderBusyError extends Error {
  override name = 'FolderBusyError';
  constructor(
    readonly what: string,
    readonly owner: LockOwner | undefined,
    readonly waitedMs: number,
  ) {
    const who = owner
      ? ` (process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}, ${owner.purpose}, since ${owner.since})`
      : '';
    super(`${what}${who}; waited ${Math.round(waitedMs / 1000)} s for it to finish.`);
  }
}

export class LockLostError extends Error {
  override name = 'LockLostError';
}

export interface FolderLockOptions {
  /** How long a caller waits for another holder before FolderBusyError. */
  waitMs: number;
  /** The sentence's start when the wait runs out, e.g. "Another export is running in this data folder". */
  busySentence: string;
  /** Who this process is, for others' sentences. */
  purpose: string;
  /** Runs each time the lock is taken (not on re-entry): the stores re-read what others changed. */
  onAcquired?: () => Promise<void>;
  /** Told once when a caller has to wait for another process: who holds the lock, for a line saying what it waits for. */
  onWait?: (owner: LockOwner | undefined, waitMs: number) => void;
}

/** What a store needs of the folder's store lock: run a change holding it. */
export interface StoreGuard {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** For a store opened on its own (tests, tools): no other process, no lock. */
export const NO_GUARD: StoreGuard = { run: (fn) => fn() };

const queues = new Map<string, Promise<unknown>>();

export class FolderLock {
  readonly path: string;
  private readonly ownerFile: string;
  private lost: Error | undefined;

  constructor(
    dir: string,
    readonly name: string,
    readonly options: FolderLockOptions,
  ) {
    this.path = join(dir, 'locks', `${name}.lock`);
    this.ownerFile = join(dir, 'locks', `${name}.owner.json`);
  }

  /** True when the current async chain holds this lock. */
  get isHeld(): boolean {
    return held.getStore()?.has(this.path) ?? false;
  }

  /** Throws when the lock was taken away while held (the holder stalled past the stale time). */
  assertHeld(): void {
    if (this.lost) throw this.lost;
  }

  /** Runs fn holding the lock; waits (bounded) for another holder; re-entrant in one async chain. */
  async run<T>(fn: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
    if (this.isHeld) return fn();
    const previous = queues.get(this.path) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.runHolding(fn, options.waitMs ?? this.options.waitMs));
    const tail = mine.catch(() => undefined);
    queues.set(this.path, tail);
    void tail.then(() => {
      if (queues.get(this.path) === tail) queues.delete(this.path);
    });
    return mine;
  }

  /** Who holds the lock now, if anyone says so. */
  async owner(): Promise<LockOwner | undefined> {
    try {
      return JSON.parse(await readFile(this.ownerFile, 'utf8')) as LockOwner;
    } catch {
      return undefined;
    }
  }

  private async runHolding<T>(fn: () => Promise<T>, waitMs: number): Promise<T> {
    const release = await this.acquire(waitMs);
    this.lost = undefined;
    const owner: LockOwner = { pid: process.pid, host: hostname(), purpose: this.options.purpose, since: new Date().toISOString() };
    try {
      await writeFile(this.ownerFile, JSON.stringify(owner), { mode: 0o600 }).catch(() => undefined);
      const names = new Set(held.getStore() ?? []);
      names.add(this.path);
      return await held.run(names, async () => {
        await this.options.onAcquired?.();
        return fn();
      });
    } finally {
      await rm(this.ownerFile, { force: true }).catch(() => undefined);
      await release().catch(() => undefined);
    }
  }

  private async acquire(waitMs: number): Promise<() => Promise<void>> {
    await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const started = Date.now();
    let told = false;
    for (;;) {
      try {
        return await lockfile.lock(this.path, {
          realpath: false,
          // The lock is this folder itself (proper-lockfile would otherwise add a second `.lock`).
          lockfilePath: this.path,
          stale: (await this.holderIsGone()) ? DEAD_HOLDER_MS : STALE_MS,
          update: UPDATE_MS,
          onCompromised: (error) => {
            this.lost = new LockLostError(
              `The ${this.name} lock of the data folder was taken over while this process held it (${error.message}); ` +
                'it stopped before changing anything more. Run the command again.',
            );
          },
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      }
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new FolderBusyError(this.options.busySentence, await this.owner(), waited);
      if (!told && waitMs > 0) {
        told = true;
        this.options.onWait?.(await this.owner(), waitMs);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** The holder named in the owner file was a process on this machine that no longer runs. */
  private async holderIsGone(): Promise<boolean> {
    const owner = await this.owner();
    if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
    try {
      await stat(this.path);
    } catch {
      return false;
    }
    return processIsGone(owner.pid);
  }
}
