// Admin routes over HTTP and the in-process handle: reset, reports, status events, details
// (docs/mesh-protocol.md, "Local server extras" and "Reports").
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
    as: null,
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
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
    mailbox_id: 'X26ABC1',
    code: '14',
    description: 'Message not collected',
    workflow_id: 'TEST_WORKFLOW',
    status: 'error',
    linked_message_id: 'ABC',
    local_id: 'loc',
    subject: 'sub',
    file_name: 'report.dat',
  });
  assert.equal(reply.status, 200);
  const id = reply.json.message_id as string;
  assert.ok((await h.call('/messageexchange/X26ABC1/inbox')).json.messages.includes(id));
  const details = await admin(`/message/${id}`);
  assert.equal(details.json.message_type, 'Report');
  assert.equal(details.json.sender, '');
  assert.equal(details.json.sender_name, 'Central System Mailbox');
  assert.equal(details.json.status, 'Accepted');
  assert.equal(details.json.linked_msg_id, 'ABC');
  const kept = h.server.admin.message(id)!;
  assert.equal(kept.events[1]!.status, 'error');
  assert.equal(kept.events[1]!.linked_message_id, 'ABC');
  assert.equal((await admin('/report', 'POST', { mailbox_id: 'NOBODY', code: '1', description: 'd', workflow_id: 'w' })).status, 404);
  assert.equal((await admin('/report', 'POST', { mailbox_id: 'X26ABC1', code: '1' })).status, 400);
  assert.equal(
    (await admin('/report', 'POST', { mailbox_id: 'X26ABC1', code: '1', description: 'd', workflow_id: 'w', status: 'odd' })).status,
    400,
  );
});

test('push a status event: it becomes the current status; 404 for an unknown message', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'event me');
  const pushed = await h.call(`/admin/message/${id}/event`, {
    as: null,
    method: 'POST',
    body: JSON.stringify({ status: 'undeliverable', code: '14', event: 'SEND', description: 'gone' }),
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
      mailbox_id: 'X26ABC3',
      mailbox_name: 'TESTMB3',
      billing_entity: 'England',
      ods_code: 'X27',
      org_code: 'X27',
      org_name: '',
      active: true,
    });
  }
  assert.equal((await h.call('/admin/mailbox/x26abc3', { as: null })).status, 404);
});

test('message details: the official flat view of a DATA message on both paths, "" for what was not sent', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'Hello World123!', { 'mex-FileName': 'helloworld.dat' });
  for (const root of ['/admin/message', '/messageexchange/admin/message']) {
    const reply = await h.call(`${root}/${id.toLowerCase()}`, { as: null });
    assert.equal(reply.status, 200);
    const m = reply.json;
    const { upload_timestamp: uploaded, expiry_time: expires, ...rest } = m;
    assert.deepEqual(rest, {
      checksum: '',
      chunk_count: 1,
      content_encoding: '',
      filename: 'helloworld.dat',
      file_size: 15,
      is_compressed: false,
      is_encrypted: false,
      local_id: '',
      message_id: id,
      message_type: 'Data',
      recipient: 'X26ABC2',
      recipient_name: 'TESTMB2',
      recipient_ods_code: 'X26',
      recipient_org_code: 'X26',
      recipient_org_name: '',
      sender: 'X26ABC1',
      sender_name: 'TESTMB1',
      sender_ods_code: 'X26',
      sender_org_code: 'X26',
      sender_org_name: '',
      status: 'Accepted',
      status_success: 'SUCCESS',
      subject: '',
      workflow_id: 'TEST_WORKFLOW',
    });
    assert.match(uploaded, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    assert.equal((Date.parse(`${expires}Z`) - Date.parse(`${uploaded}Z`)) / 86_400_000, 5, 'the 5-day inbox expiry');
  }
  assert.deepEqual(h.server.admin.messageView(id), (await admin(`/message/${id}`)).json, 'the in-process handle answers the same');

  await h.call(`/messageexchange/X26ABC2/inbox/${id}/status/acknowledged`, { method: 'PUT' });
  const acknowledged = (await admin(`/message/${id}`)).json;
  assert.equal(acknowledged.status, 'Acknowledged');
  assert.match(acknowledged.download_timestamp, /^\d{4}-\d{2}-\d{2}T/);

  const sent = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'x', {
    'mex-LocalID': 'dl',
    'mex-Subject': 'sub',
    'mex-Content-Checksum': 'md5:abc',
  });
  await h.server.admin.pushEvent(sent, { status: 'error', code: '14', event: 'SEND', description: 'not collected' });
  const failed = (await admin(`/message/${sent}`)).json;
  assert.equal(failed.local_id, 'dl');
  assert.equal(failed.subject, 'sub');
  assert.equal(failed.checksum, 'md5:abc');
  assert.equal(failed.status, 'Error');
  assert.equal(failed.status_success, 'ERROR');
  assert.equal(failed.failure_diagnostic, 'not collected');
  assert.match(failed.failure_date, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(failed.status_code, undefined, "a DATA message's error is its failure, not its status");
});

