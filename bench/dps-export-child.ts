// DPS export run, measured in a process of its own over the imported store: runExports for
// every programme (claim, write the CSV, send it to X26ABC2 on `dps export` over mutual TLS,
// record MESH's answer), as the nightly job does.
import { exportStores } from '../main/exports/context';
import { join } from 'node:path';
import { exportCsvPath, runExports } from '../main/exports/run';
import type { VaccinationRecord } from '../main/dps/record';
import { openStores } from '../main/store/open-stores';
import { benchClient } from './bench-client';
import { readBenchIdentity } from './bench-identity';
import { childMain } from './child-main';
import { maxRssMb, startMemorySampler, type MemoryFigures } from './memory-sampler';
import { cpuMsSince } from './units';

export interface DpsExportJob {
  identityPath: string;
  url: string;
  dataDir: string;
}

export interface DpsExportResult {
  runMs: number;
  cpuMs: number;
  exports: { programme: string; status?: string; recordCount: number; messageId?: string; csvPath?: string; error?: string }[];
  baselineRssMb: number;
  /** maxRSS once the store is open, before the measured part: reading records.json is the peak's usual cause. */
  openMaxRssMb: number;
  memory: MemoryFigures;
}

childMain<DpsExportJob, DpsExportResult>(async (job) => {
  const identity = await readBenchIdentity(job.identityPath);
  const stores = await openStores<VaccinationRecord>(job.dataDir);
  const client = benchClient(identity, job.url, 'X26ABC1');
  const exportsDir = join(job.dataDir, 'exports');
  try {
    await client.handshake();
    const baselineRssMb = process.memoryUsage().rss / 1e6;
    const openMaxRssMb = maxRssMb();
    const sampler = startMemorySampler();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const results = await runExports({
      ...exportStores(stores),
      client: async () => client,
      exportsDir,
      dpsMailbox: 'X26ABC2',
      workflowId: 'dps export',
    });
    const runMs = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    const memory = sampler.stop();
    return {
      runMs,
      cpuMs,
      exports: results.map((r) => ({
        programme: r.programme,
        recordCount: r.recordCount,
        ...(r.status ? { status: r.status } : {}),
        ...(r.messageId ? { messageId: r.messageId } : {}),
        ...(r.exportId ? { csvPath: exportCsvPath({ exportsDir }, r.exportId) } : {}),
        ...(r.error ? { error: r.error } : {}),
      })),
      baselineRssMb,
      openMaxRssMb,
      memory,
    };
  } finally {
    await client.close();
    await stores.close();
  }
});
