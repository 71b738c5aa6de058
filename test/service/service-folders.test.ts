// Setting the mailbox folders from the app: paths come only from the system's dialog, OUT and IN
// both before anything is saved, and the settings say what was chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

test('with no folders set, choosing asks for OUT then IN; a cancelled dialog saves nothing', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-service-folders-'));
  const dataDir = join(dir, 'data');
  const dialogs = scriptedDialogs();
  const service = await startTestService(dataDir, { dialogs, seedDemoData: false, startScheduler: false });
  try {
    const before = await service.folders();
    assert.equal(before.folders, undefined);
    assert.match(before.keptNote, /^No mailbox folders are set: choose the OUT and IN folders here/);
    await assert.rejects(service.runFolderPass(), /^Error: No mailbox folders are set/);

    dialogs.willOpen(join(dir, 'mailbox', 'OUT'));
    assert.equal(await service.chooseFolder('out'), null, 'IN was not chosen');
    assert.equal((await service.folders()).folders, undefined, 'nothing saved');

    dialogs.willOpen(join(dir, 'mailbox', 'OUT'));
    dialogs.willOpen(join(dir, 'mailbox', 'IN'));
    const view = await service.chooseFolder('in');
    assert.deepEqual(dialogs.asked.slice(-2), [
      'Choose the OUT folder: files put here are sent',
      'Choose the IN folder: messages that arrive are written here',
    ]);
    assert.equal(view?.folders?.out, join(dir, 'mailbox', 'OUT'));
    assert.equal(view?.folders?.in, join(dir, 'mailbox', 'IN'));
    assert.equal(view?.folders?.sent, join(dir, 'mailbox', 'SENT'), 'SENT beside OUT');
    assert.equal(view?.folders?.layout, 'java');
    const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { folders: unknown };
    assert.deepEqual(saved.folders, { out: join(dir, 'mailbox', 'OUT'), in: join(dir, 'mailbox', 'IN') });
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
