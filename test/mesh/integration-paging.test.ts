// Paging across 1,200 messages: links.next followed, workflow filters carried, nothing twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPeer, type Peer } from './peer';
import type { MeshClient } from '../../main/mesh/client';

let peer: Peer;
let recipient: MeshClient;
const byWorkflow = new Map<string, Set<string>>([
  ['TEST_WORKFLOW', new Set()],
  ['TEST_WORKFLOW2', new Set()],
]);

before(async () => {
  peer = await startPeer();
  recipient = peer.client('X26ABC2');
  const sender = peer.client('X26ABC1');
  let next = 0;
  const worker = async () => {
    while (next < 1200) {
      const n = next++;
      const workflowId = n % 2 ? 'TEST_WORKFLOW2' : 'TEST_WORKFLOW';
      const sent = await sender.send({ to: 'X26ABC2', workflowId, source: { data: Buffer.from(`message ${n}`) }, compress: n % 3 !== 0 });
      byWorkflow.get(workflowId)!.add(sent.messageId);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
});
after(() => peer.close());

test('pages of 500 follow links.next to the end', async () => {
  const first = await recipient.inboxPage();
  assert.equal(first.messageIds.length, 500);
  assert.equal(first.approxCount, 1200);
  assert.ok(first.next);
  const second = await recipient.inboxPage({ next: first.next });
  assert.equal(second.messageIds.length, 500);
  const third = await recipient.inboxPage({ next: second.next! });
  assert.equal(third.messageIds.length, 200);
  assert.equal(third.next, undefined);
  const all = [...first.messageIds, ...second.messageIds, ...third.messageIds];
  assert.equal(new Set(all).size, 1200);
  assert.deepEqual(await recipient.inboxAll(), all, 'inboxAll gives the same ids in the same (arrival) order');
  assert.equal(await recipient.count(), 1200);
});

test('a smaller page size and a workflow filter are carried through every page', async () => {
  const all = await recipient.inboxAll({ maxResults: 100 });
  assert.equal(all.length, 1200);
  const filtered = await recipient.inboxAll({ workflowFilter: 'TEST_WORKFLOW2', maxResults: 100 });
  assert.equal(filtered.length, 600);
  assert.deepEqual(new Set(filtered), byWorkflow.get('TEST_WORKFLOW2'));
  const pages = peer.calls.filter(
    (call) =>
      call.path.includes('workflow_filter=TEST_WORKFLOW2') || (call.path.includes('continue_from') && call.path.includes('TEST_WORKFLOW2')),
  );
  assert.ok(pages.length >= 6, 'each page of the filtered listing asked with the filter');
});

test('acknowledged messages leave the listing', async () => {
  const first = await recipient.inboxPage({ maxResults: 10 });
  for (const id of first.messageIds) await recipient.acknowledge(id);
  const rest = await recipient.inboxAll();
  assert.equal(rest.length, 1190);
  assert.ok(first.messageIds.every((id) => !rest.includes(id)));
});