test('message details: a REPORT has its linked message id and status code; an unknown id is 404 Not Found', async () => {
  const report = {
    mailbox_id: 'X26ABC1',
    status: 'error',
    workflow_id: 'W1',
    code: '21',
    description: 'my error',
    subject: 'my subject',
    local_id: 'my local id',
    file_name: 'my filename',
    linked_message_id: 'LINKED1',
  };
  const id = (await admin('/report', 'POST', report)).json.message_id as string;
  for (const root of ['/admin/message', '/messageexchange/admin/message']) {
    const m = (await h.call(`${root}/${id}`, { as: null })).json;
    assert.equal(m.message_id, id);
    assert.equal(m.linked_msg_id, 'LINKED1');
    assert.equal(m.message_type, 'Report');
    assert.equal(m.recipient, 'X26ABC1');
    assert.equal(m.status_code, '21');
    assert.equal(m.status_description, 'my error');
    assert.equal(m.status_event, 'TRANSFER');
    assert.match(m.status_timestamp, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(m.status_success, 'ERROR');
    assert.equal(m.chunk_count, 0);
    assert.equal(m.local_id, 'my local id');
    assert.equal(m.filename, 'my filename');
    assert.equal(m.content_encoding, undefined, 'a REPORT never had the headers a sender sends');
  }
  const bare = await h.server.admin.injectReport({ mailboxId: 'X26ABC1', code: '14', description: 'd', workflowId: 'W' });
  const view = h.server.admin.messageView(bare)!;
  assert.equal(view.local_id, undefined);
  assert.equal(view.subject, undefined);
  assert.equal(view.status_code, undefined, 'an undeliverable report has no error event');

  for (const root of ['/admin/message', '/messageexchange/admin/message']) {
    const missing = await h.call(`${root}/notfound`, { as: null });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { errorEvent: '', errorCode: '', errorDescription: 'Not Found' });
  }
  assert.equal(h.server.admin.messageView('notfound'), undefined);
});

test('the in-process handle: injectReport, reset, setChecks', async () => {
  const id = await h.server.admin.injectReport({ mailboxId: 'X26ABC2', code: '14', description: 'd', workflowId: 'W' });
  assert.ok((await h.call('/messageexchange/X26ABC2/inbox')).json.messages.includes(id));
  assert.deepEqual(
    h.server.admin.message(id.toLowerCase())?.events.map((e) => e.status),
    ['accepted', 'undeliverable'],
  );
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
  const id = await h.server.admin.injectReport({
    mailboxId: 'X26ABC1',
    code: '14',
    description: 'line one\nline two ✓',
    workflowId: 'W',
    status: 'error',
  });
  const got = await h.call(`/messageexchange/X26ABC1/inbox/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers['mex-statusdescription'], 'line one?line two ?');
});
