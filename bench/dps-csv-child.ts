// DPS CSV build, measured in a process of its own over the imported store: for each of the
// four programmes, its unsent administered records (RecordsStore.unsentAdministered) written as
// a DPS CSV (writeDpsCsv), as an export run does; together they hold every administered record
// of the 100,000.
import { join } from 'node:path';
import { writeDpsCsv } from '../main/dps/dps-csv';
import { PROGRAMMES } from '../main/dps/programmes';
import type { VaccinationRecord } from '../main/dps/record';
import { openStores } from '../main/store/open-stores';
import { childMain } from './child-main';
import { maxRssMb, startMemorySampler, type MemoryFigures } from './memory-sampler';
import { cpuMsSince } from './units';

export interface DpsCsvJob {
  dataDir: string;
  outDir: string;
}

export interface DpsCsvResult {
  /** Opening the store (reading records.json); not part of the build. */
  openMs: number;
  storeSize: number;
  /** unsentAdministered for the four programmes. */
  selectMs: number;
  /** writeDpsCsv for the four programmes. */
  writeMs: number;
  /** CPU time of the select and the writes. */
  cpuMs: number;
  rows: number;
  bytes: number;
  files: { programme: string; rows: number; bytes: number; path: string }[];
  baselineRssMb: number;
  /** maxRSS once the store is open, before the measured part: reading records.json is the peak's usual cause. */
  openMaxRssMb: number;
  memory: MemoryFigures;
}

childMain<DpsCsvJob, DpsCsvResult>(async (job) => {
  let started = performance.now();
  const stores = await openStores<VaccinationRecord>(job.dataDir);
  const openMs = performance.now() - started;
  try {
    const baselineRssMb = process.memoryUsage().rss / 1e6;
    const openMaxRssMb = maxRssMb();
    const sampler = startMemorySampler();
    const cpu = process.cpuUsage();
    let selectMs = 0;
    let writeMs = 0;
    const files: DpsCsvResult['files'] = [];
    for (const programme of PROGRAMMES) {
      started = performance.now();
      const records = stores.records.unsentAdministered(programme);
      selectMs += performance.now() - started;
      const path = join(job.outDir, `${programme}.csv`);
      started = performance.now();
      const written = await writeDpsCsv(records, path, { programme });
      writeMs += performance.now() - started;
      files.push({ programme, rows: written.rows, bytes: written.bytes, path });
    }
    const cpuMs = cpuMsSince(cpu);
    return {
      cpuMs,
      openMs,
      storeSize: stores.records.size,
      selectMs,
      writeMs,
      rows: files.reduce((sum, file) => sum + file.rows, 0),
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      files,
      baselineRssMb,
      openMaxRssMb,
      memory: sampler.stop(),
    };
  } finally {
    await stores.close();
  }
});
