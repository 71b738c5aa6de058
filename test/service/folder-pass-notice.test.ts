// A folder pass that stops is said once, with a topic, and cleared by the next pass that finishes:
// the real service, its local MESH server, Run now with scheduled jobs off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../preload/api';
import { NOTICE_TOPICS } from '../../main/domain';
import { startTestService } from './service-support';

test('a stopped folder pass is a notice until the next pass finishes', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-folder-pass-notice-'));
  const dataDir = join(dir, 'data');
  const mailbox = join(dir, 'mailbox');
  await mkdir(dataDir, { recursive: true });
  await mkdir(mailbox, { recursive: true });
  // FAILED is a file where a folder should be: the pass cannot make it and stops.
  await writeFile(join(mailbox, 'FAILED'), 'in the way\n');
  await writeFile(
    join(dataDir, 'settings.json'),
    JSON.stringify({ folders: { out: join(mailbox, 'OUT'), in: join(mailbox, 'IN'), failed: join(mailbox, 'FAILED') } }),
  );
  const service = await startTestService(dataDir, { seedDemoData: false, startScheduler: false });
  const events: ConsoleEvent[] = [];
  const unsubscribe = service.subscribe((event) => events.push(event));
  const onTopic = (from: number) =>
    events
      .slice(from)
      .filter((event) => (event.type === 'notice' || event.type === 'resolved') && event.topic === NOTICE_TOPICS.folderPass);
  try {
    const stopped = await service.runFolderPass();
    assert.ok(stopped.error, 'the pass stopped');
    const said = onTopic(0);
    assert.equal(said.length, 1);
    assert.equal(said[0]!.type, 'notice');
    assert.match(said[0]!.type === 'notice' ? said[0]!.text : '', /^Mailbox folders: the pass stopped: /);

    await rm(join(mailbox, 'FAILED'));
    const mark = events.length;
    const finished = await service.runFolderPass();
    assert.equal(finished.error, undefined, finished.error);
    assert.deepEqual(
      onTopic(mark).map((event) => event.type),
      ['resolved'],
      'the pass that finished cleared the notice',
    );
  } finally {
    unsubscribe();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
