// Admin routes over HTTP and the in-process handle: reset, reports, status events, details (mesh-api.md §3.12).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendMessage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const admin = (path: string, method = 'GET', body?: unknown) =>
  h.call(`/messageexchange/admin${path}`, {
    as: null, method, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });

test('reset all and reset one mailbox, over HTTP on both path forms', async () => {
  const toTwo = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'for two');
  const toThree = await sendMessage(h, 'X26ABC1', 'X26ABC3', 'for three');
  const one = await h.call('/admin/reset/x26abc2', { as: null, method: 'DELETE' });
  assert.equal(one.status, 200);
  assert.deepEqual(one.json, { message: 'mailbox X26ABC2 reset' });
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, []);
  assert.deepEqual((await h.call('/messageexchange/X26ABC3/inbox')).json.messages, [toThree]);
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${toTwo}`)).status, 404);

  const missing = await admin('/reset/NOBODY', 'DELETE');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.errorDescription, 'mailbox does not exist');

  const all = await admin('/reset', 'DELETE');
  assert.deepEqual(all.json, { message: 'all mailboxes reset' });
  assert.deepEqual((await h.call('/messageexchange/X26ABC3/inbox')).json.messages, []);
  assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${toThree}`)).status, 404);
});

test('inject a REPORT over HTTP: it lands in the inbox from the Central System Mailbox', async () => {
  const reply = await admin('/report', 'POST', {
    mailbox_id: 'X26ABC1', code: '14', description: 'Message not collected', workflow_id: 'TEST_WORKFLOW', status: 'error',
    linked_message_id: 'ABC', local_id: 'loc', subject: 'sub', file_name: 'report.dat',
  });
  assert.equal(reply.status, 200);
  const id = reply.json.message_id as string;
  assert.ok((await h.call('/messageexchange/X26ABC1/inbox')).json.messages.includes(id));
  const details = await admin(`/message/${id}`);
  assert.equal(details.json.message_type, 'REPORT');
  assert.equal(details.json.sender.mailbox_name, 'Central System Mailbox');
  assert.equal(details.json.status, 'accepted');
  assert.equal(details.json.events[1].status, 'error');
  assert.equal(details.json.events[1].linked_message_id, 'ABC');
  assert.equal((await admin('/report', 'POST', { mailbox_id: 'NOBODY', code: '1', description: 'd', workflow_id: 'w' })).status, 404);
  assert.equal((await admin('/report', 'POST', { mailbox_id: 'X26ABC1', code: '1' })).status, 400);
  assert.equal((await admin('/report', 'POST', { mailbox_id: 'X26ABC1', code: '1', description: 'd', workflow_id: 'w', status: 'odd' })).status, 400);
});

test('push a status event: it becomes the current status; 404 for an unknown message', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'event me');
  const pushed = await h.call(`/admin/message/${id}/event`, {
    as: null, method: 'POST', body: JSON.stringify({ status: 'undeliverable', code: '14', event: 'SEND', description: 'gone' }),
  });
  assert.equal(pushed.status, 200);
  assert.equal(pushed.text, '');
  assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`)).json.status, 'Undeliverable');
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}`)).status, 410);
  assert.equal((await admin('/message/NOPE/event', 'POST', { status: 'error' })).status, 404);
  await assert.rejects(h.server.admin.pushEvent('NOPE', { status: 'error' }));
});

test('mailbox details on the three paths (not upper-cased), 404 for none', async () => {
  for (const path of ['/admin/mailbox/X26ABC3', '/messageexchange/admin/mailbox/X26ABC3', '/messageexchange/mailbox/X26ABC3']) {
    const reply = await h.call(path, { as: null });
    assert.deepEqual(reply.json, {
      mailbox_id: 'X26ABC3', mailbox_name: 'TESTMB3', billing_entity: 'England', ods_code: 'X27', org_code: 'X27', org_name: '', active: true,
    });
  }
  assert.equal((await h.call('/admin/mailbox/x26abc3', { as: null })).status, 404);
});

test('message details: snake_case, with the 5-day inbox expiry', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'details', { 'mex-LocalID': 'dl' });
  const reply = await admin(`/message/${id.toLowerCase()}`);
  assert.equal(reply.status, 200);
  assert.equal(reply.json.message_id, id);
  assert.equal(reply.json.metadata.local_id, 'dl');
  assert.equal(reply.json.recipient.mailbox_id, 'X26ABC2');
  const days = (Date.parse(`${reply.json.inbox_expiry_timestamp}Z`) - Date.parse(`${reply.json.created_timestamp}Z`)) / 86_400_000;
  assert.equal(days, 5);
  assert.equal((await admin('/message/NOPE')).status, 404);
});

test('the in-process handle: injectReport, reset, setChecks', async () => {
  const id = await h.server.admin.injectReport({ mailboxId: 'X26ABC2', code: '14', description: 'd', workflowId: 'W' });
  assert.ok((await h.call('/messageexchange/X26ABC2/inbox')).json.messages.includes(id));
  assert.deepEqual(h.server.admin.message(id.toLowerCase())?.events.map((e) => e.status), ['accepted', 'undeliverable']);
  assert.equal(h.server.admin.mailbox('X26ABC2')?.billing_entity, 'Wales');
  assert.equal(h.server.admin.mailbox('x26abc2'), undefined);
  await h.server.admin.reset('X26ABC2');
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, []);
  await assert.rejects(h.server.admin.reset('NOBODY'), /mailbox does not exist/);
  const checks = await admin('/checks', 'PUT', { tokenReuse: true });
  assert.deepEqual(checks.json, { tokenReuse: true });
  h.server.admin.setChecks({ tokenReuse: false });
  assert.deepEqual((await admin('/checks')).json, { tokenReuse: false });
});

test('a report whose text cannot go in a header still downloads, with the odd characters replaced', async () => {
  const id = await h.server.admin.injectReport({ mailboxId: 'X26ABC1', code: '14', description: 'line one\nline two ✓', workflowId: 'W', status: 'error' });
  const got = await h.call(`/messageexchange/X26ABC1/inbox/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers['mex-statusdescription'], 'line one?line two ?');
});
