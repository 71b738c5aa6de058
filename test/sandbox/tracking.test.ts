// Tracking (v1 and v2, by local id), endpoint lookup, workflow search, rich views and health
// (docs/mesh-protocol.md, "Tracking" and "Local server extras").
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTracking } from '../../main/mesh/tracking';
import { sendMessage, startHarness, V2, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
beforeEach(() => h.server.admin.reset());
after(() => h.close());

test('tracking by message id: v1 keys with Title-case status, v2 keys with lower case, 404 for others', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'track me', { 'mex-LocalID': 'L1', 'mex-Subject': 'S', 'mex-FileName': 'f.csv' });
  const v1 = await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id.toLowerCase()}`);
  assert.equal(v1.status, 200);
  assert.equal(v1.headers['content-type'], 'application/json');
  const t = v1.json;
  assert.equal(t.messageId, id);
  assert.equal(t.dtsId, id);
  assert.equal(t.status, 'Accepted');
  assert.equal(t.statusSuccess, 'SUCCESS');
  assert.equal(t.messageType, 'Data');
  assert.equal(t.localId, 'L1');
  assert.equal(t.subject, 'S');
  assert.equal(t.fileName, 'f.csv');
  assert.equal(t.fileSize, 8);
  assert.equal(t.recipient, 'X26ABC2');
  assert.equal(t.recipientName, 'TESTMB2');
  assert.equal(t.sender, 'X26ABC1');
  assert.equal(t.senderName, 'TESTMB1');
  assert.equal(t.version, '1.0');
  assert.equal(t.addressType, 'ALL');
  assert.equal(t.downloadTimestamp, '');
  assert.match(t.uploadTimestamp, /^\d{14}$/);
  assert.match(t.expiryTime, /^\d{14}$/);
  const upload = Date.UTC(+t.uploadTimestamp.slice(0, 4), +t.uploadTimestamp.slice(4, 6) - 1, +t.uploadTimestamp.slice(6, 8));
  const expiry = Date.UTC(+t.expiryTime.slice(0, 4), +t.expiryTime.slice(4, 6) - 1, +t.expiryTime.slice(6, 8));
  assert.equal((expiry - upload) / 86_400_000, 5, 'the 5-day inbox expiry is written onto the message');

  const v2 = await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`, { v2: true });
  assert.equal(v2.headers['content-type'], V2);
  assert.equal(v2.json.message_id, id);
  assert.equal(v2.json.status, 'accepted');
  assert.equal(v2.json.status_success, true);
  assert.equal(v2.json.local_id, 'L1');
  assert.match(v2.json.upload_timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
  assert.equal(v2.json.status_code, undefined);

  assert.equal((await h.call(`/messageexchange/X26ABC2/outbox/tracking?messageID=${id}`)).status, 404, 'not the sender');
  assert.equal((await h.call('/messageexchange/X26ABC1/outbox/tracking?messageID=NOPE')).status, 404);
  const noParam = await h.call('/messageexchange/X26ABC1/outbox/tracking');
  assert.equal(noParam.status, 400);
  assert.deepEqual(noParam.json.detail[0].loc, ['query', 'messageID']);

  await h.server.admin.pushEvent(id, { status: 'error', code: '14', event: 'SEND', description: 'not collected' });
  const failed = await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`);
  assert.equal(failed.json.status, 'Error');
  assert.equal(failed.json.statusSuccess, 'ERROR');
  assert.equal(failed.json.failureDiagnostic, 'not collected');
  assert.match(failed.json.failureDate, /^\d{14}$/);
  assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`, { v2: true })).json.status_success, false);
});

test('a subject or local id not sent is "" in tracking v1 and v2 and in the rich inbox, as the sandbox has it', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'no subject, no local id');
  const v1 = (await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`)).json;
  assert.equal(v1.localId, '');
  assert.equal(v1.subject, '');
  const v2 = (await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`, { v2: true })).json;
  assert.equal(v2.local_id, '');
  const [item] = (await h.call('/messageexchange/X26ABC2/inbox/rich')).json.messages;
  assert.equal(item.message_id, id);
  assert.equal(item.local_id, '');
  // The console's client reads "" as no local id at all.
  assert.equal(parseTracking(v1).localId, undefined);
  assert.equal(parseTracking(v2).localId, undefined);

  // A REPORT made by the server never had one: left out, as in the sandbox.
  const report = await h.server.admin.injectReport({ mailboxId: 'X26ABC2', code: '14', description: 'd', workflowId: 'TEST_WORKFLOW' });
  const reportItem = (await h.call('/messageexchange/X26ABC2/inbox/rich')).json.messages.find(
    (m: { message_id: string }) => m.message_id === report,
  );
  assert.equal('local_id' in reportItem, false);
});

