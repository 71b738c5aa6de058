// The DPS benchmark: a demo import file of 100,000 records made beforehand (not timed), then
// per run, in a fresh data folder, three children: import, CSV build, export run. Every file
// the export sent is downloaded from X26ABC2 and checked byte-identical to the CSV it kept.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { demoRecords } from '../main/dps/demo-records';
import { writeRecords } from '../main/dps/write-records';
import { benchClient } from './bench-client';
import { readBenchIdentity } from './bench-identity';
import { runChild } from './child-runner';
import type { DpsCsvJob, DpsCsvResult } from './dps-csv-child';
import type { DpsExportJob, DpsExportResult } from './dps-export-child';
import type { DpsImportJob, DpsImportResult } from './dps-import-child';
import { loadNow, median, type Figure } from './figures';
import { sha256OfFile } from './payload-files';
import type { BenchContext } from './transfer-bench';
import { MB } from './units';

export const DPS_RECORDS = 100_000;
export const IMPORT_TARGET_S = 5;
export const CSV_TARGET_S = 2;
export const DPS_MEMORY_TARGET_MB = 400;

export interface DpsRun {
  load: number;
  importResult: DpsImportResult;
  csv: DpsCsvResult;
  exported: DpsExportResult;
  verifiedFiles: number;
}

export interface DpsOutcome {
  runs: DpsRun[];
  errors: string[];
  recordsFileBytes: number;
}

async function verifyExports(context: BenchContext, exported: DpsExportResult): Promise<{ verified: number; errors: string[] }> {
  const identity = await readBenchIdentity(context.identityPath);
  const receiver = benchClient(identity, context.url, 'X26ABC2');
  const errors: string[] = [];
  let verified = 0;
  try {
    for (const each of exported.exports) {
      if (each.recordCount === 0) continue;
      if (each.status !== 'accepted' || !each.messageId || !each.csvPath) {
        errors.push(`The ${each.programme} export did not go: ${each.status ?? 'no status'} ${each.error ?? ''}`.trim());
        continue;
      }
      const path = `${each.csvPath}.received`;
      await receiver.download(each.messageId, { path });
      await receiver.acknowledge(each.messageId);
      if ((await sha256OfFile(path)) === (await sha256OfFile(each.csvPath))) verified++;
      else errors.push(`The ${each.programme} export's file as received differs from the CSV it kept.`);
      await rm(path, { force: true });
    }
  } finally {
    await receiver.close();
  }
  return { verified, errors };
}

export async function runDpsBench(context: BenchContext, runs: number): Promise<DpsOutcome> {
  const { log } = context;
  const recordsPath = join(context.workDir, 'dps-records.csv');
  const outcome: DpsOutcome = { runs: [], errors: [], recordsFileBytes: 0 };
  try {
    const started = performance.now();
    const written = await writeRecords(demoRecords(DPS_RECORDS, { seed: 100 }), recordsPath, 'csv');
    outcome.recordsFileBytes = written.bytes;
    log(
      `  made the import file (${written.rows} records, ${(written.bytes / MB).toFixed(1)} MB) in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`,
    );
    for (let run = 1; run <= runs; run++) {
      const dataDir = join(context.workDir, `dps-data-${run}`);
      const csvDir = join(context.workDir, `dps-csv-${run}`);
      const load = loadNow();
      try {
        await mkdir(csvDir, { recursive: true });
        const options = { timeoutMs: 180_000, nodeArgs: context.nodeArgs };
        const importResult = await runChild<DpsImportResult>(
          context.bundleDir,
          'dps-import-child',
          { dataDir, recordsPath } satisfies DpsImportJob,
          options,
        );
        const csv = await runChild<DpsCsvResult>(
          context.bundleDir,
          'dps-csv-child',
          { dataDir, outDir: csvDir } satisfies DpsCsvJob,
          options,
        );
        const exported = await runChild<DpsExportResult>(
          context.bundleDir,
          'dps-export-child',
          { identityPath: context.identityPath, url: context.url, dataDir } satisfies DpsExportJob,
          options,
        );
        const check = await verifyExports(context, exported);
        outcome.errors.push(...check.errors.map((e) => `DPS run ${run}: ${e}`));
        if (importResult.added !== DPS_RECORDS)
          outcome.errors.push(`DPS run ${run}: ${importResult.added} records were added, not ${DPS_RECORDS}.`);
        outcome.runs.push({ load, importResult, csv, exported, verifiedFiles: check.verified });
        log(
          `  run ${run}/${runs} (load ${load.toFixed(1)}): import ${((importResult.readMs + importResult.applyMs) / 1000).toFixed(2)} s ` +
            `(read ${(importResult.readMs / 1000).toFixed(2)} + store ${(importResult.applyMs / 1000).toFixed(2)}), ` +
            `CSV ${((csv.selectMs + csv.writeMs) / 1000).toFixed(2)} s for ${csv.rows} rows, export run ` +
            `${(exported.runMs / 1000).toFixed(2)} s, ` +
            `maxRSS ` +
            `${importResult.memory.maxRssMb.toFixed(0)}/${csv.memory.maxRssMb.toFixed(0)}/${exported.memory.maxRssMb.toFixed(0)} MB, ` +
            `${check.verified} sent files identical`,
        );
      } catch (error) {
        outcome.errors.push(`DPS run ${run}: ${(error as Error).message}`);
        log(`  run ${run}/${runs} failed: ${(error as Error).message}`);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
        await rm(csvDir, { recursive: true, force: true });
      }
    }
  } finally {
    await rm(recordsPath, { force: true });
  }
  return outcome;
}

