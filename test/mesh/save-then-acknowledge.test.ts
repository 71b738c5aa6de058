// `mesh-console get --ack` (saveThenAcknowledge): the file is flushed to the disk, and its folder, before MESH is
// told; a REPORT is refused before anything is written or acknowledged; an acknowledgement MESH refuses leaves the
// file saved and the message in the inbox. Against the local MESH server over mutual TLS, in strict mode.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeshClient } from '../../main/mesh';
import { saveThenAcknowledge } from '../../main/operations/save-message';
import { watchFlushesAndAcknowledgements } from '../support/flush-watch';
import { startPeer, type Peer } from './peer';

let peer: Peer;
let dir: string;
let alice: MeshClient;
let bob: MeshClient;
const audited: { action: string; messageId?: string }[] = [];
const runtime = () => ({
  client: async () => bob,
  stores: { audit: { append: (entry: { action: string; messageId?: string }) => audited.push(entry) } },
});

before(async () => {
  peer = await startPeer();
  dir = await mkdtemp(join(tmpdir(), 'mesh-save-then-ack-'));
  alice = peer.client('X26ABC1');
  bob = peer.client('X26ABC2');
});
after(async () => {
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

async function sendFrom(bytes: Buffer): Promise<string> {
  const sent = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: bytes }, chunkSizeBytes: 100_000 });
  return sent.messageId;
}

test('the saved file and its folder are flushed to the disk before MESH is told; the message then leaves the inbox', async () => {
  const bytes = randomBytes(250_000);
  const messageId = await sendFrom(bytes);
  const folder = await mkdtemp(join(dir, 'saved-'));
  const path = join(folder, 'received.bin');
  const watch = await watchFlushesAndAcknowledgements(dir);
  let result;
  try {
    result = await saveThenAcknowledge(runtime(), messageId, path);
  } finally {
    watch.restore();
  }
  assert.deepEqual([result.bytes, result.acknowledgement], [bytes.length, { messageId, ok: true }]);
  assert.deepEqual(await readFile(path), bytes);
  const ack = watch.events.findIndex((e) => e.kind === 'acknowledged' && e.messageId === messageId);
  assert.ok(ack > 0, 'MESH was told');
  const flushedBefore = new Set(watch.events.slice(0, ack).flatMap((e) => (e.kind === 'flushed' ? [e.ino] : [])));
  assert.ok(flushedBefore.has((await stat(path)).ino), 'the file was flushed before the acknowledgement');
  assert.ok(flushedBefore.has((await stat(folder)).ino), 'and the folder, with the file renamed into it');
  assert.equal((await bob.inboxAll()).includes(messageId), false);
  assert.ok(
    audited.some((e) => e.action === 'saved' && e.messageId === messageId),
    'the save is in the audit log',
  );
});

test('an acknowledgement MESH refuses: the file stays saved, the message stays in the inbox, and the reason is returned', async () => {
  const bytes = randomBytes(120_000);
  const messageId = await sendFrom(bytes);
  const path = join(await mkdtemp(join(dir, 'refused-')), 'received.bin');
  peer.server.admin.addFault({ method: 'PUT', path: `/inbox/${messageId}/status/acknowledged$`, status: 403, count: 10 });
  try {
    const result = await saveThenAcknowledge(runtime(), messageId, path);
    assert.equal(result.acknowledgement.ok, false);
    assert.match(result.acknowledgement.error ?? '', /[A-Z].+/);
  } finally {
    peer.server.admin.clearFaults();
  }
  assert.deepEqual(await readFile(path), bytes);
  assert.ok((await bob.inboxAll()).includes(messageId), 'still in the inbox, to be acknowledged later');
});

test('a REPORT is refused before anything is written, and is not acknowledged', async () => {
  const reportId = await peer.server.admin.injectReport({
    mailboxId: 'X26ABC2',
    code: '14',
    description: 'Message not collected by recipient after 5 days',
    workflowId: 'TEST_WORKFLOW',
  });
  const folder = await mkdtemp(join(dir, 'report-'));
  await assert.rejects(
    saveThenAcknowledge(runtime(), reportId, join(folder, 'report.bin'), {
      onMetadata: (metadata) => {
        if (metadata.messageType === 'REPORT') throw new Error('a REPORT');
      },
    }),
    /a REPORT/,
  );
  assert.deepEqual(await readdir(folder), [], 'no file and no part file');
  assert.ok((await bob.inboxAll()).includes(reportId));
});
