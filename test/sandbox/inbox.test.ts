// Handshake, inbox paging and filters, count, HEAD, download, acknowledge
// (docs/mesh-protocol.md, "Handshake", "Inbox" and "Downloading and acknowledging").
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { HANDSHAKE_HEADERS, sendMessage, startHarness, V2, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
beforeEach(() => h.server.admin.reset());
after(() => h.close());

test('handshake: GET or POST, v1 body or empty v2 body, 400 without the mex-Client/OS headers', async () => {
  for (const method of ['GET', 'POST']) {
    const v1 = await h.call('/messageexchange/X26ABC1', { method, headers: HANDSHAKE_HEADERS });
    assert.equal(v1.status, 200);
    assert.deepEqual(v1.json, { mailboxId: 'X26ABC1' });
    const v2 = await h.call('/messageexchange/X26ABC1', { method, headers: HANDSHAKE_HEADERS, v2: true });
    assert.equal(v2.status, 200);
    assert.equal(v2.text, '');
  }
  const missing = await h.call('/messageexchange/X26ABC1', { method: 'POST', headers: { 'mex-ClientVersion': 'x' } });
  assert.equal(missing.status, 400);
  assert.deepEqual(
    missing.json.detail.map((d: { loc: string[] }) => d.loc),
    [
      ['header', 'mex-osname'],
      ['header', 'mex-osversion'],
    ],
  );
  assert.equal(missing.json.detail[0].msg, 'Field required');
});

test('inbox v1 pages with continue_from = last id; v2 with relative links.next and approx_inbox_count', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 25; i++) ids.push(await sendMessage(h, 'X26ABC1', 'X26ABC2', `message ${i}`));

  const first = await h.call('/messageexchange/X26ABC2/inbox?max_results=10');
  assert.deepEqual(first.json, { messages: ids.slice(0, 10) });
  const second = await h.call(`/messageexchange/X26ABC2/inbox?max_results=10&continue_from=${ids[9]}`);
  assert.deepEqual(second.json.messages, ids.slice(10, 20));

  const seen: string[] = [];
  let path: string | undefined = '/messageexchange/X26ABC2/inbox?max_results=10';
  let pages = 0;
  while (path) {
    const page = await h.call(path, { v2: true, as: 'X26ABC2' });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], V2);
    assert.equal(page.json.approx_inbox_count, 25);
    assert.equal(page.json.links.self, '/messageexchange/X26ABC2/inbox?max_results=10');
    seen.push(...page.json.messages);
    path = page.json.links.next;
    if (path) assert.match(path, /^\/messageexchange\/X26ABC2\/inbox\?max_results=10&continue_from=[\w-]{24,}$/);
    pages++;
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, ids);

  const all = await h.call('/messageexchange/X26ABC2/inbox', { v2: true });
  assert.deepEqual(all.json.links, { self: '/messageexchange/X26ABC2/inbox' });
  assert.equal(all.json.messages.length, 25);
});

test('inbox query validation: max_results 10..5000, continue_from 24..1000, workflow_filter 2..255', async () => {
  for (const query of ['max_results=9', 'max_results=5001', 'max_results=ten', 'continue_from=short', 'workflow_filter=A']) {
    const reply = await h.call(`/messageexchange/X26ABC2/inbox?${query}`);
    assert.equal(reply.status, 400, query);
    assert.equal(reply.json.detail[0].loc[0], 'query');
  }
  assert.equal((await h.call('/messageexchange/X26ABC2/inbox?max_results=10')).status, 200);
  assert.equal((await h.call('/messageexchange/X26ABC2/inbox?max_results=5000')).status, 200);
  // a v2 token from another process (or made up) cannot be decrypted
  const foreign = await h.call(`/messageexchange/X26ABC2/inbox?continue_from=${'A'.repeat(40)}`, { v2: true });
  assert.equal(foreign.status, 500);
});

