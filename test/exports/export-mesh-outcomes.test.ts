// What MESH sees of an export (docs/dps-file.md, "Sending") and what MESH says back about it
// ("Export lifecycle"): chunking and headers, tracking that ends undeliverable or error, and
// REPORTs by local id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { exportCsvPath, runExports } from '../../main/exports/run';
import { applyInboxReports } from '../../main/exports/reports';
import { trackAcceptedExports } from '../../main/exports/tracking';
import { downloadedBytes } from '../support/download';
import { exportFixture } from './export-fixture';

test(
  'an export larger than the chunk size goes in gzipped chunks with the headers of docs/dps-file.md#sending and ' + 'arrives byte for byte',
  async () => {
    const f = await exportFixture(200);
    try {
      const [result] = await runExports(f.context({ chunkSizeBytes: 8 * 1024 }), 'flu');
      assert.equal(result!.status, 'accepted', result!.error);
      const exported = f.stores.exports.get(result!.exportId!)!;
      const kept = await readFile(exportCsvPath(f.context(), exported.id));
      assert.equal(exported.bytes, kept.length, 'the export records its size');
      assert.ok(kept.length > 3 * 8 * 1024, `the file is large enough to need chunks (${kept.length} bytes)`);

      const sent = f.peer.server.admin.message(result!.messageId!)!;
      assert.equal(sent.total_chunks, Math.ceil(kept.length / (8 * 1024)), 'split uncompressed into chunks of the chunk size');
      assert.equal(sent.sender.mailbox_id, 'X26ABC1');
      assert.equal(sent.recipient.mailbox_id, 'X26ABC2', 'mex-To is the DPS mailbox');
      assert.equal(sent.workflow_id, 'dps export');
      assert.equal(sent.metadata.file_name, exported.fileName);
      assert.match(exported.fileName, /^Vaccinations-Flu-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.equal(sent.metadata.local_id, exported.id, "mex-LocalID is the export's own id");
      assert.equal(sent.metadata.content_type, 'application/octet-stream');
      assert.equal(sent.metadata.content_encoding, 'gzip');
      assert.ok((await downloadedBytes(f.dps, result!.messageId!)).equals(kept), 'DPS receives the CSV byte for byte');
    } finally {
      await f.close();
    }
  },
);

test('tracking that says undeliverable or error ends the export so, with the reason, and frees its records', async () => {
  const f = await exportFixture();
  try {
    const results = await runExports(f.context());
    const [first, second] = results.filter((r) => r.status === 'accepted');
    assert.ok(first && second, 'two programmes were sent');
    await f.peer.server.admin.pushEvent(first.messageId!, {
      status: 'undeliverable',
      event: 'TRANSFER',
      description: 'Message not collected by recipient',
    });
    await f.peer.server.admin.pushEvent(second.messageId!, {
      status: 'error',
      event: 'TRANSFER',
      code: '06',
      description: 'Malformed control file',
    });

    const tracked = await trackAcceptedExports(f.context());
    assert.deepEqual(tracked.problems, []);
    assert.deepEqual(
      tracked.exports.map((e) => [e.id, e.status]).sort(),
      [
        [first.exportId, 'undeliverable'],
        [second.exportId, 'error'],
      ].sort(),
    );
    // MESH v2 tracking gives no reason for a DATA message in error; the status itself is the reason.
    const errored = f.stores.exports.get(second.exportId!)!;
    assert.match(errored.lastError!, /MESH tracking reports the message as error/);
    assert.deepEqual(
      errored.history.map((h) => h.status),
      ['pending', 'accepted', 'error'],
    );
    for (const result of [first, second]) {
      const unsent = f.stores.records.summary().find((s) => s.programme === result.programme)!.unsent;
      assert.equal(unsent, result.recordCount, `${result.programme}: its records are free again`);
    }
  } finally {
    await f.close();
  }
});

test(
  'a REPORT naming an export only by its local id (code 14) makes it undeliverable; a REPORT naming no export is ' + 'left alone',
  async () => {
    const f = await exportFixture();
    try {
      const [result] = await runExports(f.context(), 'flu');
      assert.equal(result!.status, 'accepted', result!.error);
      const exported = f.stores.exports.get(result!.exportId!)!;
      // Status 'error' is what makes the local server put the code and text in the REPORT's headers, as MESH does.
      await f.peer.server.admin.injectReport({
        mailboxId: 'X26ABC1',
        code: '14',
        description: 'Message not collected by recipient after 5 days',
        workflowId: 'dps export',
        status: 'error',
        localId: exported.localId,
      });
      const stranger = await f.peer.server.admin.injectReport({
        mailboxId: 'X26ABC1',
        code: '06',
        description: 'Malformed control file',
        workflowId: 'dps export',
        status: 'error',
        localId: 'not-one-of-ours',
      });

      const applied = await applyInboxReports(f.context());
      assert.deepEqual(
        applied.map((a) => [a.exportId, a.status]),
        [[exported.id, 'undeliverable']],
      );
      assert.equal(exported.status, 'undeliverable');
      assert.equal(exported.reportCode, '14');
      assert.match(exported.lastError!, /not collected/);
      assert.deepEqual(await f.sender.inboxAll(), [stranger], 'the report about the export was acknowledged, the other was not');
      assert.equal(f.stores.records.summary().find((s) => s.programme === 'flu')!.unsent, result!.recordCount);
    } finally {
      await f.close();
    }
  },
);

test('a REPORT with no status event (MESH gives no code or text) makes its export undeliverable with a plain reason', async () => {
  const f = await exportFixture();
  try {
    const [result] = await runExports(f.context(), 'hpv');
    assert.equal(result!.status, 'accepted', result!.error);
    const exported = f.stores.exports.get(result!.exportId!)!;
    // Only an 'error' report's headers carry mex-StatusEvent, code and text (docs/mesh-protocol.md, "Reports"): this one's do not.
    await f.peer.server.admin.injectReport({
      mailboxId: 'X26ABC1',
      code: '02',
      description: 'not sent in the headers',
      workflowId: 'dps export',
      status: 'undeliverable',
      localId: exported.localId,
    });
    const applied = await applyInboxReports(f.context());
    assert.deepEqual(
      applied.map((a) => [a.exportId, a.status]),
      [[exported.id, 'undeliverable']],
    );
    assert.equal(exported.status, 'undeliverable');
    assert.equal(exported.reportCode, undefined);
    assert.match(
      exported.lastError!,
      /^MESH reported that the message will not be delivered: REPORT \w+\. Its records are free for the next export\.$/,
    );
    assert.deepEqual(await f.sender.inboxAll(), [], 'the report was acknowledged');
    assert.equal(f.stores.records.summary().find((s) => s.programme === 'hpv')!.unsent, result!.recordCount);
  } finally {
    await f.close();
  }
});
