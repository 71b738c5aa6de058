// The tray's profile lines read from the real service: every profile listed, the one on screen
// with its unread count, a profile added shown with its own environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleService } from '../../main/app/service';
import { trayProfileLines } from '../../main/electron/tray-profiles';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { scriptedDialogs } from '../support/scripted-dialogs';

test('the tray lists every profile of the real service, the one on screen first with its unread count', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-tray-'));
  const dataDir = join(dir, 'data');
  const service = await createConsoleService({
    dataDir,
    env: {},
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
    seedDemoData: false,
    startScheduler: false,
  });
  try {
    await service.addProfile({ name: 'live', environment: 'production', mailbox: 'X26ABC9' });
    assert.deepEqual(await trayProfileLines(service, 2), [
      'local (on screen): local sandbox · jobs off · 2 unread',
      'live: PRODUCTION · jobs off',
    ]);
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
