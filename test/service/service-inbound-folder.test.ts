import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../preload/api';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { writeRecords } from '../../main/dps/write-records';
import { createConsoleService } from '../../main/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { scriptedDialogs } from '../support/scripted-dialogs';

function noticeMatching(events: ConsoleEvent[], pattern: RegExp, timeoutMs = 20_000): Promise<ConsoleEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const found = events.find((event) => event.type === 'notice' && pattern.test(event.text));
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`no notice ${pattern} in ${JSON.stringify(events)}`));
      setTimeout(look, 50);
    };
    look();
  });
}

test('the console imports a file dropped in the inbound folder and tells the operator; a bad file is refused and said so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-service-inbound-'));
  const dataDir = join(dir, 'data');
  const inbound = join(dir, 'inbound');
  await mkdir(dataDir);
  await mkdir(inbound);
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ inbound_folder: inbound }));
  const service = await createConsoleService({ dataDir, env: {}, ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) }, startScheduler: false });
  const events: ConsoleEvent[] = [];
  const unsubscribe = service.subscribe((event) => events.push(event));
  try {
    const before = (await service.records()).reduce((sum, row) => sum + row.total, 0);
    await writeRecords(generateDemoRecords(25, { seed: 21 }), join(inbound, 'tonight.csv'), 'csv');
    const imported = await noticeMatching(events, /Imported tonight\.csv from the inbound folder: 25 added/);
    assert.equal(imported.type === 'notice' && imported.level, 'info');
    assert.equal((await service.records()).reduce((sum, row) => sum + row.total, 0), before + 25);

    await writeFile(join(inbound, 'broken.csv'), 'not,a,records,file\n1,2,3,4\n');
    const refused = await noticeMatching(events, /broken\.csv in the inbound folder was refused .* nothing was imported/);
    assert.equal(refused.type === 'notice' && refused.level, 'error');
    assert.equal((await service.records()).reduce((sum, row) => sum + row.total, 0), before + 25, 'nothing imported from the bad file');
    assert.deepEqual((await readdir(inbound)).sort(), ['failed', 'imported']);
  } finally {
    unsubscribe();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
