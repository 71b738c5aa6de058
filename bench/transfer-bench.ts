// The MESH transfer benchmark: makes each payload, then for each run starts a transfer child
// against the server child, checks the downloaded file is byte-identical (SHA-256), and turns
// the runs into figures.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runChild } from './child-runner';
import { loadNow, median, type Figure } from './figures';
import { sha256OfFile, writeCsvPayload, writeRandomPayload, type PayloadFile } from './payload-files';
import type { TransferJob, TransferResult } from './transfer-child';
import { MB, mbPerSecond } from './units';

export interface TransferCase {
  /** e.g. `200 MB CSV`. */
  label: string;
  kind: 'csv' | 'random';
  bytes: number;
  runs: number;
  /** Whether the throughput targets apply (the issue sets them for 200 MB). */
  throughputTarget: boolean;
}

export interface BenchContext {
  bundleDir: string;
  identityPath: string;
  url: string;
  workDir: string;
  nodeArgs: string[];
  log: (line: string) => void;
}

export interface TransferOutcome {
  case: TransferCase;
  runs: (TransferResult & { load: number; verified: boolean })[];
  errors: string[];
}

export const THROUGHPUT_TARGET_MBPS = 100;
export const CLIENT_MEMORY_TARGET_MB = 150;
/** "Flat": the 1 GB peak may exceed the 200 MB peak by at most this much. */
export const FLATNESS_TOLERANCE_MB = 15;

async function makePayload(kase: TransferCase, path: string): Promise<PayloadFile> {
  return kase.kind === 'csv' ? writeCsvPayload(path, kase.bytes) : writeRandomPayload(path, kase.bytes);
}

export async function runTransferCase(context: BenchContext, kase: TransferCase): Promise<TransferOutcome> {
  const { log } = context;
  const sourcePath = join(context.workDir, `payload-${kase.kind}-${kase.bytes}.${kase.kind === 'csv' ? 'csv' : 'bin'}`);
  const outcome: TransferOutcome = { case: kase, runs: [], errors: [] };
  try {
    let started = performance.now();
    const payload = await makePayload(kase, sourcePath);
    log(`  made the ${kase.label} payload in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`);
    for (let run = 1; run <= kase.runs; run++) {
      const downloadPath = join(context.workDir, `download-${kase.kind}-${run}`);
      const load = loadNow();
      try {
        const job: TransferJob = { identityPath: context.identityPath, url: context.url, sourcePath, downloadPath };
        const result = await runChild<TransferResult>(context.bundleDir, 'transfer-child', job, {
          timeoutMs: Math.max(120_000, (kase.bytes / MB) * 600),
          nodeArgs: context.nodeArgs,
        });
        started = performance.now();
        const verified = result.bytesDownloaded === payload.bytes && (await sha256OfFile(downloadPath)) === payload.sha256;
        outcome.runs.push({ ...result, load, verified });
        if (!verified) outcome.errors.push(`${kase.label} run ${run}: the downloaded file is NOT the file sent (size or SHA-256 differs).`);
        log(
          `  run ${run}/${kase.runs} (load ${load.toFixed(1)}): send ${mbPerSecond(result.bytesSent, result.sendMs).toFixed(1)} MB/s, ` +
            `download ${mbPerSecond(result.bytesDownloaded, result.downloadMs).toFixed(1)} MB/s, client maxRSS ${result.maxRssMb.toFixed(0)} MB, ` +
            `${result.chunks} chunks, ${verified ? 'SHA-256 identical' : 'MISMATCH'}`,
        );
      } catch (error) {
        outcome.errors.push(`${kase.label} run ${run}: ${(error as Error).message}`);
        log(`  run ${run}/${kase.runs} failed: ${(error as Error).message}`);
      } finally {
        await rm(downloadPath, { force: true });
      }
    }
  } finally {
    await rm(sourcePath, { force: true });
  }
  return outcome;
}

export function transferFigures(outcomes: TransferOutcome[]): Figure[] {
  const figures: Figure[] = [];
  for (const { case: kase, runs } of outcomes) {
    if (runs.length === 0) continue;
    const loads = runs.map((r) => r.load);
    const throughput = kase.throughputTarget ? { kind: 'min' as const, limit: THROUGHPUT_TARGET_MBPS } : undefined;
    figures.push(
      { name: `MESH send, ${kase.label}`, unit: 'MB/s', runs: runs.map((r) => mbPerSecond(r.bytesSent, r.sendMs)), loads, ...(throughput ? { target: throughput } : {}) },
      { name: `MESH download, ${kase.label}`, unit: 'MB/s', runs: runs.map((r) => mbPerSecond(r.bytesDownloaded, r.downloadMs)), loads, ...(throughput ? { target: throughput } : {}) },
      {
        name: `Client peak memory (maxRSS), ${kase.label}`,
        unit: 'MB',
        runs: runs.map((r) => r.maxRssMb),
        loads,
        target: { kind: 'max', limit: CLIENT_MEMORY_TARGET_MB },
        note: `sampled peaks: rss ${median(runs.map((r) => Math.max(r.send.peakRssMb, r.download.peakRssMb))).toFixed(0)} MB, ` +
          `V8 heap ${median(runs.map((r) => Math.max(r.send.peakHeapUsedMb, r.download.peakHeapUsedMb))).toFixed(0)} MB, ` +
          `buffers ${median(runs.map((r) => Math.max(r.send.peakExternalMb, r.download.peakExternalMb))).toFixed(0)} MB; ` +
          `rss before the transfer ${median(runs.map((r) => r.baselineRssMb)).toFixed(0)} MB`,
      },
    );
  }
  const small = outcomes.find((o) => o.case.kind === 'csv' && o.case.bytes === 200 * MB && o.runs.length);
  const large = outcomes.find((o) => o.case.kind === 'csv' && o.case.bytes === 1000 * MB && o.runs.length);
  if (small && large) {
    const growth = median(large.runs.map((r) => r.maxRssMb)) - median(small.runs.map((r) => r.maxRssMb));
    figures.push({
      name: 'Client memory growth, 200 MB → 1 GB (flat)',
      unit: 'MB',
      runs: [growth],
      loads: [large.runs[0]!.load],
      target: { kind: 'max', limit: FLATNESS_TOLERANCE_MB },
      note: 'median maxRSS at 1 GB minus median maxRSS at 200 MB',
    });
  }
  return figures;
}
