import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleRuntime } from '../../main/app/runtime';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';

test('with no mailbox configured, the console runs its own MESH server over mutual TLS, with demo data once', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-console-runtime-'));
  const running = new Set<ConsoleRuntime>();
  const open = async () => {
    const runtime = await ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir) });
    running.add(runtime);
    return runtime;
  };
  const close = async (runtime: ConsoleRuntime) => {
    running.delete(runtime);
    await runtime.close();
  };
  try {
    const runtime = await open();
    assert.ok(runtime.local, 'the local server started');
    assert.match(runtime.local.server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const client = await runtime.client();
    await client.handshake();
    const inbox = await client.inboxAll();
    assert.equal(inbox.length, 7, 'six demo messages and a REPORT');
    assert.equal(runtime.stores.records.size, 240);
    assert.ok(runtime.startupNotices.some((n) => /sandbox, not NHS MESH/.test(n)));
    assert.ok(runtime.stores.audit.search({ search: 'POST' }).length > 0, 'MESH calls reach the audit log');
    await close(runtime);

    const again = await open();
    const sameInbox = await (await again.client()).inboxAll();
    assert.deepEqual(sameInbox, inbox, 'the local server kept its messages, and nothing was seeded twice');
    assert.equal(again.stores.records.size, 240);
    await close(again);
  } finally {
    for (const runtime of running) await runtime.close(); // what a failed assertion left open, before its folder goes
    await rm(dataDir, { recursive: true, force: true });
  }
});