test('workflow_filter: equals, not, begins with, not begins with, contains, not contains', async () => {
  const a = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'a', { 'mex-WorkflowID': 'TEST_WORKFLOW' });
  const b = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'b', { 'mex-WorkflowID': 'TEST_WORKFLOW_ACK' });
  const c = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'c', { 'mex-WorkflowID': 'OTHER_ACK_FLOW' });
  const list = async (filter: string) =>
    (await h.call(`/messageexchange/X26ABC2/inbox?workflow_filter=${encodeURIComponent(filter)}`)).json.messages;
  assert.deepEqual(await list('TEST_WORKFLOW'), [a]);
  assert.deepEqual(await list('!TEST_WORKFLOW'), [b, c]);
  assert.deepEqual(await list('TEST_*'), [a, b]);
  assert.deepEqual(await list('!TEST_*'), [c]);
  assert.deepEqual(await list('*ACK*'), [b, c]);
  assert.deepEqual(await list('!*_ACK*'), [a]);
  const v2 = await h.call('/messageexchange/X26ABC2/inbox?workflow_filter=TEST_*&max_results=10', { v2: true });
  assert.equal(v2.json.links.self, '/messageexchange/X26ABC2/inbox?max_results=10&workflow_filter=TEST_%2A', 'filter carried in links');
});

test('count: v1 with internalID and allResultsIncluded, v2 plain, application/json', async () => {
  await sendMessage(h, 'X26ABC1', 'X26ABC2', 'one');
  await sendMessage(h, 'X26ABC1', 'X26ABC2', 'two');
  const v1 = await h.call('/messageexchange/X26ABC2/count');
  assert.equal(v1.json.count, 2);
  assert.equal(v1.json.allResultsIncluded, true);
  assert.match(v1.json.internalID, /^[0-9a-f]{32}$/);
  const v2 = await h.call('/messageexchange/X26ABC2/count', { v2: true });
  assert.deepEqual(v2.json, { count: 2 });
  assert.equal(v2.headers['content-type'], 'application/json');
});

test('download: headers, body, 404/403/410 in that order, and acknowledged messages still download', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'hello, world', {
    'mex-Subject': 'greetings',
    'mex-LocalID': 'local-1',
    'mex-FileName': 'hello.txt',
    'mex-PartnerID': 'p1',
    'mex-Content-Checksum': 'md5:abc',
    'mex-Content-Encrypted': 'Y',
    'mex-Content-Type': 'text/plain',
  });
  const got = await h.call(`/messageexchange/X26ABC2/inbox/${id.toLowerCase()}`);
  assert.equal(got.status, 200);
  assert.equal(got.text, 'hello, world');
  const hd = got.headers;
  assert.equal(hd['mex-from'], 'X26ABC1');
  assert.equal(hd['mex-to'], 'X26ABC2');
  assert.equal(hd['mex-workflowid'], 'TEST_WORKFLOW');
  assert.equal(hd['mex-chunk-range'], '1:1');
  assert.equal(hd['mex-total-chunks'], '1');
  assert.equal(hd['mex-addresstype'], 'ALL');
  assert.equal(hd['mex-localid'], 'local-1');
  assert.equal(hd['mex-partnerid'], 'p1');
  assert.equal(hd['mex-subject'], 'greetings');
  assert.equal(hd['mex-filename'], 'hello.txt');
  assert.equal(hd['mex-version'], '1.0');
  assert.equal(hd['mex-messagetype'], 'DATA');
  assert.equal(hd['mex-messageid'], id);
  assert.equal(hd['mex-statuscode'], '00');
  assert.equal(hd['mex-statusevent'], 'TRANSFER');
  assert.equal(hd['mex-statusdescription'], 'Transferred to recipient mailbox');
  assert.equal(hd['mex-statussuccess'], 'SUCCESS');
  assert.match(hd['mex-statustimestamp']!, /^\d{14}$/);
  assert.equal(hd['mex-content-encrypted'], 'Y');
  assert.equal(hd['mex-content-checksum'], 'md5:abc');
  assert.equal(hd['mex-content-type'], 'text/plain');
  assert.equal(hd['mex-content-compressed'], undefined);
  assert.match(hd['last-modified']!, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC$/);
  assert.equal(hd['content-length'], '12');
  assert.equal(hd['content-type'], 'application/octet-stream');
  // v2 on a single-chunk message with a stored content type
  const v2 = await h.call(`/messageexchange/X26ABC2/inbox/${id}`, { v2: true });
  assert.equal(v2.headers['content-type'], 'text/plain');

  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox/NOPE')).json, {
    errorEvent: 'RECEIVE',
    errorCode: '20',
    errorDescription: 'Message does not exist',
  });
  const notMine = await h.call(`/messageexchange/X26ABC3/inbox/${id}`);
  assert.equal(notMine.status, 403);
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}/2`)).status, 404);
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}/0`)).status, 400);

  await h.server.admin.pushEvent(id, { status: 'error', code: '14', event: 'SEND', description: 'broken' });
  const gone = await h.call(`/messageexchange/X26ABC2/inbox/${id}`);
  assert.equal(gone.status, 410);
  assert.deepEqual(gone.json, {
    errorEvent: 'SEND',
    errorCode: 'Message already accepted',
    errorDescription: 'Message no longer available for download',
  });
  assert.equal((await h.call(`/messageexchange/X26ABC3/inbox/${id}`)).status, 403, '403 comes before 410');

  const second = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'again');
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${second}/status/acknowledged`, { method: 'PUT' })).status, 200);
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${second}`)).text, 'again');
});

