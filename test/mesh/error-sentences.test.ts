import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromTransport } from '../../main/mesh/connection-errors';
import { errorFromResponse } from '../../main/mesh/http-errors';
import type { OperationContext } from '../../main/mesh/operation';
import { readdirSync, readFileSync } from 'node:fs';
import { MeshClient, MeshError, checkClientIdentity, type MeshSetting } from '../../main/mesh';

const base = { mailbox: 'X26ABC1', baseUrl: 'https://msg.intspineservices.nhs.uk' };
const ctx = (operation: OperationContext['operation'], extra: Partial<OperationContext> = {}): OperationContext => ({
  ...base,
  operation,
  ...extra,
});
const secrets = ['TestKey', 'a passphrase for tests'];

function sentence(text: string) {
  assert.match(text, /^[A-Z].*[.]$/, `one sentence: ${text}`);
  assert.ok(!text.includes('\n'));
  for (const secret of secrets) assert.ok(!text.includes(secret), `no secret in: ${text}`);
}

test("403s: credentials, unknown mailbox, someone else's message, stale token", () => {
  const auth = errorFromResponse(403, { description: 'Invalid Authentication Token' }, ctx('handshake'));
  assert.equal(auth.kind, 'authentication');
  assert.equal(auth.message, 'MESH refused the credentials for mailbox X26ABC1: check the mailbox password and the shared key.');
  assert.deepEqual(auth.settings, ['password', 'sharedKey']);
  const unknownMailbox = errorFromResponse(403, { description: 'No mailbox matched' }, ctx('inbox'));
  assert.equal(unknownMailbox.message, 'MESH does not know mailbox X26ABC1: check the mailbox ID.');
  assert.deepEqual(unknownMailbox.settings, ['mailbox']);
  assert.equal(
    errorFromResponse(403, { event: 'SEND', code: 'EPL-151', description: 'No mailbox matched' }, ctx('inbox')).kind,
    'unknown-mailbox',
  );
  assert.equal(errorFromResponse(403, { description: 'Forbidden' }, ctx('download', { messageId: 'M1' })).kind, 'forbidden');
  assert.equal(errorFromResponse(403, { description: 'Token timestamp outside the 2-hour window' }, ctx('inbox')).kind, 'token-rejected');
  for (const e of [auth]) sentence(e.message);
});

test('417 codes 12, 17 and 02, and chunk errors', () => {
  const send = ctx('send', { to: 'X26ABC9', workflowId: 'WF', localId: 'L1' });
  const unknown = errorFromResponse(417, { event: 'SEND', code: '12', description: 'Unregistered to address' }, send);
  assert.equal(unknown.kind, 'unregistered-recipient');
  assert.equal(unknown.code, '12');
  assert.match(unknown.message, /X26ABC9/);
  const workflow = errorFromResponse(417, { event: 'SEND', code: '17', description: 'Workflow ID not registered for mailbox' }, send);
  assert.equal(workflow.kind, 'workflow-not-allowed');
  assert.match(workflow.message, /Workflow WF/);
  assert.equal(
    errorFromResponse(417, { event: 'COLLECT', code: '02', description: 'Data file is missing or inaccessible.' }, send).kind,
    'empty-message',
  );
  const chunk = errorFromResponse(
    417,
    { code: 'InvalidHeaderChunks', description: 'Invalid chunk values sent in mex-Chunk-Range header' },
    ctx('send-chunk', { messageId: 'M', chunk: { index: 2, count: 3 } }),
  );
  assert.equal(chunk.kind, 'chunk-error');
  assert.match(chunk.message, /chunk 2 of 3/);
  for (const e of [unknown, workflow, chunk]) sentence(e.message);
});

test('410, 404 by operation, 300 on a shared local id', () => {
  const gone = errorFromResponse(
    410,
    { code: 'Message already accepted', description: 'Message no longer available for download' },
    ctx('download', { messageId: 'M' }),
  );
  assert.equal(gone.kind, 'message-gone');
  assert.equal(gone.messageId, 'M');
  assert.match(errorFromResponse(404, {}, ctx('track-local-id', { localId: 'L7' })).message, /local ID L7/);
  const missing = errorFromResponse(404, { code: '20' }, ctx('acknowledge', { messageId: 'M' }));
  assert.equal(missing.kind, 'not-found');
  // Not "refresh the inbox", which means nothing on the command line: why it may be gone, and what to check.
  assert.match(
    missing.message,
    /not in mailbox .+ \(acknowledged already, expired after 5 days, or a wrong id\): check the id against the inbox/,
  );
  sentence(missing.message);
  assert.equal(errorFromResponse(300, {}, ctx('track-local-id', { localId: 'L7' })).kind, 'ambiguous-local-id');
  sentence(gone.message);
});

test('busy statuses after retries; 5xx on the creating POST leaves the outcome unknown', () => {
  const busy = errorFromResponse(503, {}, ctx('inbox'), 4);
  assert.equal(busy.kind, 'server-busy');
  assert.equal(busy.retryable, true);
  assert.match(busy.message, /after 4 tries/);
  const unknown = errorFromResponse(502, {}, ctx('send', { localId: 'EXPORT-1' }));
  assert.equal(unknown.kind, 'send-outcome-unknown');
  assert.match(unknown.message, /may or may not exist/);
  assert.match(unknown.message, /tracking by local ID EXPORT-1/);
  assert.equal(unknown.retryable, false);
  const refused = errorFromResponse(429, {}, ctx('send'));
  assert.equal(refused.kind, 'server-busy');
  assert.match(refused.message, /was not sent/);
  assert.equal(errorFromResponse(500, { description: 'boom' }, ctx('inbox')).kind, 'server-error');
  for (const e of [busy, unknown, refused]) sentence(e.message);
});

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

