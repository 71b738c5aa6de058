// Strict mode: every check real MESH makes and the official sandbox does not, on from the start,
// and the console's own client working against it as it would against NHS MESH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { failure, startPeer } from '../mesh/peer';
import { startHarness } from './harness';

const EVERY_CHECK = {
  tokenReuse: true,
  timestampWindow: true,
  workflowAuthorisation: true,
  requireAllChunks: true,
  expireUncollected: true,
  goneAfterAcknowledge: true,
};

test('strict starts with every check on; checks given with it still win; without it none is on', async () => {
  const strict = await startHarness({ strict: true });
  try {
    assert.deepEqual((await strict.call('/admin/checks', { as: null })).json, EVERY_CHECK);
    assert.deepEqual(strict.server.admin.checks(), EVERY_CHECK);
  } finally {
    await strict.close();
  }
  const relaxed = await startHarness({ strict: true, checks: { workflowAuthorisation: false } });
  try {
    assert.deepEqual(relaxed.server.admin.checks(), { ...EVERY_CHECK, workflowAuthorisation: false });
  } finally {
    await relaxed.close();
  }
  const sandbox = await startHarness();
  try {
    assert.deepEqual(sandbox.server.admin.checks(), {});
  } finally {
    await sandbox.close();
  }
});

test(
  'strict, over the wire: a replayed token, a stale token and an unregistered workflow are refused as real MESH ' + 'refuses them',
  async () => {
    const h = await startHarness({ strict: true });
    try {
      const inbox = (authorization: string) => h.call('/messageexchange/X26ABC2/inbox', { as: null, headers: { authorization } });
      const token = h.token('X26ABC2', { nonce: 'once-only', nonceCount: 0 });
      assert.equal((await inbox(token)).status, 200);
      const replayed = await inbox(token);
      assert.equal(replayed.status, 403);
      assert.equal(replayed.json.errorDescription, 'Error Duplicated Authentication Token');
      assert.equal((await inbox(h.token('X26ABC2', { nonce: 'once-only', nonceCount: 1 }))).status, 200, 'the same nonce counted on');
      assert.equal((await inbox(h.token('X26ABC2', { timestamp: '202401011200' }))).status, 403);
      const unregistered = await h.call('/messageexchange/X26ABC2/outbox', {
        method: 'POST',
        body: 'x',
        headers: { 'mex-To': 'X26ABC3', 'mex-WorkflowID': 'TEST_WORKFLOW' },
      });
      assert.equal(unregistered.status, 417);
      assert.equal(unregistered.json.errorCode, '17');
    } finally {
      await h.close();
    }
  },
);

test("strict, with the console's client: send, read and acknowledge as usual; reading again is 410", async () => {
  const peer = await startPeer({ strict: true });
  try {
    const alice = peer.client('X26ABC1');
    const bob = peer.client('X26ABC2');
    await alice.handshake();
    const data = Buffer.alloc(300_000, 'strict ');
    const { messageId } = await alice.send({
      to: 'X26ABC2',
      workflowId: 'TEST_WORKFLOW',
      source: { data },
      chunkSizeBytes: 100_000,
      localId: 'strict-1',
    });
    assert.deepEqual(await bob.inboxAll(), [messageId]);
    const received: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (part: Buffer) => received.push(part));
    await bob.download(messageId, sink);
    assert.ok(Buffer.concat(received).equals(data), 'three chunks, every one uploaded before acceptance');
    await bob.acknowledge(messageId);
    assert.equal((await alice.trackByLocalId('strict-1')).status, 'acknowledged');
    const again = await failure(() => bob.download(messageId, new PassThrough()));
    assert.equal(again.status, 410);
    const refused = await failure(() => alice.send({ to: 'X26ABC3', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('x') } }));
    assert.equal(refused.code, '17');
  } finally {
    await peer.close();
  }
});
