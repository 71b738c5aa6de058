// Opens every store in the data folder, wired together: export changes go to the audit log,
// and the records store learns which records are held from the exports store.
import { mkdir } from 'node:fs/promises';
import { AuditLog, type AuditLogOptions } from './audit-log';
import { ExportsStore } from './exports-store';
import { JobStateStore } from './job-state-store';
import type { StoreNotice } from './json-file';
import { RecordsStore, type StoreableRecord } from './records-store';
import { SentStore } from './sent-store';

export interface Stores<R extends StoreableRecord> {
  records: RecordsStore<R>;
  exports: ExportsStore;
  sent: SentStore;
  audit: AuditLog;
  jobs: JobStateStore;
  /** Files that were unreadable and set aside while opening: tell the operator each one. */
  notices: StoreNotice[];
  /** Flushes the audit log; call on shutdown. */
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  now?: () => Date;
  audit?: Omit<AuditLogOptions, 'now'>;
}

export async function openStores<R extends StoreableRecord>(dataDir: string, options: OpenStoresOptions = {}): Promise<Stores<R>> {
  await mkdir(dataDir, { recursive: true });
  const now = options.now;
  const audit = await AuditLog.open(dataDir, { ...options.audit, now });
  const exports = await ExportsStore.open(dataDir, { now, audit });
  const records = await RecordsStore.open<R>(dataDir, exports, { now });
  const sent = await SentStore.open(dataDir, { now });
  const jobs = await JobStateStore.open(dataDir, { now });
  const notices = [audit, exports, records, sent, jobs].flatMap((store) => (store.notice ? [store.notice] : []));
  for (const notice of notices) {
    audit.append({ kind: 'settings', action: 'store file set aside', outcome: 'failed', detail: notice.message });
  }
  return { records, exports, sent, audit, jobs, notices, close: () => audit.close() };
}
