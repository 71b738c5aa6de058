// A benchmark figure: the runs' values, the median reported, the target and whether it is met.
import { loadavg } from 'node:os';

export interface Target {
  /** The median must be at least (`min`) or below (`max`) the limit. */
  kind: 'min' | 'max';
  limit: number;
}

export interface Figure {
  name: string;
  unit: string;
  /** One value per run, in run order. */
  runs: number[];
  target?: Target;
  /** 1-minute load average when each run started. */
  loads: number[];
  /** Anything a reader needs to know about this figure. */
  note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function meets(figure: Figure): boolean | undefined {
  if (!figure.target || figure.runs.length === 0) return undefined;
  const value = median(figure.runs);
  return figure.target.kind === 'min' ? value >= figure.target.limit : value < figure.target.limit;
}

export function loadNow(): number {
  return loadavg()[0]!;
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function targetText(figure: Figure): string {
  if (!figure.target) return '—';
  return `${figure.target.kind === 'min' ? '≥' : '<'} ${figure.target.limit} ${figure.unit}`;
}
