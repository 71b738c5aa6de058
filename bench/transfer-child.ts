// One MESH transfer, measured in a process of its own: X26ABC1 sends a file to X26ABC2
// (gzip, 20 MiB chunks), then X26ABC2 downloads it to a file and acknowledges it. The
// handshakes before it open the TLS connections, so the timings are of the transfer alone.
import { DEFAULT_CHUNK_SIZE } from '../main/mesh';
import { benchClient } from './bench-client';
import { readBenchIdentity } from './bench-identity';
import { childMain, markPhase } from './child-main';
import { startMemorySampler, maxRssMb, type MemoryFigures } from './memory-sampler';
import { cpuMsSince, systemCpuMsSince } from './units';

export interface TransferJob {
  identityPath: string;
  url: string;
  sourcePath: string;
  downloadPath: string;
}

export interface TransferResult {
  bytesSent: number;
  bytesDownloaded: number;
  chunks: number;
  sendMs: number;
  downloadMs: number;
  /** CPU time this process used sending / downloading (on an idle machine, the most the wall time could shrink to). */
  sendCpuMs: number;
  downloadCpuMs: number;
  /** The kernel's part of those CPU times (TCP, file writes, page cache). */
  sendSystemMs: number;
  downloadSystemMs: number;
  /** rss before the transfer started (node, the bundle, two clients with TLS connections). */
  baselineRssMb: number;
  send: MemoryFigures;
  download: MemoryFigures;
  /** maxRSS of the whole process at the end. */
  maxRssMb: number;
}

childMain<TransferJob, TransferResult>(async (job) => {
  const identity = await readBenchIdentity(job.identityPath);
  const sender = benchClient(identity, job.url, 'X26ABC1');
  const receiver = benchClient(identity, job.url, 'X26ABC2');
  try {
    await sender.handshake();
    await receiver.handshake();
    const baselineRssMb = process.memoryUsage().rss / 1e6;
    const sampler = startMemorySampler();

    await markPhase();
    let started = performance.now();
    let cpu = process.cpuUsage();
    const sent = await sender.send({
      to: 'X26ABC2',
      workflowId: 'TEST_WORKFLOW',
      source: { path: job.sourcePath },
      chunkSizeBytes: DEFAULT_CHUNK_SIZE,
    });
    const sendMs = performance.now() - started;
    const sendCpuMs = cpuMsSince(cpu);
    const sendSystemMs = systemCpuMsSince(cpu);
    const send = sampler.phase();
    await markPhase();

    started = performance.now();
    cpu = process.cpuUsage();
    const downloaded = await receiver.download(sent.messageId, { path: job.downloadPath });
    const downloadMs = performance.now() - started;
    const downloadCpuMs = cpuMsSince(cpu);
    const downloadSystemMs = systemCpuMsSince(cpu);
    const download = sampler.stop();
    await markPhase();
    await receiver.acknowledge(sent.messageId);

    return {
      bytesSent: sent.bytes,
      bytesDownloaded: downloaded.bytes,
      chunks: sent.chunks,
      sendMs,
      downloadMs,
      sendCpuMs,
      downloadCpuMs,
      sendSystemMs,
      downloadSystemMs,
      baselineRssMb,
      send,
      download,
      maxRssMb: maxRssMb(),
    };
  } finally {
    await sender.close();
    await receiver.close();
  }
});
