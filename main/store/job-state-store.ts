// The scheduler's memory across restarts, in `jobs.json`: each job's last run, result and
// message, and since when the jobs have been switched on (missed runs before that are not
// caught up).
import { join } from 'node:path';
import { NO_GUARD, type StoreGuard } from './folder-lock';
import { openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';

export interface PersistedJobState {
  lastRunAt?: string;
  lastFinishedAt?: string;
  lastResult?: 'ok' | 'failed' | 'skipped';
  lastMessage?: string;
}

interface JobsFile {
  version: 1;
  enabledSince?: string;
  jobs: Record<string, PersistedJobState>;
}

/** What the scheduler needs to remember; JobStateStore keeps it on disk, tests may keep it in memory. */
export interface JobStatePersistence {
  get(job: string): PersistedJobState | undefined;
  set(job: string, state: PersistedJobState): Promise<void>;
  enabledSince(): string | undefined;
  setEnabledSince(at: string | undefined): Promise<void>;
}

export class JobStateStore implements JobStatePersistence {
  private constructor(
    private readonly opened: OpenedJsonFile<JobsFile>,
    private readonly guard: StoreGuard,
    readonly notice: StoreNotice | undefined,
  ) {}

  private get file(): JobsFile {
    return this.opened.db.data;
  }

  private writeFile(): Promise<void> {
    return this.opened.write();
  }

  /** Re-reads jobs.json if another process changed it (call holding the store lock). */
  async refresh(): Promise<void> {
    await this.opened.reloadIfChanged();
  }

  static async open(dataDir: string, options: { now?: () => Date; guard?: StoreGuard } = {}): Promise<JobStateStore> {
    const opened = await openJsonFile<JobsFile>(join(dataDir, 'jobs.json'), {
      label: 'job state',
      defaults: () => ({ version: 1, jobs: {} }),
      check: (data) =>
        typeof data === 'object' &&
        data !== null &&
        typeof (data as { jobs?: unknown }).jobs === 'object' &&
        (data as { jobs?: unknown }).jobs !== null
          ? undefined
          : 'it does not hold the jobs',
      pretty: true,
      now: options.now,
    });
    return new JobStateStore(opened, options.guard ?? NO_GUARD, opened.notice);
  }

  get(job: string): PersistedJobState | undefined {
    const state = this.file.jobs[job];
    return state ? { ...state } : undefined;
  }

  set(job: string, state: PersistedJobState): Promise<void> {
    return this.guard.run(async () => {
      this.file.jobs[job] = { ...state };
      await this.writeFile();
    });
  }

  enabledSince(): string | undefined {
    return this.file.enabledSince;
  }

  setEnabledSince(at: string | undefined): Promise<void> {
    return this.guard.run(async () => {
      if (at === undefined) delete this.file.enabledSince;
      else this.file.enabledSince = at;
      await this.writeFile();
    });
  }
}
