// Every error an operator may meet, produced for real against the local MESH server over
// HTTPS with mutual TLS: each comes back as its kind with a sentence, and no secret in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { failure, startPeer, type Peer } from './peer';
import { issueCertificate } from '../../main/settings/pki';

let peer: Peer;
before(async () => {
  peer = await startPeer();
});
after(() => peer.close());

const SECRETS = () => ['TestKey', 'wrong-key', 'not-the-password', peer.pki.passphrase, peer.pki.client.privateKeyPem.split('\n')[1]!];

function assertSentence(error: Error): void {
  assert.match(error.message, /^[A-Z].+[.]$/, error.message);
  for (const secret of SECRETS()) assert.ok(!error.message.includes(secret), `no secret in: ${error.message}`);
}

test('wrong password and wrong shared key: authentication', async () => {
  for (const overrides of [{ password: 'not-the-password' }, { sharedKey: 'wrong-key' }]) {
    const error = await failure(() => peer.client('X26ABC1', overrides).handshake());
    assert.equal(error.kind, 'authentication');
    assert.equal(error.status, 403);
    assert.match(error.message, /password and the shared key/);
    assertSentence(error);
  }
});

test('unknown mailbox', async () => {
  const error = await failure(() => peer.client('X26ABC9').inboxPage());
  assert.equal(error.kind, 'unknown-mailbox');
  assert.match(error.message, /X26ABC9/);
  assertSentence(error);
});

test('unregistered recipient (code 12) and workflow not allowed (code 17, check on)', async () => {
  const sender = peer.client('X26ABC1');
  const unknown = await failure(() => sender.send({ to: 'X99NOPE', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('x') } }));
  assert.equal(unknown.kind, 'unregistered-recipient');
  assert.equal(unknown.code, '12');
  assert.match(unknown.message, /X99NOPE/);
  assertSentence(unknown);

  peer.server.admin.setChecks({ workflowAuthorisation: true });
  try {
    // TEST_WORKFLOW_ACK: only X26ABC2 may send on it.
    const refused = await failure(() =>
      sender.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('x') } }),
    );
    assert.equal(refused.kind, 'workflow-not-allowed');
    assert.equal(refused.code, '17');
    assert.match(refused.message, /TEST_WORKFLOW_ACK/);
    assertSentence(refused);
    await sender.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('allowed') } });
  } finally {
    peer.server.admin.setChecks({ workflowAuthorisation: false });
  }
});

test("message gone (410), not found (404), someone else's message (403)", async () => {
  const sent = await peer
    .client('X26ABC1')
    .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('soon gone') } });
  await peer.server.admin.pushEvent(sent.messageId, { status: 'error', code: '14', event: 'SEND', description: 'Message not collected' });
  const recipient = peer.client('X26ABC2');
  const gone = await failure(() => recipient.download(sent.messageId, { path: '/tmp/never-written-mesh-test' }));
  assert.equal(gone.kind, 'message-gone');
  assert.equal(gone.status, 410);
  assert.equal(gone.messageId, sent.messageId);
  assertSentence(gone);

  const missing = await failure(() => recipient.metadata('NO_SUCH_MESSAGE'));
  assert.equal(missing.kind, 'not-found');
  assertSentence(missing);

  const other = await peer.client('X26ABC1').send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('private') } });
  const forbidden = await failure(() => peer.client('X26ABC3').download(other.messageId, { path: '/tmp/never-written-mesh-test' }));
  assert.equal(forbidden.kind, 'forbidden');
  assertSentence(forbidden);
  const untracked = await failure(() => peer.client('X26ABC1').trackByLocalId('NO-SUCH-LOCAL-ID'));
  assert.equal(untracked.kind, 'not-found');
  assert.match(untracked.message, /NO-SUCH-LOCAL-ID/);
});

test('a later chunk refused, or busy past the retries: the message is left incomplete', async () => {
  const sender = peer.client('X26ABC1', { retry: { maxRetries: 1, backoffMs: 1 } });
  const data = Buffer.alloc(30_000, 'x');
  peer.server.admin.addFault({ method: 'POST', path: '/outbox/[^/]+/2$', status: 417 });
  const refused = await failure(() =>
    sender.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes: 10_000 }),
  );
  assert.equal(refused.kind, 'send-incomplete');
  assert.equal(refused.status, 417);
  assert.ok(refused.messageId);
  assert.match(
    refused.message,
    new RegExp(`Message ${refused.messageId} was left incomplete because chunk 2 of 3 failed \\(MESH refused it\\)`),
  );
  assertSentence(refused);
  assert.equal((await sender.trackByMessageId(refused.messageId!)).status, 'uploading');

  peer.server.admin.addFault({ method: 'POST', path: '/outbox/[^/]+/3$', status: 503, count: 2 });
  const busy = await failure(() => sender.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data }, chunkSizeBytes: 10_000 }));
  assert.equal(busy.kind, 'send-incomplete');
  assert.match(busy.message, /chunk 3 of 3 failed \(MESH stayed busy\)/);
  assert.equal(
    (await failure(() => peer.client('X26ABC2').download(busy.messageId!, { path: '/tmp/never-written-mesh-test' }))).kind,
    'message-gone',
  );
});

