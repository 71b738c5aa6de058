// Several `mesh-console send` processes at once on one data folder, as a script might start them: each reads
// sent.json only when it comes to record its message (main/store/open-stores.ts) and records it holding the folder's
// store lock after reading what the others wrote, so every message sent is kept, and MESH got each file once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

const SENDERS = 5;

let sandbox: MutualTlsSandbox;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-send-concurrent-');
});

after(() => sandbox?.close());

test(`${SENDERS} sends at once on one data folder: sent.json keeps every message, and the inbox has each file once`, async () => {
  const files = await Promise.all(
    Array.from({ length: SENDERS }, async (_, i) => {
      const file = join(sandbox.dir, `file-${i}.csv`);
      await writeFile(file, `"row"|"${i}"\n${randomBytes(2000).toString('hex')}\n`);
      return file;
    }),
  );
  const sends = await Promise.all(files.map((file) => cli(['send', 'X26ABC2', file], sandbox.env('X26ABC1'))));
  for (const sent of sends) assert.equal(sent.code, 0, sent.stderr);
  const ids = sends.map((sent) => sent.stdout.trim());
  assert.equal(new Set(ids).size, SENDERS);

  const kept = JSON.parse(await readFile(join(sandbox.env('X26ABC1').MESH_DATA_DIR!, 'sent.json'), 'utf8')) as {
    messages: { messageId: string; fileName: string }[];
  };
  assert.deepEqual(kept.messages.map((m) => m.messageId).sort(), [...ids].sort(), 'every message sent is kept, once');
  const listed = await cli(['inbox', '--all', '--json'], sandbox.env('X26ABC2'));
  assert.equal(listed.code, 0, listed.stderr);
  const inbox = (JSON.parse(listed.stdout) as { messageIds: string[] }).messageIds;
  assert.deepEqual(inbox.filter((id) => ids.includes(id)).sort(), [...ids].sort(), 'MESH got each file once');
  for (const [i, id] of ids.entries()) {
    const got = await cli(['get', id], sandbox.env('X26ABC2'));
    assert.equal(got.code, 0, got.stderr);
    assert.equal(got.stdout, await readFile(files[i]!, 'utf8'), `message ${id} is file-${i}.csv`);
  }
});
