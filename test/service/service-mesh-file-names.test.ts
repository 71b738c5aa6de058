// A file name from MESH (mex-FileName) is the sender's text, never a path on this computer: the
// save dialog is offered a plain name, and nothing is written until the operator picks where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeFileName } from '../../main/operations/safe-file-name';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

test('safeFileName keeps only a plain name: no folders, no control or reserved characters, no device names', () => {
  assert.equal(safeFileName('../../etc/passwd', 'm.dat'), 'passwd');
  assert.equal(safeFileName('..\\..\\Windows\\System32\\drivers\\etc\\hosts', 'm.dat'), 'hosts');
  assert.equal(safeFileName('/absolute/report.csv', 'm.dat'), 'report.csv');
  assert.equal(safeFileName('a<b>c:d"e|f?g*h\u0000i\u001fj.txt', 'm.dat'), 'a_b_c_d_e_f_g_h_i_j.txt');
  assert.equal(safeFileName('...hidden', 'm.dat'), 'hidden');
  assert.equal(safeFileName('trailing. ', 'm.dat'), 'trailing');
  for (const unusable of [undefined, '', '..', '../', ' . ', 'CON', 'nul.txt', 'com1', 'LPT9.csv']) {
    assert.equal(safeFileName(unusable, 'm.dat'), 'm.dat', String(unusable));
  }
  assert.equal(safeFileName('x'.repeat(500), 'm.dat').length, 200);
});

test('saving a message whose MESH file name climbs folders offers only its last part, and writes nothing when cancelled', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-file-names-'));
  const dialogs = scriptedDialogs();
  const service = await startTestService(join(dir, 'data'), { dialogs, seedDemoData: false, startScheduler: false });
  try {
    const sender = service.runtime.localClient('X26ABC2');
    const hostile = join('..', '..', 'escaped.txt');
    const sent = await sender.send({
      to: 'X26ABC1',
      workflowId: 'TEST_WORKFLOW',
      fileName: hostile,
      source: { data: Buffer.from('from elsewhere\n') },
    });
    await sender.close();

    const [item] = (await service.inbox({ refresh: true })).filter((i) => i.messageId === sent.messageId);
    assert.equal(item?.fileName, hostile, 'the inbox shows the name as MESH gave it');

    assert.equal(await service.saveMessage(sent.messageId), null, 'cancelled: nothing saved');
    assert.equal(dialogs.asked.at(-1), 'Save the message [escaped.txt]');
    assert.deepEqual(await readdir(dir), ['data'], 'nothing written');

    const chosen = join(dir, 'chosen.txt');
    dialogs.willSave(chosen);
    const saved = await service.saveMessage(sent.messageId);
    assert.equal(saved?.path, chosen);
    assert.equal(await readFile(chosen, 'utf8'), 'from elsewhere\n');
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
