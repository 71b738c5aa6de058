// The local MESH server in a process of its own (file store in dataDir, mutual TLS), so the
// client's memory is measured apart from it. Says `{ url }` when listening; on `stop`, closes
// and answers with its own peak memory; on `usage`, with the CPU time it has used.
import { startMeshServer } from '../main/sandbox';
import { readBenchIdentity } from './bench-identity';
import { maxRssMb } from './memory-sampler';

export interface ServerJob {
  identityPath: string;
  dataDir: string;
  /** See MeshServerOptions.gzipFrameBytes. */
  gzipFrameBytes?: number;
}

export type ServerMessage =
  | { kind: 'ready'; url: string }
  | { kind: 'usage'; cpuMs: number }
  | { kind: 'stopped'; maxRssMb: number }
  | { kind: 'failed'; error: string };

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ServerJob;
  const identity = await readBenchIdentity(job.identityPath);
  const server = await startMeshServer({
    dataDir: job.dataDir,
    clientCa: identity.caPem,
    tls: identity.server,
    ...(job.gzipFrameBytes ? { gzipFrameBytes: job.gzipFrameBytes } : {}),
  });
  const say = (message: ServerMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  process.on('message', (message) => {
    const kind = (message as { kind?: string }).kind;
    if (kind === 'usage') {
      const cpu = process.cpuUsage();
      void say({ kind: 'usage', cpuMs: (cpu.user + cpu.system) / 1000 });
      return;
    }
    if (kind !== 'stop') return;
    void server.close().then(async () => {
      await say({ kind: 'stopped', maxRssMb: maxRssMb() });
      process.exit(0);
    });
  });
  // The parent gone (crashed or killed) means nobody will ask this server to stop.
  process.on('disconnect', () => process.exit(0));
  await say({ kind: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'failed', error: String(error) } satisfies ServerMessage, () => process.exit(1));
});