test('tracking by local id: always v1, 404 for none, 300 for several', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'x', { 'mex-LocalID': 'unique' });
  const found = await h.call('/messageexchange/X26ABC1/outbox/tracking/unique', { v2: true });
  assert.equal(found.status, 200);
  assert.equal(found.headers['content-type'], 'application/json');
  assert.equal(found.json.messageId, id);
  assert.equal(found.json.status, 'Accepted');
  assert.equal((await h.call('/messageexchange/X26ABC1/outbox/tracking/none')).status, 404);
  await sendMessage(h, 'X26ABC1', 'X26ABC2', 'a', { 'mex-LocalID': 'twice' });
  await sendMessage(h, 'X26ABC1', 'X26ABC3', 'b', { 'mex-LocalID': 'twice' });
  const several = await h.call('/messageexchange/X26ABC1/outbox/tracking/twice');
  assert.equal(several.status, 300);
  assert.equal(several.json.errorDescription, 'Multiple Choices');
  assert.equal((await h.call('/messageexchange/X26ABC2/outbox/tracking/unique')).status, 404, 'another sender');
});

test('endpoint lookup: receivers of the workflow with that ODS code, v1 and v2; no auth needed', async () => {
  const v1 = await h.call('/messageexchange/endpointlookup/X26/TEST_WORKFLOW', { as: null });
  assert.equal(v1.status, 200);
  assert.match(v1.json.query_id, /^[0-9a-f]+$/);
  assert.deepEqual(v1.json.results, [{ address: 'X26ABC2', description: 'TESTMB2', endpoint_type: 'MESH' }]);
  const v2 = await h.call('/messageexchange/endpointlookup/X27/TEST_WORKFLOW_ACK', { as: null, v2: true });
  assert.equal(v2.headers['content-type'], 'application/json');
  assert.deepEqual(v2.json, { results: [{ mailbox_id: 'X26ABC3', mailbox_name: 'TESTMB3' }] });
  assert.deepEqual((await h.call('/messageexchange/endpointlookup/X27/TEST_WORKFLOW', { as: null, v2: true })).json, { results: [] });
  assert.deepEqual((await h.call('/messageexchange/endpointlookup/X26/TEST_WORKFLOW_ACK', { as: null, v2: true })).json.results, [
    { mailbox_id: 'X26ABC1', mailbox_name: 'TESTMB1' },
  ]);
  assert.deepEqual((await h.call('/messageexchange/endpointlookup/X26/dps%20export', { as: null, v2: true })).json.results, [
    { mailbox_id: 'X26ABC2', mailbox_name: 'TESTMB2' },
  ]);
});

test('workflow search: every receiver, always the v2 shape', async () => {
  const reply = await h.call('/messageexchange/workflowsearch/TEST_WORKFLOW2', { as: null });
  assert.deepEqual(
    reply.json.results.map((r: { mailbox_id: string }) => r.mailbox_id),
    ['X26ABC1', 'X26ABC2', 'X26ABC3'],
  );
});

test('rich inbox and outbox: every status, newest first, v2 content type whatever Accept says, paged', async () => {
  const a = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'a');
  const b = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'b', { 'mex-LocalID': 'lb' });
  await h.call(`/messageexchange/X26ABC2/inbox/${a}/status/acknowledged`, { method: 'PUT' });
  const inbox = await h.call('/messageexchange/X26ABC2/inbox/rich');
  assert.equal(inbox.status, 200);
  assert.equal(inbox.headers['content-type'], V2);
  assert.deepEqual(
    inbox.json.messages.map((m: { message_id: string }) => m.message_id),
    [b, a],
  );
  const [newest, oldest] = inbox.json.messages;
  assert.equal(oldest.status, 'acknowledged');
  assert.equal(newest.local_id, 'lb');
  assert.equal(newest.sender_name, 'TESTMB1');
  assert.equal(newest.message_type, 'DATA');
  assert.equal(newest.total_chunks, 1);
  assert.match(inbox.json.valid_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.match(inbox.json.links.self, /^\/messageexchange\/X26ABC2\/inbox\/rich\?start_time=.+&max_results=100$/);

  const paged = await h.call('/messageexchange/X26ABC2/inbox/rich?max_results=1');
  assert.deepEqual(
    paged.json.messages.map((m: { message_id: string }) => m.message_id),
    [b],
  );
  const next = await h.call(paged.json.links.next, { as: 'X26ABC2' });
  assert.deepEqual(
    next.json.messages.map((m: { message_id: string }) => m.message_id),
    [a],
  );
  assert.equal(next.json.links.next, undefined);

  const out = await h.call('/messageexchange/X26ABC1/outbox/rich');
  assert.equal(out.headers['content-type'], V2);
  assert.deepEqual(
    out.json.messages.map((m: { message_id: string }) => m.message_id),
    [b, a],
  );
  assert.equal(out.json.messages[1].local_id, '', 'nulls become "" in the outbox view');
  assert.equal(out.json.messages[1].status_code, '');
});

test('health routes answer without auth', async () => {
  for (const path of ['/health', '/_status', '/_ping', '/healthcheck', '/messageexchange/_ping', '/messageexchange/deepping']) {
    const reply = await h.call(path, { as: null });
    assert.equal(reply.status, 200, path);
    assert.deepEqual(reply.json, { env: 'local', build_label: 'latest', status: 'running', outcome: 'Yes' });
  }
});
