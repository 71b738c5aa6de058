import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runExports, retryExport, exportCsvPath } from '../../main/exports/run';
import { trackAcceptedExports } from '../../main/exports/tracking';
import { applyInboxReports } from '../../main/exports/reports';
import { dpsCsvBuffer } from '../../main/dps/dps-csv';
import { ADMINISTERED } from '../../main/dps/record';
import { downloadedBytes } from '../support/download';
import { exportFixture } from './export-fixture';

test('export → DPS downloads the exact CSV → acknowledge → tracked to acknowledged; nothing goes twice', async () => {
  const f = await exportFixture();
  try {
    const results = await runExports(f.context());
    const sent = results.filter((r) => r.recordCount > 0);
    assert.ok(sent.length >= 3, 'demo data covers several programmes');
    for (const result of sent) {
      assert.equal(result.status, 'accepted', result.error);
      const expected = await dpsCsvBuffer(f.records.filter((r) => r.programme === result.programme && r.outcome === ADMINISTERED));
      const kept = await readFile(exportCsvPath(f.context(), result.exportId!));
      assert.ok(kept.equals(expected), 'the CSV kept for the export is the DPS file');

      const metadata = await f.dps.metadata(result.messageId!);
      assert.equal(metadata.fileName, result.fileName);
      assert.equal(metadata.workflowId, 'dps export');
      assert.equal(metadata.localId, f.stores.exports.get(result.exportId!)!.localId);
      assert.ok((await downloadedBytes(f.dps, result.messageId!)).equals(expected), 'DPS receives the CSV byte for byte');
      await f.dps.acknowledge(result.messageId!);
    }
    const tracked = await trackAcceptedExports(f.context());
    assert.deepEqual(tracked.problems, []);
    assert.equal(tracked.exports.length, sent.length);
    for (const e of f.stores.exports.list()) assert.equal(e.status, 'acknowledged');

    const again = await runExports(f.context());
    assert.ok(
      again.every((r) => r.recordCount === 0 && !r.exportId),
      'a second run sends nothing',
    );
    assert.deepEqual(await f.dps.inboxAll(), [], 'DPS got each file once');
  } finally {
    await f.close();
  }
});

test('a 417 from MESH (unregistered DPS mailbox) leaves the export failed and its records free', async () => {
  const f = await exportFixture();
  try {
    const [result] = await runExports(f.context({ dpsMailbox: 'NOSUCH1' }), 'flu');
    assert.equal(result!.status, 'failed');
    assert.match(result!.error!, /recipient|registered/i);
    const exported = f.stores.exports.get(result!.exportId!)!;
    assert.equal(exported.status, 'failed');
    assert.equal(exported.lastError, result!.error);
    const unsentFlu = f.stores.records.summary().find((s) => s.programme === 'flu')!.unsent;
    assert.equal(unsentFlu, result!.recordCount, 'the records are free again');

    const [retried] = [await retryExport(f.context(), exported.id)];
    assert.equal(retried.status, 'accepted');
    assert.equal(retried.recordCount, exported.recordCount);
  } finally {
    await f.close();
  }
});

test('an inbox REPORT naming an export moves it to error with its code and is acknowledged', async () => {
  const f = await exportFixture();
  try {
    const [result] = await runExports(f.context(), 'hpv');
    assert.equal(result!.status, 'accepted');
    await f.peer.server.admin.injectReport({
      mailboxId: 'X26ABC1',
      code: '06',
      description: 'Malformed control file',
      workflowId: 'dps export',
      status: 'error',
      linkedMessageId: result!.messageId!,
    });
    const applied = await applyInboxReports(f.context());
    assert.equal(applied.length, 1);
    const exported = f.stores.exports.get(result!.exportId!)!;
    assert.equal(exported.status, 'error');
    assert.equal(exported.reportCode, '06');
    assert.match(exported.lastError!, /Malformed control file/);
    assert.deepEqual(await f.sender.inboxAll(), [], 'the report was acknowledged');
    assert.ok(f.stores.records.summary().find((s) => s.programme === 'hpv')!.unsent > 0, 'its records are free again');
  } finally {
    await f.close();
  }
});

test(
  'a 503 on the creating POST is not retried: the export stays pending, then the next run finds nothing by local ' + 'id and sends once',
  async () => {
    const f = await exportFixture();
    try {
      f.peer.server.admin.addFault({ method: 'POST', path: '/outbox$', status: 503, count: 1 });
      const [first] = await runExports(f.context(), 'menacwy');
      assert.equal(first!.status, 'pending');
      assert.match(first!.error!, /local id/);
      const posts = f.peer.server.admin.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/outbox'));
      assert.equal(posts.length, 1, 'the creating POST went once');

      const [second] = await runExports(f.context(), 'menacwy');
      assert.equal(second!.status, 'accepted');
      assert.equal(
        f.stores.exports.get(first!.exportId!)!.status,
        'failed',
        'the first was released after MESH said it had no such message',
      );
      assert.equal((await f.dps.inboxAll()).length, 1, 'DPS got one file');
    } finally {
      await f.close();
    }
  },
);

test('a connection cut after MESH created the message: the next run finds it by local id and does not send again', async () => {
  const f = await exportFixture();
  try {
    f.peer.server.admin.addFault({ method: 'POST', path: '/outbox$', cutAfterBytes: 0, count: 1 });
    const [first] = await runExports(f.context(), 'td_ipv');
    assert.equal(first!.status, 'pending', first!.error);
    const [second] = await runExports(f.context(), 'td_ipv');
    assert.equal(second!.recordCount, 0, 'nothing new to send');
    const settled = f.stores.exports.get(first!.exportId!)!;
    assert.equal(settled.status, 'accepted');
    const inbox = await f.dps.inboxAll();
    assert.deepEqual(inbox, [settled.messageId], 'DPS has the one message, found again by local id');
  } finally {
    await f.close();
  }
});
