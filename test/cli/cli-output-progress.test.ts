// Progress on a terminal is redrawn at most every 100 ms however often a transfer reports it (a
// download reports every 256 KiB), and the last figure is always shown before the line ends.
// The clock is the test's own, so nothing here waits or depends on the machine's speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutput, formatBytes } from '../../main/cli/output';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) > 0 };
}

test('1,000 reports within 100 ms draw once, and the last one is drawn when the progress ends', () => {
  const stderr = terminal(true);
  let clock = 0;
  const out = createOutput(false, terminal(false), stderr, () => clock);
  for (let done = 1; done <= 1000; done++) out.progress('Downloading X', done * 1_000_000, done * 1_000_000);
  assert.equal(stderr.writes.length, 1);
  assert.equal(stderr.writes[0], `\rDownloading X: ${formatBytes(1_000_000)} of ${formatBytes(1_000_000)} (100%)   `);
  clock = 50;
  out.progress('Downloading X', 2_000_000_000, 2_000_000_000);
  assert.equal(stderr.writes.length, 1, 'not redrawn 50 ms after the last drawing');
  clock = 100;
  out.progress('Downloading X', 3_000_000_000, 3_000_000_000);
  assert.equal(stderr.writes.length, 2, 'redrawn 100 ms after the last drawing');
  clock = 120;
  out.progress('Downloading X', 4_000_000_000, 4_000_000_000);
  out.endProgress();
  assert.deepEqual(stderr.writes.slice(2), [stderr.writes[2], '\n']);
  assert.equal(stderr.writes[2], `\rDownloading X: ${formatBytes(4_000_000_000)} of ${formatBytes(4_000_000_000)} (100%)   `);
});

test('no progress at all when stderr is not a terminal', () => {
  const stderr = terminal(false);
  const out = createOutput(false, terminal(false), stderr, () => 0);
  out.progress('Sending f', 1, 2);
  out.endProgress();
  assert.deepEqual(stderr.writes, []);
});
