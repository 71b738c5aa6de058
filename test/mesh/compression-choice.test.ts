// The per-message gzip decision: where the samples come from, and where the line is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipShrinks, sampleRanges } from '../../main/mesh/compression-choice';

test('small data is sampled whole; larger data in a 16 KiB slice from the middle of each quarter', () => {
  assert.deepEqual(sampleRanges(0), [{ start: 0, end: 0 }]);
  assert.deepEqual(sampleRanges(65_536), [{ start: 0, end: 65_536 }]);
  const ranges = sampleRanges(200_000_000);
  assert.deepEqual(
    ranges.map((r) => r.start),
    [24_991_808, 74_991_808, 124_991_808, 174_991_808],
  );
  assert.ok(ranges.every((r) => r.end - r.start === 16 * 1024));
  const justOver = sampleRanges(65_537);
  assert.deepEqual(
    justOver.map((r) => [r.start, r.end]),
    [
      [0, 16_384],
      [16_384, 32_768],
      [32_768, 49_152],
      [49_152, 65_536],
    ],
  );
});

test('gzip is judged worthwhile for text, not for random bytes or an already-gzipped-like mix', () => {
  const text = Buffer.from(Array.from({ length: 2000 }, (_, i) => `${i},FLU,2026-11-25,completed\n`).join(''));
  assert.equal(gzipShrinks([text]), true);
  assert.equal(gzipShrinks([randomBytes(16_384), randomBytes(16_384)]), false);
  // 5% text in 95% random shrinks by under a tenth: not worth it.
  assert.equal(gzipShrinks([Buffer.concat([text.subarray(0, 820), randomBytes(15_564)])]), false);
  // A quarter text shrinks by more: worth it.
  assert.equal(gzipShrinks([text.subarray(0, 16_384), randomBytes(16_384), randomBytes(16_384), randomBytes(16_384)]), true);
});

test('an empty message stays gzipped (MESH refuses an empty body); a few bytes go plain', () => {
  assert.equal(gzipShrinks([new Uint8Array(0)]), true);
  assert.equal(gzipShrinks([Buffer.from('x')]), false);
});