/** How much of a child's peak came from opening the store, before the measured part. */
function openingNote(
  results: { openMaxRssMb: number; baselineRssMb: number; memory: { peakRssMb: number; peakHeapUsedMb: number } }[],
): string {
  return (
    `maxRSS already ${median(results.map((r) => r.openMaxRssMb)).toFixed(0)} MB once the store was open ` +
    `(records.json read), before the measured part; ` +
    `rss ${median(results.map((r) => r.baselineRssMb)).toFixed(0)} MB at its start, sampled peak during it ` +
    `${median(results.map((r) => r.memory.peakRssMb)).toFixed(0)} MB ` +
    `(V8 heap ${median(results.map((r) => r.memory.peakHeapUsedMb)).toFixed(0)} MB)`
  );
}

export function dpsFigures(outcome: DpsOutcome): Figure[] {
  const { runs } = outcome;
  if (runs.length === 0) return [];
  const loads = runs.map((r) => r.load);
  const first = runs[0]!;
  const exportedBytes = first.csv.bytes;
  return [
    {
      name: `DPS import, ${DPS_RECORDS.toLocaleString('en-GB')} records (readRecordsFile + applyImport)`,
      unit: 's',
      runs: runs.map((r) => (r.importResult.readMs + r.importResult.applyMs) / 1000),
      loads,
      target: { kind: 'max', limit: IMPORT_TARGET_S },
      note:
        `read and check ${median(runs.map((r) => r.importResult.readMs / 1000)).toFixed(2)} s (CPU ` +
        `${median(runs.map((r) => r.importResult.readCpuMs / 1000)).toFixed(2)} s), ` +
        `applyImport ${median(runs.map((r) => r.importResult.applyMs / 1000)).toFixed(2)} s (CPU ` +
        `${median(runs.map((r) => r.importResult.applyCpuMs / 1000)).toFixed(2)} s); ` +
        `import file ${(outcome.recordsFileBytes / MB).toFixed(1)} MB`,
    },
    {
      name: `DPS CSV build, 4 programmes, ${first.csv.rows.toLocaleString('en-GB')} administered records`,
      unit: 's',
      runs: runs.map((r) => (r.csv.selectMs + r.csv.writeMs) / 1000),
      loads,
      target: { kind: 'max', limit: CSV_TARGET_S },
      note:
        `unsentAdministered ${median(runs.map((r) => r.csv.selectMs / 1000)).toFixed(2)} s + writeDpsCsv ` +
        `${median(runs.map((r) => r.csv.writeMs / 1000)).toFixed(2)} s ` +
        `(CPU ${median(runs.map((r) => r.csv.cpuMs / 1000)).toFixed(2)} s); ${(exportedBytes / MB).toFixed(1)} MB in 4 ` +
        `files; opening the store first (not timed) ${median(runs.map((r) => r.csv.openMs / 1000)).toFixed(2)} s`,
    },
    {
      name: 'DPS export run, 4 programmes (runExports: claim, CSV, send)',
      unit: 's',
      runs: runs.map((r) => r.exported.runMs / 1000),
      loads,
      note:
        `CPU ${median(runs.map((r) => r.exported.cpuMs / 1000)).toFixed(2)} s (client process); ${first.verifiedFiles} ` +
        `files sent and downloaded byte-identical`,
    },
    {
      name: 'DPS import peak memory (maxRSS)',
      unit: 'MB',
      runs: runs.map((r) => r.importResult.memory.maxRssMb),
      loads,
      target: { kind: 'max', limit: DPS_MEMORY_TARGET_MB },
      note: `V8 heap peak ${median(runs.map((r) => r.importResult.memory.peakHeapUsedMb)).toFixed(0)} MB`,
    },
    {
      name: 'DPS CSV build peak memory (maxRSS)',
      unit: 'MB',
      runs: runs.map((r) => r.csv.memory.maxRssMb),
      loads,
      target: { kind: 'max', limit: DPS_MEMORY_TARGET_MB },
      note: openingNote(runs.map((r) => r.csv)),
    },
    {
      name: 'DPS export run peak memory (maxRSS)',
      unit: 'MB',
      runs: runs.map((r) => r.exported.memory.maxRssMb),
      loads,
      target: { kind: 'max', limit: DPS_MEMORY_TARGET_MB },
      note: openingNote(runs.map((r) => r.exported)),
    },
  ];
}
