// Memory of the process that runs a benchmark: the kernel's peak resident set (maxRSS, which
// no sampling can miss) and samples of rss / V8 heap / off-heap buffers taken while it runs.
import { MB } from './units';

export interface MemoryFigures {
  /** process.resourceUsage().maxRSS, over the whole life of the process, in MB. */
  maxRssMb: number;
  /** Highest sampled rss while the sampler ran, in MB. */
  peakRssMb: number;
  /** Highest sampled V8 heapUsed, in MB. */
  peakHeapUsedMb: number;
  /** Highest sampled `external` (memory outside the V8 heap: Buffers, zlib, TLS), in MB. */
  peakExternalMb: number;
  samples: number;
}

export interface MemorySampler {
  /** Peaks since the sampler started (or since the last `phase()`), and resets them. */
  phase(): MemoryFigures;
  stop(): MemoryFigures;
}

export function maxRssMb(): number {
  // Linux reports ru_maxrss in kibibytes.
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

export function startMemorySampler(intervalMs = 20): MemorySampler {
  let peakRss = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  let samples = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakExternal = Math.max(peakExternal, usage.external);
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  const figures = (): MemoryFigures => {
    sample();
    const result = {
      maxRssMb: maxRssMb(),
      peakRssMb: peakRss / MB,
      peakHeapUsedMb: peakHeap / MB,
      peakExternalMb: peakExternal / MB,
      samples,
    };
    peakRss = peakHeap = peakExternal = samples = 0;
    return result;
  };
  return {
    phase: figures,
    stop() {
      clearInterval(timer);
      return figures();
    },
  };
}
