import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isRetryableStatus,
  mayReconnect,
  mayRetry,
  parseRetryAfter,
  reconnectDelayMs,
  retryDelayMs,
  retryPolicy,
} from '../../main/mesh/retry-policy';

test('defaults follow mesh-client: 3 retries, factor 0.5 s, cap 120 s', () => {
  assert.deepEqual(retryPolicy(), { maxRetries: 3, backoffMs: 500, maxBackoffMs: 120_000, reconnectWindowMs: 30_000 });
});

test('no wait before the first retry, then factor × 2^(n−1)', () => {
  const policy = retryPolicy();
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => retryDelayMs(policy, n)),
    [0, 1000, 2000, 4000],
  );
  assert.equal(retryDelayMs(retryPolicy({ backoffMs: 500, maxBackoffMs: 1500 }), 3), 1500);
});

test('Retry-After replaces the backoff, capped at the maximum', () => {
  const policy = retryPolicy({ maxBackoffMs: 10_000 });
  assert.equal(retryDelayMs(policy, 1, 3000), 3000);
  assert.equal(retryDelayMs(policy, 2, 0), 0);
  assert.equal(retryDelayMs(policy, 1, 60_000), 10_000);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(' 0 '), 0);
  const now = Date.parse('2026-11-25T12:00:00Z');
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 12:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test('retries 425, 429, 502, 503, 504 and nothing else', () => {
  const retried = [200, 202, 400, 403, 404, 410, 417, 425, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus);
  assert.deepEqual(retried, [425, 429, 502, 503, 504]);
});

test('maxRetries counts retries after the first try', () => {
  const policy = retryPolicy({ maxRetries: 2 });
  assert.deepEqual(
    [1, 2, 3].map((attempt) => mayRetry(policy, attempt)),
    [true, true, false],
  );
  assert.equal(mayRetry(retryPolicy({ maxRetries: 0 }), 1), false);
  assert.throws(() => retryPolicy({ backoffMs: -1 }), /backoffMs/);
});

test('waiting for a server to come back: within the window only, at most 2 s between tries', () => {
  const policy = retryPolicy();
  assert.equal(mayReconnect(policy, 0), true);
  assert.equal(mayReconnect(policy, 29_999), true);
  assert.equal(mayReconnect(policy, 30_000), false);
  assert.equal(mayReconnect(retryPolicy({ reconnectWindowMs: 0 }), 0), false, '0 turns it off');
  assert.equal(reconnectDelayMs(policy, 2), 1000);
  assert.equal(reconnectDelayMs(policy, 10), 2000);
  assert.throws(() => retryPolicy({ reconnectWindowMs: -1 }), /reconnectWindowMs/);
});
