// docs/dps-file.md ("Export lifecycle"): every MESH call and every export state change goes to
// the audit log. Held against what the local MESH server itself saw, request by request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExports } from '../../main/exports/run';
import { trackExportsAndReports } from '../../main/exports/tracking';
import { ConsoleRuntime } from '../../main/app/runtime';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';

test('every request the console makes to MESH, and every export status change, is in the audit log', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-console-audit-'));
  const runtime = await ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir) });
  try {
    const server = runtime.local!.server;
    const mailbox = runtime.connection().mailbox;
    const since = new Date().toISOString();
    server.admin.clearRequests();

    const client = await runtime.client();
    await client.handshake();
    const inbox = await client.inboxAll();
    await client.acknowledge(inbox[0]!);
    const results = await runExports(runtime.exportContext());
    const sent = results.filter((result) => result.status === 'accepted');
    assert.ok(sent.length >= 2, `exports sent: ${JSON.stringify(results)}`);
    // DPS acknowledges one file, so tracking has a change to record.
    const dps = runtime.localClient(runtime.settings.dpsMailbox);
    await dps.acknowledge(sent[0]!.messageId!);
    await trackExportsAndReports(runtime.exportContext());

    const seen = server.admin
      .requests()
      .filter((request) => request.mailbox === mailbox)
      .map((request) => `${request.method} ${request.path}`);
    const audited = runtime.stores.audit
      .search()
      .filter((entry) => entry.kind === 'mesh' && entry.at >= since)
      .map((entry) => entry.action.split('?')[0]!);
    assert.ok(seen.length >= 10, `requests seen: ${seen.length}`);
    assert.deepEqual([...audited].sort(), [...seen].sort(), 'one audit entry per request MESH received, and no other');

    for (const result of results.filter((each) => each.exportId)) {
      const changes = runtime.stores.audit
        .search({ search: result.exportId! })
        .filter((entry) => entry.kind === 'export')
        .map((entry) => entry.action)
        .reverse();
      const history = runtime.stores.exports.require(result.exportId!).history.map((change) => change.status);
      const expected = ['created', ...history.slice(1).map((status, i) => `${history[i]} → ${status}`)];
      assert.deepEqual(changes, expected, `export ${result.programme}`);
    }
    assert.equal(runtime.stores.exports.require(sent[0]!.exportId!).status, 'acknowledged');
  } finally {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