test('HEAD: metadata only; recipient sees accepted/acknowledged, sender any status, others 404', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'head me');
  const head = await h.call(`/messageexchange/X26ABC2/inbox/${id}`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], '0');
  assert.equal(head.headers['mex-messageid'], id);
  assert.equal(head.body.length, 0);
  assert.equal((await h.call(`/messageexchange/X26ABC3/inbox/${id}`, { method: 'HEAD' })).status, 404);
  await h.server.admin.pushEvent(id, { status: 'undeliverable' });
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}`, { method: 'HEAD' })).status, 410);
  assert.equal((await h.call(`/messageexchange/X26ABC1/inbox/${id}`, { method: 'HEAD' })).status, 200);
});

test('acknowledge: v1 body, empty v2 body, idempotent, off the inbox; 404 and 403', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'ack me');
  const ack = await h.call(`/messageexchange/X26ABC2/inbox/${id}/status/acknowledged`, { method: 'PUT' });
  assert.equal(ack.status, 200);
  assert.deepEqual(ack.json, { messageId: id });
  const again = await h.call(`/messageexchange/X26ABC2/inbox/${id}/status/acknowledged`, { method: 'PUT', v2: true });
  assert.equal(again.status, 200);
  assert.equal(again.text, '');
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json, { messages: [] });
  assert.equal((await h.call('/messageexchange/X26ABC2/inbox/NOPE/status/acknowledged', { method: 'PUT' })).status, 404);
  assert.equal((await h.call(`/messageexchange/X26ABC1/inbox/${id}/status/acknowledged`, { method: 'PUT' })).status, 403);
  const tracking = await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`);
  assert.equal(tracking.json.status, 'Acknowledged');
  assert.match(tracking.json.downloadTimestamp, /^\d{14}$/);
});

test('a REPORT downloads as 200 with headers only, chunk range 1:0 and the error headers', async () => {
  const id = await h.server.admin.injectReport({
    mailboxId: 'X26ABC1',
    code: '14',
    description: 'Message not collected by recipient after 5 days',
    workflowId: 'TEST_WORKFLOW',
    status: 'error',
    linkedMessageId: 'ORIGINAL',
    localId: 'l-9',
  });
  assert.deepEqual((await h.call('/messageexchange/X26ABC1/inbox')).json.messages, [id]);
  const got = await h.call(`/messageexchange/X26ABC1/inbox/${id}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(got.status, 200);
  assert.equal(got.body.length, 0);
  assert.equal(got.headers['mex-messagetype'], 'REPORT');
  assert.equal(got.headers['mex-chunk-range'], '1:0');
  assert.equal(got.headers['mex-total-chunks'], '0');
  assert.equal(got.headers['mex-statussuccess'], 'ERROR');
  assert.equal(got.headers['mex-statuscode'], '14');
  assert.equal(got.headers['mex-statusevent'], 'TRANSFER');
  assert.equal(got.headers['mex-linkedmsgid'], 'ORIGINAL');
  assert.equal(got.headers['mex-from'], undefined);
  assert.equal(got.headers['content-encoding'], undefined);
  const undeliverable = await h.server.admin.injectReport({ mailboxId: 'X26ABC1', code: '14', description: 'x', workflowId: 'W' });
  const plain = await h.call(`/messageexchange/X26ABC1/inbox/${undeliverable}`);
  assert.equal(plain.headers['mex-statussuccess'], 'ERROR');
  assert.equal(plain.headers['mex-statuscode'], undefined);
});

test('/update answers 200 with an empty body; unknown routes are 404, wrong methods 405', async () => {
  const update = await h.call('/messageexchange/X26ABC1/update', { method: 'POST' });
  assert.equal(update.status, 200);
  assert.equal(update.text, '');
  assert.equal((await h.call('/nowhere', { as: null })).status, 404);
  assert.equal((await h.call('/messageexchange/X26ABC1/inbox', { method: 'DELETE' })).status, 405);
});