test('TLS and socket errors as Node and OpenSSL report them', () => {
  const map = (error: unknown, operation: OperationContext['operation'] = 'inbox') =>
    errorFromTransport(error, ctx(operation, { localId: 'L1' }), { timeoutMs: 30_000 });
  assert.equal(map(nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).kind, 'tls-server-untrusted');
  assert.equal(map(nodeError('SELF_SIGNED_CERT_IN_CHAIN')).kind, 'tls-server-untrusted');
  assert.equal(map(nodeError('ERR_TLS_CERT_ALTNAME_INVALID')).kind, 'tls-hostname-mismatch');
  assert.equal(map(nodeError('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA')).kind, 'tls-client-certificate-refused');
  assert.equal(map(nodeError('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE')).kind, 'tls-client-certificate-refused');
  assert.equal(map(nodeError('ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED')).kind, 'tls-certificate-expired');
  assert.equal(map(nodeError('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')).kind, 'tls-client-certificate-missing');
  assert.equal(map(nodeError('ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt')).kind, 'tls-passphrase-wrong');
  assert.equal(map(nodeError('ERR_OSSL_X509_KEY_VALUES_MISMATCH', 'key values mismatch')).kind, 'tls-key-mismatch');
  assert.equal(map(Object.assign(new Error('fetch failed'), { cause: nodeError('ECONNREFUSED') })).kind, 'network');
  assert.equal(map(nodeError('ENOTFOUND')).kind, 'network');
  assert.equal(map(nodeError('UND_ERR_HEADERS_TIMEOUT')).kind, 'timeout');
  assert.equal(map(nodeError('ECONNRESET')).kind, 'network');
  const sendCut = map(nodeError('ECONNRESET'), 'send');
  assert.equal(sendCut.kind, 'send-outcome-unknown');
  assert.match(sendCut.message, /local ID L1/);
  for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ECONNREFUSED', 'UND_ERR_HEADERS_TIMEOUT'])
    sentence(map(nodeError(code)).message);
});

test('a MESH sentence says what is wrong, never where to change it; the settings involved travel as facts', () => {
  const transport = (code: string) => errorFromTransport(Object.assign(new Error(code), { code }), ctx('inbox'), { timeoutMs: 1000 });
  const cases: [MeshError, readonly MeshSetting[]][] = [
    [transport('ECONNREFUSED'), ['baseUrl']],
    [transport('ENOTFOUND'), ['baseUrl']],
    [transport('ERR_TLS_CERT_ALTNAME_INVALID'), ['baseUrl']],
    [transport('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), ['baseUrl', 'caBundle']],
    [transport('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), ['certificate', 'privateKey']],
    [transport('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), ['certificate']],
    [transport('ERR_OSSL_BAD_DECRYPT'), ['privateKeyPassphrase']],
    [transport('ERR_SSL_SOMETHING_ELSE'), ['certificate', 'privateKey', 'caBundle', 'baseUrl']],
    [transport('ETIMEDOUT'), []],
  ];
  for (const [error, settings] of cases) {
    sentence(error.message);
    assert.doesNotMatch(error.message, /Settings|MESH_[A-Z]|settings\.json/, error.message);
    assert.deepEqual(error.settings, settings, error.message);
  }
  assert.equal(
    transport('ERR_SSL_SOMETHING_ELSE').message,
    'The secure connection to msg.intspineservices.nhs.uk failed (ERR_SSL_SOMETHING_ELSE): check the certificate, ' +
      'private key, CA bundle and base URL.',
  );
  assert.throws(
    () => checkClientIdentity({ certificatePem: 'x' }),
    (error: MeshError) => {
      assert.equal(
        error.message,
        'A client certificate needs its private key and the other way round: set both (only the certificate is set).',
      );
      assert.deepEqual(error.settings, ['privateKey']);
      return true;
    },
  );
  assert.throws(
    () => checkClientIdentity({ caPem: 'not a certificate' }),
    (error: MeshError) => {
      assert.equal(error.message, 'The CA bundle is not a readable PEM certificate: choose the right file.');
      assert.deepEqual(error.settings, ['caBundle']);
      return true;
    },
  );
  assert.throws(
    () => new MeshClient({ baseUrl: 'ftp://mesh.example.org', mailbox: 'X26ABC1', password: 'p', sharedKey: 'k' }),
    (error: MeshError) => {
      assert.equal(error.message, 'The base URL must start with https:// (or http:// for a local MESH server).');
      assert.deepEqual(error.settings, ['baseUrl']);
      return true;
    },
  );
});

test('no sentence of the MESH client points at a Settings screen', () => {
  const folder = new URL('../../main/mesh/', import.meta.url);
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.ts'))) {
    assert.doesNotMatch(readFileSync(new URL(name, folder), 'utf8'), /\bin Settings\b/, name);
  }
});
