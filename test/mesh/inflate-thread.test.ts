// The inflation thread (main/mesh/inflate-thread.ts, inflate-worker.cjs) on its own: gzipped bodies
// handed over in the pieces a connection gives, inflated into a real file at a place, and what it
// does with damaged, cut and two-member bodies, a limit (kept, and failed before it is passed), a stop and a
// file it cannot write.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, open, readFile, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  inflateOnThread,
  inflationThread,
  PIECE,
  PIECES_AHEAD,
  ThreadInflationError,
  type ThreadInflation,
} from '../../main/mesh/inflate-thread';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-inflate-thread-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Text that gzips about as well as DPS CSV: numbered lines with a random part. */
function csvLike(lines: number, from = 0): Buffer {
  const noise = randomBytes(lines * 6).toString('hex');
  return Buffer.from(Array.from({ length: lines }, (_, i) => `"${from + i}"|"${noise.slice(i * 12, i * 12 + 12)}"|"dose 1"\n`).join(''));
}

/** Writes `body` into the inflation's body in pieces of `piece` bytes, as TLS hands a body over. */
async function handOver(inflation: ThreadInflation, body: Buffer, piece = 16_384): Promise<void> {
  for (let offset = 0; offset < body.length; offset += piece) {
    const part = body.subarray(offset, offset + piece);
    if (inflation.body.destroyed) throw new Error('the body was refused');
    if (!inflation.body.write(part)) await once(inflation.body, 'drain');
  }
  inflation.body.end();
}

async function openFile(name: string, flags = 'w+'): Promise<{ path: string; handle: FileHandle }> {
  const path = join(dir, name);
  if (flags === 'r') await writeFile(path, '');
  return { path, handle: await open(path, flags) };
}

test('this Node lets the thread drive zlib, so downloads into a file inflate on it', () => {
  // Fails when a Node upgrade takes away what the thread needs: downloads would still work, through the gunzip stream,
  // but slower; look at inflate-thread.ts before upgrading.
  assert.equal(inflationThread(), true);
});

test('a gzipped body in small pieces is inflated into the file at its place, with progress', async () => {
  const data = csvLike(200_000);
  const { path, handle } = await openFile('placed.csv');
  const progress: number[] = [];
  const inflation = inflateOnThread(handle.fd, 1024 * 1024);
  inflation.onWritten = (bytes) => progress.push(bytes);
  inflation.place(1000);
  await handOver(inflation, gzipSync(data));
  assert.equal(await inflation.written, data.length);
  await handle.close();
  const file = await readFile(path);
  assert.equal(file.length, 1000 + data.length);
  assert.ok(file.subarray(1000).equals(data), 'the bytes from the place on are the data, byte for byte');
  assert.ok(progress.length > 1, `progress was heard as it went (${progress.length} times)`);
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    'progress only grows',
  );
  assert.equal(progress.at(-1), data.length);
});

test('a body handed over before its place is known is held, then written there', async () => {
  const data = csvLike(50_000);
  const { path, handle } = await openFile('later.csv');
  const inflation = inflateOnThread(handle.fd, 8 * 1024 * 1024);
  await handOver(inflation, gzipSync(data));
  assert.equal((await stat(path)).size, 0, 'nothing is written before the place is known');
  inflation.place(0);
  assert.equal(await inflation.written, data.length);
  await handle.close();
  assert.ok((await readFile(path)).equals(data));
});

test('while the thread holds a body back, its connection is held too: no more is taken than the pieces ahead', async () => {
  const data = randomBytes(PIECES_AHEAD * PIECE * 3);
  const gzipped = gzipSync(data, { level: 0 });
  const { path, handle } = await openFile('held.bin');
  const queue = 64 * 1024;
  const inflation = inflateOnThread(handle.fd, queue);
  // Everything offered at once, as a connection that is not held back would: the body buffers what it has not taken.
  for (let offset = 0; offset < gzipped.length; offset += 16_384) inflation.body.write(gzipped.subarray(offset, offset + 16_384));
  inflation.body.end();
  // Unplaced, the thread takes nothing; what this thread can do without it is done within a few turns of the loop.
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  const taken = gzipped.length - inflation.body.writableLength;
  assert.ok(taken >= PIECES_AHEAD * PIECE, `the pieces ahead were handed over (${taken} bytes taken)`);
  assert.ok(taken <= (PIECES_AHEAD + 1) * PIECE + 16_384, `no more was taken (${taken} bytes)`);
  inflation.place(0);
  assert.equal(await inflation.written, data.length);
  await handle.close();
  assert.ok((await readFile(path)).equals(data), 'all of it, once placed');
});

test('a body of two gzip members is inflated whole', async () => {
  const first = csvLike(30_000);
  const second = csvLike(20_000, 30_000);
  const { path, handle } = await openFile('members.csv');
  const inflation = inflateOnThread(handle.fd, 1024 * 1024);
  inflation.place(0);
  await handOver(inflation, Buffer.concat([gzipSync(first), gzipSync(second)]));
  assert.equal(await inflation.written, first.length + second.length);
  await handle.close();
  assert.ok((await readFile(path)).equals(Buffer.concat([first, second])));
});

