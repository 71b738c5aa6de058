// A message is acknowledged only once its saved file is on the disk: after "Save and acknowledge"
// MESH no longer holds it, so a power cut must not take the file's contents with it. The flushes
// are watched by wrapping FileHandle.sync and MeshClient.acknowledge, which still do their work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFlushesAndAcknowledgements } from '../support/flush-watch';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

test('save and acknowledge flushes each saved file and its folder to the disk before MESH is told', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-durable-'));
  const folder = join(dir, 'saved');
  await mkdir(folder);
  const dialogs = scriptedDialogs();
  const service = await startTestService(join(dir, 'data'), { dialogs });
  const watch = await watchFlushesAndAcknowledgements(dir);
  try {
    const items = (await service.inbox({ refresh: true })).filter((i) => i.messageType !== 'REPORT').slice(0, 3);
    assert.equal(items.length, 3);
    dialogs.willOpen(folder);
    const result = await service.saveAndAcknowledge(items.map((i) => i.messageId));
    assert.ok(result);
    assert.deepEqual(
      result.results.map((r) => r.ok),
      [true, true, true],
    );

    const firstAck = watch.events.findIndex((e) => e.kind === 'acknowledged');
    assert.ok(firstAck > 0, 'MESH was told');
    const flushedBefore = new Set(watch.events.slice(0, firstAck).flatMap((e) => (e.kind === 'flushed' ? [e.ino] : [])));
    for (const saved of result.results) {
      const { ino } = await stat(saved.path!);
      assert.ok(flushedBefore.has(ino), `${saved.path} was flushed before the first acknowledgement`);
      assert.ok((await readFile(saved.path!)).length > 0);
    }
    assert.ok(flushedBefore.has((await stat(folder)).ino), 'the folder, with the files renamed into it, was flushed first too');
  } finally {
    watch.restore();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a plain save, like `mesh-console get`, does not wait for the disk: nothing is acknowledged after it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-durable-'));
  const dialogs = scriptedDialogs();
  const service = await startTestService(join(dir, 'data'), { dialogs });
  const watch = await watchFlushesAndAcknowledgements(dir);
  try {
    const item = (await service.inbox({ refresh: true })).find((i) => i.messageType !== 'REPORT')!;
    dialogs.willSave(join(dir, 'plain-save'));
    const saved = await service.saveMessage(item.messageId);
    const { ino } = await stat(saved!.path);
    assert.equal(
      watch.events.some((e) => e.kind === 'flushed' && e.ino === ino),
      false,
    );
  } finally {
    watch.restore();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
