// The scheduler's memory across restarts, in `jobs.json`: each job's last run, result and
// message, and since when the jobs have been switched on (missed runs before that are not
// caught up).
import { join } from 'node:path';
import { openJsonFile, type StoreNotice } from './json-file';

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
    private readonly file: JobsFile,
    private readonly writeFile: () => Promise<void>,
    readonly notice: StoreNotice | undefined,
  ) {}

  static async open(dataDir: string, options: { now?: () => Date } = {}): Promise<JobStateStore> {
    const opened = await openJsonFile<JobsFile>(join(dataDir, 'jobs.json'), {
      label: 'job state',
      defaults: () => ({ version: 1, jobs: {} }),
      check: (data) =>
        typeof data === 'object' && data !== null && typeof (data as { jobs?: unknown }).jobs === 'object' && (data as { jobs?: unknown }).jobs !== null
          ? undefined
          : 'it does not hold the jobs',
      pretty: true,
      now: options.now,
    });
    return new JobStateStore(opened.db.data, opened.write, opened.notice);
  }

  get(job: string): PersistedJobState | undefined {
    const state = this.file.jobs[job];
    return state ? { ...state } : undefined;
  }

  async set(job: string, state: PersistedJobState): Promise<void> {
    this.file.jobs[job] = { ...state };
    await this.writeFile();
  }

  enabledSince(): string | undefined {
    return this.file.enabledSince;
  }

  async setEnabledSince(at: string | undefined): Promise<void> {
    if (at === undefined) delete this.file.enabledSince;
    else this.file.enabledSince = at;
    await this.writeFile();
  }
}
