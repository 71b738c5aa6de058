// The audit log screen's work at 100,000 entries, in a process of its own: open the log (read
// and parse audit.jsonl), the first page newest first, then a page of a filter (kind, outcome
// and search together), as the screen asks for them.
import { AuditLog } from '../main/store/audit-log';
import { childMain } from './child-main';
import { maxRssMb } from './memory-sampler';

export interface AuditOpenJob {
  dataDir: string;
}

export interface AuditOpenResult {
  entries: number;
  loadMs: number;
  firstPageMs: number;
  filterMs: number;
  filterTotal: number;
  maxRssMb: number;
}

childMain<AuditOpenJob, AuditOpenResult>(async (job) => {
  let started = performance.now();
  const log = await AuditLog.open(job.dataDir);
  const loadMs = performance.now() - started;
  try {
    started = performance.now();
    const first = log.page({ limit: 200 });
    const firstPageMs = performance.now() - started;
    started = performance.now();
    const filtered = log.page({ kind: 'mesh', outcome: 'failed', search: 'outbox', limit: 200 });
    const filterMs = performance.now() - started;
    if (first.entries.length !== 200 || filtered.total === 0)
      throw new Error(`unexpected pages: ${first.entries.length}, ${filtered.total}`);
    return { entries: first.held, loadMs, firstPageMs, filterMs, filterTotal: filtered.total, maxRssMb: maxRssMb() };
  } finally {
    await log.close();
  }
});
