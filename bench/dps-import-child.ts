// DPS import, measured in a process of its own: read and check 100,000 records from an import
// CSV (readRecordsFile), then add them to the records store in an empty data folder (applyImport,
// which writes records.json).
import { readRecordsFile } from '../main/dps/read-records';
import type { VaccinationRecord } from '../main/dps/record';
import { openStores } from '../main/store/open-stores';
import { childMain } from './child-main';
import { startMemorySampler, type MemoryFigures } from './memory-sampler';
import { cpuMsSince } from './units';

export interface DpsImportJob {
  dataDir: string;
  recordsPath: string;
}

export interface DpsImportResult {
  rows: number;
  added: number;
  readMs: number;
  applyMs: number;
  /** CPU time of the read and the store write. */
  readCpuMs: number;
  applyCpuMs: number;
  baselineRssMb: number;
  memory: MemoryFigures;
}

childMain<DpsImportJob, DpsImportResult>(async (job) => {
  const stores = await openStores<VaccinationRecord>(job.dataDir);
  try {
    const baselineRssMb = process.memoryUsage().rss / 1e6;
    const sampler = startMemorySampler();
    let started = performance.now();
    let cpu = process.cpuUsage();
    const read = await readRecordsFile(job.recordsPath);
    const readMs = performance.now() - started;
    const readCpuMs = cpuMsSince(cpu);
    if (read.errors.length) {
      const first = read.errors[0]!;
      throw new Error(`The import file has ${read.errors.length} problems, the first on line ${first.line}: ${first.reason}`);
    }
    started = performance.now();
    cpu = process.cpuUsage();
    const outcome = await stores.records.applyImport(read.records);
    const applyMs = performance.now() - started;
    const applyCpuMs = cpuMsSince(cpu);
    return { rows: read.rows, added: outcome.added, readMs, applyMs, readCpuMs, applyCpuMs, baselineRssMb, memory: sampler.stop() };
  } finally {
    await stores.close();
  }
});
