// A profile running its jobs in the background speaks to the screens through its notices too,
// named with it and on a topic of its own: a file its inbound folder refuses is said ("two: …"),
// and the next file it imports well clears that, as for the profile on screen. The real service,
// two profiles on a MESH server process; the inbound folder is looked at every 20 ms, and every
// notice is awaited through the service's events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backgroundTopic } from '../../main/app/background-events';
import { NOTICE_TOPICS } from '../../main/domain';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { writeRecords } from '../../main/dps/write-records';
import { recordEvents, serviceOnProfile } from './profile-service';
import { addSandboxProfile, changeSettingsElsewhere, setProfileSecrets, withSandboxFolder } from './profile-support';

/** Puts a file in the folder whole: written under another name, then renamed. */
async function drop(path: string, write: (temp: string) => Promise<unknown>): Promise<void> {
  const temp = `${path}.partial`;
  await write(temp);
  await rename(temp, path);
}

test("a background profile's inbound-folder notices reach the screens named with it, and clear on its own next good import", () =>
  withSandboxFolder('mesh-console-background-notices-', async ({ dir, dataDir, sandbox }) => {
    const inbound = join(dir, 'two-inbound');
    await addSandboxProfile(sandbox, dataDir, 'first', 'X26ABC1');
    await addSandboxProfile(sandbox, dataDir, 'two', 'X26ABC2');
    await setProfileSecrets(dataDir, 'two');
    await mkdir(inbound);
    await changeSettingsElsewhere(join(dataDir, 'profiles', 'two'), { jobsEnabled: true, inboundFolder: inbound });

    const service = await serviceOnProfile(dataDir, 'first', { inboundFolderTiming: { intervalMs: 20, settleMs: 0 } });
    const { events, noticeFrom } = recordEvents(service);
    try {
      await drop(join(inbound, 'broken.csv'), (temp) => writeFile(temp, 'not,a,records,file\n1,2,3,4\n'));
      const refused = await noticeFrom(0, /broken\.csv in the inbound folder was refused/);
      assert.ok(refused.type === 'notice');
      assert.match(refused.text, /^two: broken\.csv in the inbound folder was refused .* nothing was imported/);
      assert.equal(refused.level, 'error');
      assert.equal(
        refused.topic,
        backgroundTopic('two', NOTICE_TOPICS.inboundFolder),
        'a topic of its own: the on-screen one cannot clear it',
      );
      assert.notEqual(refused.topic, NOTICE_TOPICS.inboundFolder);
      assert.equal(
        (await service.records()).reduce((sum, row) => sum + row.total, 0),
        0,
        'the profile on screen imported nothing: the folder is two’s',
      );

      const refusedAt = events.indexOf(refused);
      await drop(join(inbound, 'fixed.csv'), (temp) => writeRecords(generateDemoRecords(5, { seed: 22 }), temp, 'csv'));
      const imported = await noticeFrom(refusedAt, /Imported fixed\.csv from the inbound folder: 5 added/);
      assert.ok(imported.type === 'notice');
      assert.match(imported.text, /^two: Imported fixed\.csv/);
      const cleared = events
        .slice(refusedAt)
        .filter((event) => event.type === 'resolved' && event.topic === backgroundTopic('two', NOTICE_TOPICS.inboundFolder));
      assert.equal(cleared.length, 1, 'its good import cleared its refusal');
      assert.ok(
        !events.some((event) => event.type === 'resolved' && event.topic === NOTICE_TOPICS.inboundFolder),
        'nothing of the profile on screen was cleared',
      );
    } finally {
      await service.close();
    }
  }));
