// Fault injection (status + Retry-After, connection cut part-way through a body, delay) and the request log.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { sendMessage, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  h.server.admin.clearFaults();
  await h.server.admin.reset();
});
after(() => h.close());

test('the next N matching requests get the status with Retry-After; others pass; then it is spent', async () => {
  const id = h.server.admin.addFault({ method: 'get', path: '/inbox$', status: 503, retryAfterSeconds: 2, count: 2 });
  assert.equal((await h.call('/messageexchange/X26ABC1/count')).status, 200, 'not matching the path');
  for (let i = 0; i < 2; i++) {
    const reply = await h.call('/messageexchange/X26ABC1/inbox');
    assert.equal(reply.status, 503);
    assert.equal(reply.headers['retry-after'], '2');
    assert.deepEqual(reply.json, { errorEvent: '', errorCode: '', errorDescription: 'Service Unavailable' });
  }
  const v2 = h.server.admin.addFault({ status: 429 });
  const limited = await h.call('/messageexchange/X26ABC1/inbox', { v2: true });
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.json, { detail: [{ event: '', code: '', msg: 'Too Many Requests' }] });
  assert.equal((await h.call('/messageexchange/X26ABC1/inbox')).status, 200);
  const states = h.server.admin.faults();
  assert.deepEqual(
    states.map((f) => [f.id, f.remaining, f.hits]),
    [
      [id, 0, 2],
      [v2, 0, 1],
    ],
  );
});

test('a faulted POST is answered without creating a message, and the log shows it was sent once', async () => {
  h.server.admin.addFault({ method: 'POST', path: '/outbox$', status: 502 });
  const reply = await h.call('/messageexchange/X26ABC1/outbox', {
    method: 'POST',
    body: 'x',
    headers: { 'mex-To': 'X26ABC2', 'mex-WorkflowID': 'TEST_WORKFLOW' },
  });
  assert.equal(reply.status, 502);
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, []);
  const posts = h.server.admin.requests().filter((r) => r.method === 'POST' && r.path === '/messageexchange/X26ABC1/outbox');
  assert.equal(posts.at(-1)?.status, 502);
});

test('cutAfterBytes: headers and that many body bytes, then the connection drops', async () => {
  const body = 'x'.repeat(10_000);
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', body);
  h.server.admin.addFault({ path: `/inbox/${id}$`, cutAfterBytes: 1000 });
  const response = await request(`${h.server.url}/messageexchange/X26ABC2/inbox/${id}`, {
    dispatcher: h.agent,
    headers: { authorization: h.token('X26ABC2') },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-length'], '10000');
  let received = 0;
  await assert.rejects(
    (async () => {
      for await (const part of response.body) received += (part as Buffer).length;
    })(),
  );
  assert.ok(received <= 1000, `received ${received} bytes`);
  // the next request is whole again
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}`)).text, body);
});

test('cutAfterBytes larger than the body still cuts before the end', async () => {
  const id = await sendMessage(h, 'X26ABC1', 'X26ABC2', 'short body');
  h.server.admin.addFault({ path: `/inbox/${id}$`, cutAfterBytes: 1_000_000 });
  await assert.rejects(h.call(`/messageexchange/X26ABC2/inbox/${id}`));
});

test('delayMs holds the response that long', async () => {
  h.server.admin.addFault({ path: '/count$', delayMs: 300 });
  const started = Date.now();
  assert.equal((await h.call('/messageexchange/X26ABC1/count')).status, 200);
  assert.ok(Date.now() - started >= 290);
});

test('faults over HTTP: POST to add, GET to list, DELETE one or all; admin routes are never faulted', async () => {
  const add = await h.call('/messageexchange/admin/faults', {
    as: null,
    method: 'POST',
    body: JSON.stringify({ status: 500, count: 3 }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(add.status, 201);
  const listed = await h.call('/messageexchange/admin/faults', { as: null });
  assert.equal(listed.status, 200);
  assert.equal(listed.json.faults[0].id, add.json.id);
  assert.equal(listed.json.faults[0].remaining, 3);
  assert.equal((await h.call('/messageexchange/X26ABC1/inbox')).status, 500);
  assert.equal((await h.call(`/messageexchange/admin/faults/${add.json.id}`, { as: null, method: 'DELETE' })).status, 204);
  assert.equal((await h.call('/messageexchange/X26ABC1/inbox')).status, 200);
  await h.call('/messageexchange/admin/faults', { as: null, method: 'POST', body: JSON.stringify({ status: 503 }) });
  assert.equal((await h.call('/messageexchange/admin/faults', { as: null, method: 'DELETE' })).status, 204);
  assert.deepEqual((await h.call('/messageexchange/admin/faults', { as: null })).json, { faults: [] });
  const bad = await h.call('/messageexchange/admin/faults', { as: null, method: 'POST', body: JSON.stringify({ status: 42 }) });
  assert.equal(bad.status, 400);
});

test("the request log records method, path, status and the token's mailbox, nonce, count and timestamp", async () => {
  await h.call('/admin/requests', { as: null, method: 'DELETE' });
  h.server.admin.addFault({ path: '/count$', status: 503 });
  await h.call('/messageexchange/X26ABC1/count');
  await h.call('/messageexchange/X26ABC1/count');
  const log = (await h.call('/admin/requests', { as: null })).json.requests.filter((r: { path: string }) => r.path.endsWith('/count'));
  assert.deepEqual(
    log.map((r: { status: number }) => r.status),
    [503, 200],
  );
  for (const record of log) {
    assert.equal(record.method, 'GET');
    assert.equal(record.mailbox, 'X26ABC1');
    assert.match(record.nonce, /^[0-9a-f-]{36}$/);
    assert.equal(record.nonceCount, '1');
    assert.match(record.timestamp, /^\d{12}$/);
  }
  assert.notEqual(log[0].nonce, log[1].nonce);
});

test(
  'a fault path that could backtrack is refused (400, with the reason); a long path against the worst allowed ' + 'one is answered',
  async () => {
    const post = (spec: unknown) => h.call('/messageexchange/admin/faults', { as: null, method: 'POST', body: JSON.stringify(spec) });
    const refused = await post({ path: '(a+)+$', status: 503 });
    assert.equal(refused.status, 400);
    assert.match(refused.json.errorDescription, /groups are not supported/);
    assert.equal((await post({ path: 5, status: 503 })).status, 400);
    assert.throws(() => h.server.admin.addFault({ path: '(a+)+$', status: 503 }), /groups are not supported/);
    assert.deepEqual(h.server.admin.faults(), []);

    // As a RegExp this pattern takes about a minute on 200 a's; here it is a step per character.
    h.server.admin.addFault({ path: 'a*a*a*a*a*a*a*a*b$', status: 503 });
    const long = await h.call(`/messageexchange/X26ABC1/${'a'.repeat(8000)}`);
    assert.equal(long.status, 404, 'not matched, so not faulted: the route is unknown');
    assert.equal((await h.call('/messageexchange/X26ABC1/aab')).status, 503);

    h.server.admin.addFault({ path: '^/messageexchange/X26ABC1/inbox$', status: 502 });
    assert.equal((await h.call('/messageexchange/X26ABC2/inbox')).status, 200, 'anchored at the start: another mailbox');
    assert.equal((await h.call('/messageexchange/X26ABC1/inbox/rich')).status, 200, 'anchored at the end');
    assert.equal((await h.call('/messageexchange/X26ABC1/inbox')).status, 502);
  },
);