test('damaged and cut gzip bodies fail with zlib codes, and the thread goes on serving others', async () => {
  const gzipped = gzipSync(csvLike(40_000));
  const damaged = Buffer.from(gzipped);
  damaged.fill(0x55, 5_000, 6_000);
  const { handle } = await openFile('damaged.csv');
  for (const [body, code] of [
    [damaged, 'Z_DATA_ERROR'],
    [gzipped.subarray(0, gzipped.length - 2_000), 'Z_BUF_ERROR'],
  ] as const) {
    const inflation = inflateOnThread(handle.fd, 1024 * 1024);
    inflation.place(0);
    // The body may be refused part-way once the thread has failed: that is the failure, heard from `written`.
    inflation.body.on('error', () => {});
    void handOver(inflation, body).catch(() => {});
    await assert.rejects(inflation.written, (error: unknown) => {
      assert.ok(error instanceof ThreadInflationError);
      assert.equal(error.code, code);
      assert.equal(error.local, false);
      return true;
    });
  }
  const data = csvLike(10_000);
  const inflation = inflateOnThread(handle.fd, 1024 * 1024);
  inflation.place(0);
  await handOver(inflation, gzipSync(data));
  assert.equal(await inflation.written, data.length);
  await handle.close();
});

test('a limit: nothing is written past it before the caller has been told, then the rest is', async () => {
  const data = csvLike(200_000);
  const { path, handle } = await openFile('limit.csv');
  const inflation = inflateOnThread(handle.fd, 16 * 1024 * 1024);
  const at = Math.floor(data.length / 2);
  let sizeWhenTold = -1;
  assert.equal(
    await inflation.limit(at, async () => {
      sizeWhenTold = (await stat(path)).size;
    }),
    true,
  );
  inflation.place(0);
  await handOver(inflation, gzipSync(data));
  assert.equal(await inflation.written, data.length);
  assert.ok(sizeWhenTold >= 0 && sizeWhenTold <= at, `told before passing ${at} (the file had ${sizeWhenTold} bytes)`);
  // Once past it, a limit there is refused.
  assert.equal(await inflation.limit(at, async () => {}), false);
  await handle.close();
  assert.ok((await readFile(path)).equals(data));
});

test('a limit whose caller fails before it is passed: nothing is written past it, and written fails with the reason', async () => {
  const data = csvLike(200_000);
  const { path, handle } = await openFile('limit-refused.csv');
  const inflation = inflateOnThread(handle.fd, 16 * 1024 * 1024);
  const at = Math.floor(data.length / 2);
  let onUnhandled!: (reason: unknown) => void;
  const unhandled = new Promise<unknown>((resolve) => process.once('unhandledRejection', (onUnhandled = resolve)));
  assert.equal(
    await inflation.limit(at, async () => {
      throw new Error('the next chunk could not be stopped');
    }),
    true,
  );
  inflation.place(0);
  inflation.body.on('error', () => {});
  void handOver(inflation, gzipSync(data)).catch(() => {});
  const outcome = await Promise.race([
    inflation.written.then(
      () => 'written',
      (error: Error) => error.message,
    ),
    unhandled.then((reason) => `unhandled: ${String(reason)}`),
  ]);
  process.off('unhandledRejection', onUnhandled);
  // Left waiting at its limit, the chunk would keep the thread (and this test's process) alive.
  await inflation.stop();
  assert.equal(outcome, 'the next chunk could not be stopped');
  assert.ok((await stat(path)).size <= at, 'nothing was written past the limit');
  await handle.close();
});

test('stopped, it writes nothing more; its written never comes', async () => {
  const data = csvLike(400_000);
  const { path, handle } = await openFile('stopped.csv');
  const inflation = inflateOnThread(handle.fd, 64 * 1024);
  let done = false;
  void inflation.written.then(() => (done = true)).catch(() => {});
  inflation.place(0);
  inflation.body.on('error', () => {});
  const handing = handOver(inflation, gzipSync(data)).catch(() => {});
  await inflation.stop();
  const sizeAtStop = (await stat(path)).size;
  inflation.body.destroy();
  await handing;
  // Another inflation on the thread, finished after anything the stopped one could still have done.
  const other = await openFile('after-stop.csv');
  const next = inflateOnThread(other.handle.fd, 1024 * 1024);
  next.place(0);
  await handOver(next, gzipSync(csvLike(1_000)));
  await next.written;
  assert.equal((await stat(path)).size, sizeAtStop, 'the file did not change after the stop');
  assert.ok(sizeAtStop < data.length);
  assert.equal(done, false);
  await handle.close();
  await other.handle.close();
});

test('a file it cannot write: the failure is the file\u2019s (local), with its code', async () => {
  const { handle } = await openFile('read-only.csv', 'r');
  const inflation = inflateOnThread(handle.fd, 1024 * 1024);
  inflation.place(0);
  inflation.body.on('error', () => {});
  void handOver(inflation, gzipSync(csvLike(10_000))).catch(() => {});
  await assert.rejects(inflation.written, (error: unknown) => {
    assert.ok(error instanceof ThreadInflationError);
    assert.equal(error.local, true);
    assert.equal(error.code, 'EBADF');
    return true;
  });
  await handle.close();
});