test('expired client certificate, made in the test: refused before connecting', async () => {
  const expired = await issueCertificate(peer.pki.ca, {
    commonName: 'x26abc1.x26.api.mesh-client.nhs.uk',
    usage: 'client',
    notBefore: new Date(Date.now() - 3 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
  });
  const before = peer.server.admin.requests().length;
  const error = await failure(() =>
    peer
      .client('X26ABC1', { certificatePem: expired.certificatePem, privateKeyPem: expired.privateKeyPem, privateKeyPassphrase: undefined })
      .handshake(),
  );
  assert.equal(error.kind, 'tls-certificate-expired');
  assert.match(error.message, /expired on \d{4}-\d{2}-\d{2}/);
  assertSentence(error);
  assert.equal(peer.server.admin.requests().length, before, 'nothing reached the server');
});

test("wrong private key passphrase, and a key that is not the certificate's", async () => {
  const wrong = await failure(() => peer.client('X26ABC1', { privateKeyPassphrase: 'not-the-passphrase' }).handshake());
  assert.equal(wrong.kind, 'tls-passphrase-wrong');
  assert.ok(!wrong.message.includes('not-the-passphrase'));
  assertSentence(wrong);
  const mismatch = await failure(() =>
    peer.client('X26ABC1', { privateKeyPem: peer.pki.strangerClient.privateKeyPem, privateKeyPassphrase: undefined }).handshake(),
  );
  assert.equal(mismatch.kind, 'tls-key-mismatch');
  assertSentence(mismatch);
});

test('untrusted server: another CA, or no CA bundle at all', async () => {
  for (const caPem of [peer.pki.otherCa.certificatePem, undefined]) {
    const error = await failure(() => peer.client('X26ABC1', { caPem }).handshake());
    assert.equal(error.kind, 'tls-server-untrusted');
    assert.equal(error.retryable, false);
    assertSentence(error);
  }
});

test('client certificate from an unknown CA is refused; none at all is missing', async () => {
  const stranger = await failure(() =>
    peer
      .client('X26ABC1', {
        certificatePem: peer.pki.strangerClient.certificatePem,
        privateKeyPem: peer.pki.strangerClient.privateKeyPem,
        privateKeyPassphrase: undefined,
      })
      .handshake(),
  );
  assert.equal(stranger.kind, 'tls-client-certificate-refused');
  assertSentence(stranger);
  const none = await failure(() =>
    peer.client('X26ABC1', { certificatePem: undefined, privateKeyPem: undefined, privateKeyPassphrase: undefined }).handshake(),
  );
  assert.equal(none.kind, 'tls-client-certificate-missing');
  assertSentence(none);
  // A refused certificate on the creating POST is a clear refusal, not an unknown outcome.
  const send = await failure(() =>
    peer
      .client('X26ABC1', {
        certificatePem: peer.pki.strangerClient.certificatePem,
        privateKeyPem: peer.pki.strangerClient.privateKeyPem,
        privateKeyPassphrase: undefined,
      })
      .send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', source: { data: Buffer.from('x') }, localId: 'L-TLS' }),
  );
  assert.equal(send.kind, 'tls-client-certificate-refused');
});

test('nothing listening: network, after the retries', async () => {
  const client = peer.client('X26ABC1', { baseUrl: 'https://127.0.0.1:9', retry: { maxRetries: 2, backoffMs: 5 } });
  const error = await failure(() => client.count());
  assert.equal(error.kind, 'network');
  assert.equal(error.retryable, true);
  assert.match(error.message, /Nothing is answering at 127\.0\.0\.1:9, still after 3 tries/);
});

test('verification off connects anyway, and says so in the log', async () => {
  const lines: string[] = [];
  const client = peer.client('X26ABC1', { caPem: undefined, disableSslVerification: true, log: (line) => lines.push(line) });
  await client.handshake();
  assert.ok(
    lines.some((line) => /WARNING: connecting to 127\.0\.0\.1:\d+ without verifying/.test(line)),
    lines.join('\n'),
  );
});

test('no secret in any log line or audit call', () => {
  const text = JSON.stringify({ logs: peer.logs, calls: peer.calls });
  for (const secret of SECRETS()) assert.ok(!text.includes(secret), `secret leaked: ${secret.slice(0, 4)}…`);
  assert.ok(peer.calls.length > 10);
});
