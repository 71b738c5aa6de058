// One unit everywhere in the benchmarks: MB = 10^6 bytes (sizes, MB/s and memory alike).
export const MB = 1_000_000;
export const MiB = 1024 * 1024;

export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}

/** CPU time (user + system) this process has used since `since` (from process.cpuUsage()), in ms. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** The system (kernel) part of the CPU time since `since`, in ms. */
export function systemCpuMsSince(since: NodeJS.CpuUsage): number {
  return process.cpuUsage(since).system / 1000;
}
