// Cancelling a send (SendMessageRequest.signal) against the real local MESH server: between
// chunks, never half-way through one; before chunk 1 nothing reaches MESH; after chunk k, MESH
// holds the message as an incomplete upload that never reaches the recipient's inbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isMeshError } from '../../main/mesh/errors';
import { startPeer, type Peer } from './peer';

let peer: Peer;

before(async () => {
  peer = await startPeer();
});

after(async () => {
  await peer.close();
});

const CHUNK = 64 * 1024;

async function sendCancelling(cancelAt: (done: number) => boolean) {
  const cancel = new AbortController();
  const data = randomBytes(4 * CHUNK);
  const request = {
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data },
    compress: false,
    chunkSizeBytes: CHUNK,
    signal: cancel.signal,
    onProgress: (done: number) => {
      if (cancelAt(done)) cancel.abort();
    },
  } as const;
  if (cancelAt(0)) cancel.abort();
  return peer
    .client('X26ABC1')
    .send(request)
    .then(
      () => assert.fail('the send should have been cancelled'),
      (error: unknown) => {
        assert.ok(isMeshError(error), String(error));
        return error;
      },
    );
}

test('cancelled once chunk 2 is under way: chunk 2 still completes, then MESH holds an incomplete upload', async () => {
  peer.server.admin.clearRequests();
  const error = await sendCancelling((done) => done > CHUNK);
  assert.equal(error.kind, 'send-cancelled');
  assert.ok(error.messageId);
  assert.match(
    error.message,
    new RegExp(
      `^The send was cancelled after 2 of 4 chunks: MESH holds message ${error.messageId} as an incomplete upload, ` +
        'which is never delivered to X26ABC2',
    ),
  );
  const held = peer.server.admin.message(error.messageId);
  assert.equal(held?.status, 'uploading');
  const posts = peer.server.admin.requests().filter((r) => r.method === 'POST' && r.path.includes('/outbox'));
  assert.equal(posts.length, 2, 'chunk 1 and the whole of chunk 2, nothing after');
  const inbox = await peer.client('X26ABC2').inboxAll();
  assert.ok(!inbox.includes(error.messageId), 'never in the recipient’s inbox');
});

test('cancelled before chunk 1: nothing reaches MESH', async () => {
  peer.server.admin.clearRequests();
  const error = await sendCancelling(() => true);
  assert.equal(error.kind, 'send-cancelled');
  assert.equal(error.messageId, undefined);
  assert.equal(error.message, 'The send was cancelled before anything reached MESH: nothing was sent.');
  assert.equal(peer.server.admin.requests().filter((r) => r.path.includes('/outbox')).length, 0);
});
