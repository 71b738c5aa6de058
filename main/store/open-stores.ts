// Opens every store in the data folder, wired together: export changes go to the audit log,
// the records store learns which records are held from the exports store, and every change
// is made holding the folder's store lock, after re-reading what other processes changed.
import { mkdir } from 'node:fs/promises';
import { removeLeftoverTempFiles } from '../files/atomic-write';
import { AuditLog, type AuditLogOptions } from './audit-log';
import { checkExportHistory, clearHistoryDamaged, markHistoryDamaged, repairSentMarks, type HistoryProblem } from './export-history';
import { ExportsStore } from './exports-store';
import { DEFAULT_LOCK_WAIT_MS, FolderLock } from './folder-lock';
import { JobStateStore } from './job-state-store';
import type { StoreNotice } from './json-file';
import { ReadMarksStore } from './read-marks-store';
import { RecordsStore, type StoreableRecord } from './records-store';
import { SentStore } from './sent-store';

export interface Stores<R extends StoreableRecord> {
  dataDir: string;
  records: RecordsStore<R>;
  exports: ExportsStore;
  sent: SentStore;
  audit: AuditLog;
  jobs: JobStateStore;
  /** Which inbox messages were opened, and their sizes once downloaded. */
  readMarks: ReadMarksStore;
  /** Held briefly by every change to a store file, in every process using the folder. */
  lock: FolderLock;
  /** Held for a whole export run, tracking or recovery: one exporter per data folder. */
  exportLock: FolderLock;
  /** Files that were unreadable and set aside while opening: tell the operator each one. */
  notices: StoreNotice[];
  /** Set when the export history and the records' own sent marks disagree: exports refuse until recovered. */
  historyProblem(): Promise<HistoryProblem | undefined>;
  /** The damaged history was rebuilt (dps-recover): exports may run again. */
  historyRecovered(): Promise<void>;
  /** Re-reads whatever another process changed (the stores do this themselves before each change). */
  refresh(): Promise<void>;
  /** Flushes the audit log; call on shutdown. */
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  now?: () => Date;
  audit?: Omit<AuditLogOptions, 'now' | 'guard'>;
  /** Who this process is, in the sentence another process shows while waiting for it. */
  purpose?: string;
  /** How long a change waits for another process's lock; default 30 s. */
  lockWaitMs?: number;
  /** Told when this process has to wait for another one's lock (a line for the operator). */
  onLockWait?: (sentence: string) => void;
}

function purposeOf(options: OpenStoresOptions): string {
  return options.purpose ?? `process ${process.argv.slice(1, 3).join(' ')}`;
}

/** The lock every change to a store file takes; `refresh` re-reads what other processes wrote once it is held. */
function storeLock(dataDir: string, options: OpenStoresOptions, refresh: () => Promise<void>): FolderLock {
  return new FolderLock(dataDir, 'store', {
    waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    purpose: purposeOf(options),
    busySentence: `Another process is changing the data folder ${dataDir}; nothing was changed`,
    onAcquired: refresh,
  });
}

/** The audit log alone, with the store lock (taken only to convert an old `audit.json` or to rotate the file). */
export async function openAuditLogAlone(dataDir: string, options: OpenStoresOptions = {}): Promise<AuditLog> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let refresh: () => Promise<void> = async () => undefined;
  const lock = storeLock(dataDir, options, () => refresh());
  const audit = await AuditLog.open(dataDir, { ...options.audit, now: options.now, guard: lock });
  refresh = () => audit.refresh();
  return audit;
}

/** What talking to MESH uses: the audit log, the messages sent, the jobs' states (the last handshake). */
export interface MeshStores {
  audit: AuditLog;
  /**
   * The messages sent and the jobs' states, read on first use: of the MESH commands only `send` and `validate` keep
   * anything in them, and sent.json grows with every message sent (20,000 of them cost every command 60 ms and 19 MB).
   */
  sent(): Promise<SentStore>;
  jobs(): Promise<JobStateStore>;
  /** Files that were unreadable and set aside while opening (those of `sent` and `jobs` go to `onLateNotice`). */
  notices: StoreNotice[];
  /** Flushes the audit log. */
  close(): Promise<void>;
}

