// What the app does without being asked: the scheduled jobs, the mailbox folders (while the jobs
// are on: OUT here, the inbox by the inbox refresh job, console-folders.ts) and the inbound folder
// of record files. New settings start them all anew.
import { NOTICE_TOPICS, type ConsoleEvent, type FolderPassResult } from '../../domain';
import type { KeptFolders } from '../../folders/keep-folders';
import { JobTooSoonError, type Scheduler } from '../../jobs/scheduler';
import type { InboundFolderWatcher } from '../../operations/inbound-folder';
import type { InboxCache } from '../../operations/inbox';
import { watchInboundFolder, type InboundFolderTiming } from '../../operations/watch-inbound-folder';
import { keepConsoleFolders } from '../console-folders';
import { createConsoleScheduler } from '../console-jobs';
import { refreshInbox, type JobHooks } from '../inbox-refresh';
import type { ConsoleRuntime } from '../runtime';

export interface BackgroundWorkOptions {
  runtime: ConsoleRuntime;
  inbox: InboxCache;
  hooks: JobHooks;
  emit: (event: ConsoleEvent) => void;
  /** Start the scheduler (and so keep the folders); false in the GUI tests. */
  startScheduler: boolean;
  inboundFolderTiming?: InboundFolderTiming;
}

export interface BackgroundWork {
  scheduler(): Scheduler;
  /** The folders kept now, if they are. */
  kept(): KeptFolders | undefined;
  onFolderPass(pass: FolderPassResult): void;
  /**
   * The first read of the inbox, so the overview has a count from the start. With the folders
   * kept, the inbox refresh job's run at start (which also receives into IN) is that read; when
   * the job ran within MESH's 5 minutes, only the overview's own read remains.
   */
  readInboxAtStart(): Promise<void>;
  /** New settings: a scheduler with the new times, the folders and the inbound folder anew. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const { runtime, inbox, hooks, emit, startScheduler } = options;
  let lastPassError: string | undefined;
  const onFolderPass = (pass: FolderPassResult) => {
    emit({ type: 'folders', pass });
    // A file moved to FAILED happens once, so it is always said; a pass that stops is said when its
    // reason changes, not every minute. A message that failed stays in the inbox and is tried again.
    // Each stays until what it reported went through: the file sent, a pass that finishes.
    for (const item of pass.items) {
      if (item.direction !== 'out') continue;
      const topic = NOTICE_TOPICS.folderFileFailed(item.name);
      if (item.outcome === 'failed')
        emit({
          type: 'notice',
          level: 'warning',
          text: `Mailbox folders: ${item.name} went to FAILED. ${item.reason ?? ''}`.trim(),
          topic,
        });
      else if (item.outcome === 'sent') emit({ type: 'resolved', topic });
    }
    if (pass.error && pass.error !== lastPassError)
      emit({ type: 'notice', level: 'warning', text: `Mailbox folders: the pass stopped: ${pass.error}`, topic: NOTICE_TOPICS.folderPass });
    else if (!pass.error && lastPassError) emit({ type: 'resolved', topic: NOTICE_TOPICS.folderPass });
    lastPassError = pass.error;
  };
  const keepFolders = () =>
    startScheduler && runtime.settings.jobsEnabled
      ? keepConsoleFolders(runtime, 'the console app', { log: () => undefined, onPass: onFolderPass })
      : undefined;
  let kept = keepFolders();
  const newScheduler = () => createConsoleScheduler(runtime, inbox, hooks, undefined, () => kept);
  let scheduler = newScheduler();
  const watchScheduler = () => scheduler.onChange((job) => emit({ type: 'job', job }));
  let unwatchScheduler = watchScheduler();
  if (startScheduler) await scheduler.start();

  let watcher: InboundFolderWatcher | undefined;
  const startInboundFolder = () => {
    // A refusal stays until the next file imported well (the refused file's error report stays beside it).
    watcher = watchInboundFolder(
      runtime,
      (level, text) => {
        if (level === 'info') emit({ type: 'resolved', topic: NOTICE_TOPICS.inboundFolder });
        emit({ type: 'notice', level, text, ...(level === 'info' ? {} : { topic: NOTICE_TOPICS.inboundFolder }) });
      },
      options.inboundFolderTiming,
    );
  };
  startInboundFolder();

  const stop = async () => {
    await watcher?.stop();
    watcher = undefined;
    unwatchScheduler();
    await scheduler.stop();
    // After the scheduler: its inbox refresh job passes through the folders.
    await kept?.stop();
  };

  return {
    scheduler: () => scheduler,
    kept: () => kept,
    onFolderPass,
    async readInboxAtStart() {
      if (kept && scheduler.isEnabled) {
        try {
          await scheduler.runNow('inboxRefresh');
          return;
        } catch (error) {
          if (!(error instanceof JobTooSoonError)) throw error;
        }
      }
      await refreshInbox(runtime, inbox, hooks);
    },
    async restart() {
      await stop();
      kept = keepFolders();
      scheduler = newScheduler();
      unwatchScheduler = watchScheduler();
      if (startScheduler) await scheduler.start();
      startInboundFolder();
    },
    stop,
  };
}
