// Authentication and the request conventions of docs/mesh-protocol.md, "Authentication token"
// and "Versions, headers and times", over HTTPS with mutual TLS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, V2, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const inbox = '/messageexchange/X26ABC1/inbox';

test('a good token opens the inbox', async () => {
  const reply = await h.call(inbox);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json, { messages: [] });
  assert.equal(reply.headers['content-type'], 'application/json');
});

test('a missing Authorization header is 403 "Error reading from Authorization header"', async () => {
  const reply = await h.call(inbox, { as: null });
  assert.equal(reply.status, 403);
  assert.deepEqual(reply.json, { errorEvent: '', errorCode: '', errorDescription: 'Error reading from Authorization header' });
});

test('a token for another mailbox, or garbage, is "Mailbox id does not match token"', async () => {
  for (const authorization of [h.token('X26ABC2'), 'garbage', 'NHSMESH x26abc1:n:1:202401011200:abc']) {
    const reply = await h.call(inbox, { as: null, headers: { authorization } });
    assert.equal(reply.status, 403);
    assert.equal(reply.json.errorDescription, 'Mailbox id does not match token');
  }
});

test('wrong part count, a non-digit count, or a space is "Error reading from Authorization header"', async () => {
  for (const authorization of ['NHSMESH X26ABC1:only:three', 'NHSMESH X26ABC1:n:one:202401011200:abc', 'NHSMESH X26ABC1:a:1:2:3:4']) {
    const reply = await h.call(inbox, { as: null, headers: { authorization } });
    assert.equal(reply.status, 403, authorization);
    assert.equal(reply.json.errorDescription, 'Error reading from Authorization header');
  }
});

test('a wrong password or shared key is "Invalid Authentication Token", in v2 form when asked', async () => {
  const wrongPassword = await h.call(inbox, { as: null, headers: { authorization: h.token('X26ABC1', { password: 'nope' }) } });
  assert.equal(wrongPassword.status, 403);
  assert.deepEqual(wrongPassword.json, { errorEvent: '', errorCode: '', errorDescription: 'Invalid Authentication Token' });

  const wrongKey = await h.call(inbox, { as: null, v2: true, headers: { authorization: h.token('X26ABC1', { sharedKey: 'Banana' }) } });
  assert.equal(wrongKey.status, 403);
  assert.equal(wrongKey.headers['content-type'], V2);
  assert.deepEqual(wrongKey.json, { detail: [{ event: '', code: '', msg: 'Invalid Authentication Token' }] });
});

test('an unknown mailbox is "No mailbox matched" (SEND / EPL-151)', async () => {
  const reply = await h.call('/messageexchange/NOSUCHMB/inbox');
  assert.equal(reply.status, 403);
  assert.deepEqual(reply.json, { errorEvent: 'SEND', errorCode: 'EPL-151', errorDescription: 'No mailbox matched' });
});

test(
  'the known token of docs/mesh-protocol.md#authentication-token is accepted (no timestamp window by default), ' + 'upper-case HMAC too',
  async () => {
    const example = 'NHSMESH X26ABC1:abc123:0:202401011200:d4634cd8764f5b3fed5750da5e855dfe5bab742b5c4deedbb1d2ab3185bb2c63';
    assert.equal((await h.call(inbox, { as: null, headers: { authorization: example } })).status, 200);
    assert.equal(
      (await h.call(inbox, { as: null, headers: { authorization: example.toUpperCase().replace('ABC123', 'abc123') } })).status,
      200,
    );
    // without the scheme too, as the sandbox is lenient
    assert.equal((await h.call(inbox, { as: null, headers: { authorization: example.slice(8) } })).status, 200);
  },
);

test('the path mailbox is upper-cased before it is compared with the token', async () => {
  const reply = await h.call('/messageexchange/x26abc1/inbox', { as: 'X26ABC1' });
  assert.equal(reply.status, 200);
});

test('Accept: v1 by default, v2 by vnd type, 400 for a malformed vnd type or a list containing it', async () => {
  assert.deepEqual((await h.call(inbox, { headers: { accept: 'application/json' } })).json, { messages: [] });
  const v2 = await h.call(inbox, { headers: { accept: 'application/vnd.mesh.v2+json; charset=utf-8' } });
  assert.equal(v2.headers['content-type'], V2);
  assert.equal(v2.json.approx_inbox_count, 0);
  assert.equal((await h.call(inbox, { headers: { accept: 'application/vnd.mesh.v3+json' } })).headers['content-type'], V2);
  for (const accept of ['application/vnd.mesh.v2+xml', 'application/json, application/vnd.mesh.v2+json', 'vnd.mesh']) {
    const reply = await h.call(inbox, { headers: { accept } });
    assert.equal(reply.status, 400, accept);
    assert.equal(reply.json.errorDescription, 'Accept header api format incorrect');
  }
});

test('auth is checked before Accept', async () => {
  const reply = await h.call(inbox, { as: null, headers: { accept: 'application/vnd.mesh.bad' } });
  assert.equal(reply.status, 403);
});

test('header names are case-insensitive', async () => {
  const reply = await h.call('/messageexchange/X26ABC1', {
    method: 'POST',
    headers: { 'MEX-CLIENTVERSION': 'a', 'mex-osname': 'Linux', 'Mex-OsVersion': '1', ACCEPT: V2 },
  });
  assert.equal(reply.status, 200);
  assert.equal(reply.text, '');
});
