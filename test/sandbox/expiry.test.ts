// Expiry of uncollected messages (the expireUncollected check), seen by the console's own MESH
// client: 5 days unacknowledged by the server's clock, the message leaves the inbox as
// undeliverable and its sender gets a REPORT, code 14, linked to it. The clock is moved on, not waited for.
// Each server is lenient (strict: false) but for the check under test: strict mode's 2-hour token window
// would refuse the client once the server's clock is days ahead of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { failure, startPeer } from '../mesh/peer';

const DAY = 24 * 60 * 60 * 1000;

test('a message left 5 days unacknowledged expires: gone from the inbox, undeliverable, and a code-14 REPORT to its sender', async () => {
  let now = new Date('2026-03-02T09:00:00Z');
  const peer = await startPeer({ strict: false, clock: () => now, checks: { expireUncollected: true } });
  try {
    const alice = peer.client('X26ABC1');
    const bob = peer.client('X26ABC2');
    const send = async (localId: string) =>
      (
        await alice.send({
          to: 'X26ABC2',
          workflowId: 'TEST_WORKFLOW',
          source: { data: Buffer.from(localId) },
          localId,
          subject: `about ${localId}`,
        })
      ).messageId;
    const forgotten = await send('forgotten');
    const collected = await send('collected');
    await bob.acknowledge(collected);
    now = new Date(now.getTime() + 3 * DAY);
    const later = await send('later');

    now = new Date(Date.parse('2026-03-07T09:00:00Z') - 1000);
    assert.deepEqual(await bob.inboxAll(), [forgotten, later], 'a second short of 5 days: nothing expires');
    assert.deepEqual(await alice.inboxAll(), []);

    now = new Date('2026-03-07T09:00:00Z');
    assert.deepEqual(await bob.inboxAll(), [later], 'the forgotten message has left the inbox; the later one has 3 days left');
    const gone = await failure(() => bob.download(forgotten, new PassThrough()));
    assert.equal(gone.status, 410);

    const tracked = await alice.trackByMessageId(forgotten);
    assert.equal(tracked.status, 'undeliverable');
    assert.equal((await alice.trackByMessageId(collected)).status, 'acknowledged', 'an acknowledged message never expires');

    const [reportId, ...more] = await alice.inboxAll();
    assert.deepEqual(more, [], 'one REPORT, however many requests saw the expiry');
    const report = await alice.metadata(reportId!);
    assert.equal(report.messageType, 'REPORT');
    assert.equal(report.sender, '');
    assert.equal(report.recipient, 'X26ABC1');
    assert.equal(report.workflowId, 'TEST_WORKFLOW', 'a REPORT carries the workflow it concerns');
    assert.equal(report.statusCode, '14');
    assert.equal(report.statusEvent, 'SEND');
    assert.equal(report.statusDescription, 'Message not collected by recipient after 5 days');
    assert.equal(report.statusSuccess, 'ERROR');
    assert.equal(report.linkedMessageId, forgotten);
    assert.equal(report.localId, 'forgotten', 'the sender can find it by its own local id too');

    const view = peer.server.admin.messageView(forgotten)!;
    assert.equal(view.status, 'Undeliverable');
    // Over the next 3 days the later message goes the same way, with a REPORT of its own.
    now = new Date('2026-03-10T09:00:01Z');
    assert.deepEqual(await bob.inboxAll(), []);
    const reports = await alice.inboxAll();
    assert.equal(reports.length, 2);
    assert.equal((await alice.metadata(reports[1]!)).linkedMessageId, later);
  } finally {
    await peer.close();
  }
});

test("without the check (the sandbox's behaviour) nothing expires, however long it waits", async () => {
  let now = new Date('2026-03-02T09:00:00Z');
  const peer = await startPeer({ strict: false, clock: () => now });
  try {
    const alice = peer.client('X26ABC1');
    const bob = peer.client('X26ABC2');
    const { messageId } = await alice.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('x') } });
    now = new Date(now.getTime() + 40 * DAY);
    assert.deepEqual(await bob.inboxAll(), [messageId]);
    assert.deepEqual(await alice.inboxAll(), []);
    assert.equal((await alice.trackByMessageId(messageId)).status, 'accepted');
  } finally {
    await peer.close();
  }
});

test('requests arriving together at the expiry make one REPORT, and both are kept in the data folder', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-expiry-'));
  let now = new Date('2026-03-02T09:00:00Z');
  const open: { close(): Promise<void> }[] = [];
  try {
    const peer = await startPeer({ strict: false, dataDir, clock: () => now, checks: { expireUncollected: true } });
    open.push(peer);
    const { messageId } = await peer
      .client('X26ABC1')
      .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('x') } });
    now = new Date('2026-03-08T00:00:00Z');
    const bob = peer.client('X26ABC2');
    await Promise.all(Array.from({ length: 6 }, () => bob.count()));
    await peer.close();

    const again = await startPeer({ strict: false, dataDir, clock: () => now, checks: { expireUncollected: true } });
    open.push(again);
    const reports = await again.client('X26ABC1').inboxAll();
    assert.equal(reports.length, 1);
    assert.equal((await again.client('X26ABC1').metadata(reports[0]!)).linkedMessageId, messageId);
    assert.equal(again.server.admin.messageView(messageId)!.status, 'Undeliverable');
    assert.deepEqual(await again.client('X26ABC2').inboxAll(), []);
  } finally {
    for (const each of open.reverse()) await each.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
});
