// The console's send (GUI and CLI): its "compress" tick gzips only data that gzip shrinks, and
// an unticked box never gzips. Against the embedded local MESH server, as the console runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleRuntime } from '../../main/app/runtime';
import { sendFile } from '../../main/operations/send';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';

test('compress ticked: a random file goes plain and a CSV gzipped; unticked: the CSV goes plain', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-send-compression-'));
  const dataDir = join(dir, 'data');
  const runtime = await ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir), seedDemoData: false });
  try {
    const admin = runtime.local!.server.admin;
    const random = join(dir, 'archive.zip');
    await writeFile(random, randomBytes(500_000));
    const csv = join(dir, 'records.csv');
    await writeFile(csv, Array.from({ length: 10_000 }, (_, i) => `${9990000000 + i},FLU,2026-11-25,completed\n`).join(''));
    const encodingOf = async (path: string, compress: boolean) => {
      const sent = await sendFile(runtime, { path, to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', compress });
      assert.ok(sent.ok, sent.error);
      return admin.message(sent.messageId!)!.metadata.content_encoding;
    };
    assert.equal(await encodingOf(random, true), null);
    assert.equal(await encodingOf(csv, true), 'gzip');
    assert.equal(await encodingOf(csv, false), null);
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
});
