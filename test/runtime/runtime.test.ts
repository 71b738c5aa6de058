import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

test('demo messages gone 5 days after they were sent are sent again at the next start; gone sooner or still there, not', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-console-runtime-reseed-'));
  const open = () => ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir) });
  let runtime: ConsoleRuntime | undefined;
  try {
    runtime = await open();
    const marker = join(runtime.local!.dir, 'demo-seeded');
    const client = await runtime.client();
    const first = await client.inboxAll();
    assert.equal(first.length, 7);
    for (const id of first) await client.acknowledge(id);
    await runtime.close();

    runtime = await open();
    assert.deepEqual(await (await runtime.client()).inboxAll(), [], 'acknowledged within 5 days: the operator emptied it');
    assert.ok(!runtime.startupNotices.some((n) => /sandbox/.test(n)));
    await runtime.close();

    const sixDaysAgo = new Date(Date.now() - 6 * 24 * 60 * 60 * 1000);
    await writeFile(marker, sixDaysAgo.toISOString());
    runtime = await open();
    const again = await (await runtime.client()).inboxAll();
    assert.equal(again.length, 7, 'six demo messages and a REPORT, again');
    assert.equal(again.filter((id) => first.includes(id)).length, 0, 'new messages');
    assert.equal(runtime.stores.records.size, 240, 'records are not added twice');
    assert.ok(
      runtime.startupNotices.some((n) => /demo messages had gone .* so they were sent again/.test(n)),
      runtime.startupNotices.join('\n'),
    );
    assert.ok(new Date(await readFile(marker, 'utf8')) > sixDaysAgo, 'the marker says when they were sent again');
    await runtime.close();

    await writeFile(marker, sixDaysAgo.toISOString());
    runtime = await open();
    assert.deepEqual(await (await runtime.client()).inboxAll(), again, 'still there after 5 days: nothing sent again');
    assert.ok(!runtime.startupNotices.some((n) => /sandbox/.test(n)));
    assert.ok(new Date(await readFile(marker, 'utf8')) > sixDaysAgo, 'looked at again in 5 days, not at every start');
  } finally {
    await runtime?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
