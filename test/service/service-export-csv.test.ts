import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

test("an export's CSV is saved where the operator chooses, as the file DPS received; cancelling saves nothing", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-export-csv-'));
  const dataDir = join(dir, 'data');
  const dialogs = scriptedDialogs();
  const service = await startTestService(dataDir, { dialogs, startScheduler: false });
  try {
    const [result] = await service.runExport('hpv');
    assert.equal(result!.status, 'accepted', result!.error);

    const chosen = join(dir, 'saved.csv');
    dialogs.willSave(chosen);
    const saved = await service.saveExportCsv(result!.exportId!);
    assert.ok(dialogs.asked.at(-1)!.endsWith(`[${result!.fileName}]`), "the dialog offers the export's file name");
    const bytes = await readFile(chosen);
    assert.deepEqual(saved, { path: chosen, bytes: bytes.length });
    assert.match(bytes.toString('utf8'), /^"NHS_NUMBER"\|"PERSON_FORENAME"\|/);
    assert.equal(bytes.toString('utf8').trimEnd().split('\n').length, result!.recordCount + 1, 'the header and one row per record');
    const detail = await service.exportDetail(result!.exportId!);
    assert.equal(bytes.length, detail.bytes, 'the same size as the file sent');

    assert.equal(await service.saveExportCsv(result!.exportId!), null, 'a cancelled dialog saves nothing');
    await assert.rejects(service.saveExportCsv('no-such-export'), /There is no export no-such-export/);
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
