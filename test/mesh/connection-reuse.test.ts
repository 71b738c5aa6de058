import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { startPeer } from './peer';

test('reading metadata (HEAD) reuses the TLS connection: an inbox of thousands is not thousands of handshakes', async () => {
  const peer = await startPeer();
  try {
    const sender = peer.client('X26ABC2');
    for (let i = 0; i < 15; i++)
      await sender.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from(`message ${i}`) } });
    const client = peer.client('X26ABC1');
    const ids = await client.inboxAll();
    let connections = 0;
    const count = () => connections++;
    subscribe('undici:client:connected', count);
    try {
      for (const id of ids) await client.metadata(id);
    } finally {
      unsubscribe('undici:client:connected', count);
    }
    assert.equal(ids.length, 15);
    assert.ok(connections <= 1, `15 HEADs opened ${connections} new connections`);
  } finally {
    await peer.close();
  }
});