/** The MESH stores of a data folder whose stores are all open. */
export function meshStoresOf<R extends StoreableRecord>(stores: Stores<R>): MeshStores {
  return {
    audit: stores.audit,
    sent: async () => stores.sent,
    jobs: async () => stores.jobs,
    notices: stores.notices,
    close: () => stores.close(),
  };
}

/**
 * Only the stores MESH commands use, for a process that does nothing else (the command line's MESH commands):
 * records.json, the export history and the read marks are not read. records.json alone took 1.8 s and 130 MB to
 * read at every command's start with 100,000 records (issue 14). `onLateNotice` is told of a file set aside when a
 * store is first used.
 */
export async function openMeshStores(
  dataDir: string,
  options: OpenStoresOptions & { onLateNotice?: (notice: StoreNotice) => void } = {},
): Promise<MeshStores> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const now = options.now;
  const opened: { refresh(): Promise<void> }[] = [];
  const guard = storeLock(dataDir, options, async () => {
    await Promise.all(opened.map((store) => store.refresh()));
  });
  const audit = await AuditLog.open(dataDir, { ...options.audit, now, guard });
  opened.push(audit);
  const onFirstUse = <S extends { refresh(): Promise<void>; notice: StoreNotice | undefined }>(open: () => Promise<S>) => {
    let store: Promise<S> | undefined;
    return () =>
      (store ??= open().then((s) => {
        opened.push(s);
        if (s.notice) options.onLateNotice?.(s.notice);
        return s;
      }));
  };
  return {
    audit,
    sent: onFirstUse(() => SentStore.open(dataDir, { now, guard })),
    jobs: onFirstUse(() => JobStateStore.open(dataDir, { now, guard })),
    notices: [...audit.notices],
    close: () => audit.close(),
  };
}

export async function openStores<R extends StoreableRecord>(dataDir: string, options: OpenStoresOptions = {}): Promise<Stores<R>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await removeLeftoverTempFiles(dataDir);
  const now = options.now;
  const purpose = purposeOf(options);
  const waitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  let refreshAll: () => Promise<void> = async () => undefined;
  const lock = storeLock(dataDir, options, () => refreshAll());
  const exportLock = new FolderLock(dataDir, 'export', {
    waitMs,
    purpose,
    busySentence: 'Another DPS export is running in this data folder, so this one sent nothing; try again when it has finished',
    onWait: (owner, wait) =>
      options.onLockWait?.(
        `Waiting up to ${Math.round(wait / 1000)} s for another DPS export in this data folder to finish` +
          `${owner ? ` (process ${owner.pid}, ${owner.purpose}, since ${owner.since})` : ''}.`,
      ),
  });
  const guard = lock;

  const audit = await AuditLog.open(dataDir, { ...options.audit, now, guard });
  const exports = await ExportsStore.open(dataDir, { now, audit, guard });
  const records = await RecordsStore.open<R>(dataDir, exports, { now, guard });
  const sent = await SentStore.open(dataDir, { now, guard });
  const jobs = await JobStateStore.open(dataDir, { now, guard });
  const readMarks = await ReadMarksStore.open(dataDir, { now, guard });
  refreshAll = async () => {
    await Promise.all([audit.refresh(), exports.refresh(), records.refresh(), sent.refresh(), jobs.refresh(), readMarks.refresh()]);
  };
  const notices = [...audit.notices, ...[exports, records, sent, jobs, readMarks].flatMap((store) => (store.notice ? [store.notice] : []))];
  for (const notice of notices) {
    const action = notice.skippedLines ? 'damaged lines skipped' : 'store file set aside';
    audit.append({ kind: 'settings', action, outcome: 'failed', detail: notice.message });
  }
  if (exports.notice) await markHistoryDamaged(dataDir, exports.notice);
  const stores: Stores<R> = {
    dataDir,
    records,
    exports,
    sent,
    audit,
    jobs,
    readMarks,
    lock,
    exportLock,
    notices,
    historyProblem: () => checkExportHistory(stores),
    historyRecovered: () => clearHistoryDamaged(dataDir),
    refresh: () => refreshAll(),
    close: () => audit.close(),
  };
  await repairSentMarks(stores);
  return stores;
}
