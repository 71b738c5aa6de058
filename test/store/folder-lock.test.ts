import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FolderBusyError, FolderLock } from '../../main/store/folder-lock';
import { tempDir } from './helpers';

function lockIn(dir: string, waitMs: number): FolderLock {
  return new FolderLock(dir, 'export', { waitMs, purpose: 'the test', busySentence: 'Another export is running' });
}

test('a lock whose holder was killed is taken over once its process is gone, well before the 10 s stale time', async () => {
  const dir = await tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'hold-lock.ts'), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      void exited.then(() => reject(new Error('the child ended before it held the lock')));
    });
    const owner = await lockIn(dir, 0).owner();
    assert.equal(owner?.pid, child.pid, 'the owner file names the holder');
    await assert.rejects(
      lockIn(dir, 0).run(async () => undefined),
      (error: FolderBusyError) => {
        assert.ok(error instanceof FolderBusyError);
        assert.match(error.message, new RegExp(`process ${child.pid}, the lock-holding child, since `));
        return true;
      },
    );
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  // The dead holder no longer touches its lock: with its process gone, 4 s without a touch is enough.
  // A wait shorter than the 10 s stale time can only succeed through the pid check.
  let ran = false;
  await lockIn(dir, 9_000).run(async () => {
    ran = true;
  });
  assert.ok(ran);
  assert.equal(await lockIn(dir, 0).owner(), undefined, 'released, and its owner file gone');
});

test('within one process, callers queue for the lock and a holder may take it again', async () => {
  const dir = await tempDir();
  const lock = lockIn(dir, 5_000);
  const order: string[] = [];
  await Promise.all([
    lock.run(async () => {
      order.push('a in');
      await lock.run(async () => order.push('a again'));
      await new Promise((resolve) => setImmediate(resolve));
      order.push('a out');
    }),
    lock.run(async () => {
      order.push('b in');
      order.push('b out');
    }),
  ]);
  assert.deepEqual(order, ['a in', 'a again', 'a out', 'b in', 'b out']);
});
