// `mesh-console folders set`, a process of its own, while the app runs: the app keeps the new
// folders without a restart, the first ones set and a later change alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent, FolderPassItem } from '../../preload/api';
import { createConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { cli } from '../cli/cli-support';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { list } from './folder-support';

const PAIR_CONTROL =
  '<DTSControl><Version>1.0</Version><AddressType>DTS</AddressType><MessageType>Data</MessageType>' +
  '<To_DTS>X26ABC2</To_DTS><WorkflowId>TEST_WORKFLOW</WorkflowId></DTSControl>';

test('folders set by the command line while the app runs are kept at once, and a change to them too', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-app-folders-set-'));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ mesh_jobs: true }));
  const service = await createConsoleService({
    dataDir,
    env: {},
    seedDemoData: false,
    startScheduler: true,
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
  });
  const waiting = new Set<(event: ConsoleEvent) => void>();
  const unsubscribe = service.subscribe((event) => {
    for (const listener of [...waiting]) listener(event);
  });
  /** The first sent item of a pass to come whose file is `name`. */
  const sentFile = (name: string) =>
    new Promise<FolderPassItem>((resolve) => {
      const listener = (event: ConsoleEvent) => {
        const item =
          event.type === 'folders'
            ? event.pass.items.find((i) => i.direction === 'out' && i.outcome === 'sent' && i.name === name)
            : undefined;
        if (!item) return;
        waiting.delete(listener);
        resolve(item);
      };
      waiting.add(listener);
    });
  const cliEnv = { MESH_DATA_DIR: dataDir };
  try {
    assert.equal((await service.folders()).kept, false, 'no folders yet');

    // The first folders: a pair already waiting in OUT goes once the app sees them.
    const first = join(dir, 'first');
    await mkdir(join(first, 'OUT'), { recursive: true });
    await writeFile(join(first, 'OUT', 'one.dat'), 'id\n1\n');
    await writeFile(join(first, 'OUT', 'one.ctl'), PAIR_CONTROL);
    const one = sentFile('one.dat');
    const set = await cli(['folders', 'set', '--out', join(first, 'OUT'), '--in', join(first, 'IN')], cliEnv);
    assert.equal(set.code, 0, set.stderr);
    await one;
    assert.deepEqual(await list(join(first, 'SENT')), ['one.ctl', 'one.dat']);
    const view = await service.folders();
    assert.equal(view.kept, true, view.keptNote);
    assert.equal(view.folders?.out, join(first, 'OUT'));

    // Moved elsewhere: the new OUT is kept, without a restart.
    const second = join(dir, 'second');
    await mkdir(join(second, 'OUT'), { recursive: true });
    await writeFile(join(second, 'OUT', 'two.dat'), 'id\n2\n');
    await writeFile(join(second, 'OUT', 'two.ctl'), PAIR_CONTROL);
    const two = sentFile('two.dat');
    const moved = await cli(['folders', 'set', '--out', join(second, 'OUT'), '--in', join(second, 'IN')], cliEnv);
    assert.equal(moved.code, 0, moved.stderr);
    await two;
    assert.deepEqual(await list(join(second, 'SENT')), ['two.ctl', 'two.dat']);
    assert.equal((await service.folders()).folders?.out, join(second, 'OUT'));
  } finally {
    unsubscribe();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
