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
  /** CPU time the server process has used so far, in ms. */
  serverCpuMs: () => Promise<number>;
  log: (line: string) => void;
}

export interface TransferOutcome {
  case: TransferCase;
  runs: TransferRun[];
  errors: string[];
}

export type TransferRun = TransferResult & {
  load: number;
  verified: boolean;
  /** CPU time the server used while the client sent / downloaded. */
  serverSendCpuMs: number;
  serverDownloadCpuMs: number;
};

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
        const marks: number[] = [];
        const result = await runChild<TransferResult>(context.bundleDir, 'transfer-child', job, {
          timeoutMs: Math.max(120_000, (kase.bytes / MB) * 600),
          nodeArgs: context.nodeArgs,
          onMark: async () => {
            marks.push(await context.serverCpuMs());
          },
        });
        const serverSendCpuMs = (marks[1] ?? NaN) - (marks[0] ?? NaN);
        const serverDownloadCpuMs = (marks[2] ?? NaN) - (marks[1] ?? NaN);
        started = performance.now();
        const verified = result.bytesDownloaded === payload.bytes && (await sha256OfFile(downloadPath)) === payload.sha256;
        outcome.runs.push({ ...result, load, verified, serverSendCpuMs, serverDownloadCpuMs });
        if (!verified) outcome.errors.push(`${kase.label} run ${run}: the downloaded file is NOT the file sent (size or SHA-256 differs).`);
        log(
          `  run ${run}/${kase.runs} (load ${load.toFixed(1)}): send ${mbPerSecond(result.bytesSent, result.sendMs).toFixed(1)} MB/s ` +
            `(CPU client ${(result.sendCpuMs / 1000).toFixed(1)} s of which kernel ` +
            `${(result.sendSystemMs / 1000).toFixed(1)} s, server ${(serverSendCpuMs / 1000).toFixed(1)} s), ` +
            `download ${mbPerSecond(result.bytesDownloaded, result.downloadMs).toFixed(1)} MB/s ` +
            `(CPU client ${(result.downloadCpuMs / 1000).toFixed(1)} s of which kernel ` +
            `${(result.downloadSystemMs / 1000).toFixed(1)} s, server ${(serverDownloadCpuMs / 1000).toFixed(1)} s), ` +
            `client maxRSS ${result.maxRssMb.toFixed(0)} MB ` +
            `(sampled rss/buffers: send ${result.send.peakRssMb.toFixed(0)}/${result.send.peakExternalMb.toFixed(0)}, ` +
            `download ${result.download.peakRssMb.toFixed(0)}/${result.download.peakExternalMb.toFixed(0)} MB), ` +
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

/**
 * Where the time went: wall time, and the CPU time of client and server. Client and server
 * run side by side on the two cores, so on an idle machine the wall time could fall to about the
 * larger of the two CPU times: the "CPU-bound" rate.
 */
function cpuNote(bytes: number, runs: [wallMs: number, clientCpuMs: number, serverCpuMs: number][]): string {
  const wall = median(runs.map((r) => r[0]));
  const client = median(runs.map((r) => r[1]));
  const server = median(runs.map((r) => r[2]));
  return (
    `wall ${(wall / 1000).toFixed(1)} s; CPU time client ${(client / 1000).toFixed(1)} s, server ${(server / 1000).toFixed(1)} s; ` +
    `CPU-bound rate (size ÷ the larger CPU time) ${mbPerSecond(bytes, Math.max(client, server)).toFixed(0)} MB/s`
  );
}

export function transferFigures(outcomes: TransferOutcome[]): Figure[] {
  const figures: Figure[] = [];
  for (const { case: kase, runs } of outcomes) {
    if (runs.length === 0) continue;
    const loads = runs.map((r) => r.load);
    const throughput = kase.throughputTarget ? { kind: 'min' as const, limit: THROUGHPUT_TARGET_MBPS } : undefined;
    figures.push(
      {
        name: `MESH send, ${kase.label}`,
        unit: 'MB/s',
        runs: runs.map((r) => mbPerSecond(r.bytesSent, r.sendMs)),
        loads,
        ...(throughput ? { target: throughput } : {}),
        note: cpuNote(
          kase.bytes,
          runs.map((r) => [r.sendMs, r.sendCpuMs, r.serverSendCpuMs]),
        ),
      },
      {
        name: `MESH download, ${kase.label}`,
        unit: 'MB/s',
        runs: runs.map((r) => mbPerSecond(r.bytesDownloaded, r.downloadMs)),
        loads,
        ...(throughput ? { target: throughput } : {}),
        note: cpuNote(
          kase.bytes,
          runs.map((r) => [r.downloadMs, r.downloadCpuMs, r.serverDownloadCpuMs]),
        ),
      },
      {
        name: `Client peak memory (maxRSS), ${kase.label}`,
        unit: 'MB',
        runs: runs.map((r) => r.maxRssMb),
        loads,
        target: { kind: 'max', limit: CLIENT_MEMORY_TARGET_MB },
        note:
          `sampled peaks: rss ${median(runs.map((r) => Math.max(r.send.peakRssMb, r.download.peakRssMb))).toFixed(0)} MB, ` +
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
      note:
        `median maxRSS at 1 GB (${median(large.runs.map((r) => r.maxRssMb)).toFixed(0)} MB) minus median maxRSS at 200 ` +
        `MB (${median(small.runs.map((r) => r.maxRssMb)).toFixed(0)} MB)`,
    });
  }
  return figures;
}
