// When to try a MESH request again, and how long to wait first: mesh-client's policy
// (3 retries, factor 0.5 s, no wait before the first retry, Retry-After honoured), except that
// it is applied per attempt by our own loop so every attempt carries a fresh token.
import type { RetryOptions } from './types';

/** Statuses that mean "busy, try again": mesh-client's status_forcelist. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([425, 429, 502, 503, 504]);

export interface RetryPolicy {
  maxRetries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a server that answered before is waited for when its connections fail. */
  reconnectWindowMs: number;
}

/** The longest wait between two tries while waiting for a server to come back. */
export const RECONNECT_STEP_MS = 2_000;

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxRetries = options.maxRetries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 120_000;
  const reconnectWindowMs = options.reconnectWindowMs ?? 30_000;
  for (const [name, value] of Object.entries({ maxRetries, backoffMs, maxBackoffMs, reconnectWindowMs })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry.${name} must be a number of 0 or more.`);
  }
  return { maxRetries: Math.floor(maxRetries), backoffMs, maxBackoffMs, reconnectWindowMs };
}

/** Whether a response status is worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUSES.has(status);
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry). No wait before
 * the first, then backoff × 2^(retry−1), capped; a Retry-After replaces the backoff (capped too).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxBackoffMs);
  if (retry <= 1) return 0;
  return Math.min(policy.backoffMs * 2 ** (retry - 1), policy.maxBackoffMs);
}

/** Whether another try is allowed after `attempt` tries (1-based) have failed. */
export function mayRetry(policy: RetryPolicy, attempt: number): boolean {
  return attempt <= policy.maxRetries;
}

/**
 * Whether a failed connection is tried again after the usual retries: only for a server that
 * answered before, within the reconnect window counted from the first failure.
 */
export function mayReconnect(policy: RetryPolicy, failingForMs: number): boolean {
  return policy.reconnectWindowMs > 0 && failingForMs < policy.reconnectWindowMs;
}

/** The wait before retry number `retry` while waiting for a server to come back: the usual backoff, at most 2 s. */
export function reconnectDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.min(retryDelayMs(policy, retry), RECONNECT_STEP_MS);
}
