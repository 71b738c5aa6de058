// Send and chunk upload: every validation in the documented order, chunk rules, gzip negotiation
// (docs/mesh-protocol.md, "Sending and chunks" and "Downloading and acknowledging").
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startHarness, V2, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
beforeEach(() => h.server.admin.reset());
after(() => h.close());

const outbox = '/messageexchange/X26ABC1/outbox';
const post = (headers: Record<string, string>, body: string | Buffer = 'data', v2 = false) =>
  h.call(outbox, { method: 'POST', headers, body, v2 });
const base = { 'mex-To': 'X26ABC2', 'mex-WorkflowID': 'TEST_WORKFLOW' };

test('success: 202 with messageID (v1) or message_id (v2, application/json); mex-To trimmed and upper-cased', async () => {
  const v1 = await post({ ...base, 'mex-To': '  x26abc2 ' });
  assert.equal(v1.status, 202);
  assert.match(v1.json.messageID, /^[0-9A-F]{32}$/);
  const v2 = await post(base, 'data', true);
  assert.equal(v2.status, 202);
  assert.equal(v2.headers['content-type'], 'application/json');
  assert.match(v2.json.message_id, /^[0-9A-F]{32}$/);
  const inbox = await h.call('/messageexchange/X26ABC2/inbox');
  assert.deepEqual(inbox.json.messages, [v1.json.messageID, v2.json.message_id]);
});

test('validation order: 400 missing → 400 06 → 400 checksum → 400 08 → 422 → 417 chunks → 417 12 → 417 02', async () => {
  const missing = await post({ 'mex-WorkflowID': 'W' });
  assert.equal(missing.status, 400);
  assert.deepEqual(
    missing.json.detail.map((d: { loc: string[]; type: string }) => [d.type, ...d.loc]),
    [['missing', 'header', 'mex-to']],
  );
  const tooLong = await post({ ...base, 'mex-Subject': 'x'.repeat(501) });
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.json.detail[0].type, 'string_too_long');

  const control = await post({ ...base, 'mex-Subject': 'tab\there' });
  assert.equal(control.status, 400);
  assert.deepEqual(control.json, { errorEvent: 'TRANSFER', errorCode: '06', errorDescription: 'MalformedControlFile' });
  assert.equal((await post({ ...base, 'mex-To': 'https://evil.example' })).json.errorCode, '06');
  assert.equal((await post({ ...base, 'mex-WorkflowID': 'http://x' })).json.errorCode, '06');

  const checksum = await post({ ...base, 'mex-Content-Checksum': 'md5:abc!' });
  assert.equal(checksum.status, 400);
  assert.deepEqual(checksum.json, { errorEvent: 'SEND', errorCode: 'Invalid checksum', errorDescription: 'Invalid checksum' });
  assert.equal((await post({ ...base, 'mex-Content-Checksum': 'md5:abc-1/2 x' })).status, 202);

  const empty = await post({ ...base, 'mex-To': '   ' });
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.json, { errorEvent: 'SEND', errorCode: '08', errorDescription: 'TO_DTS missing' });

  const encoding = await post({ ...base, 'mex-To': 'NOBODY', 'Content-Encoding': 'br' });
  assert.equal(encoding.status, 422);
  assert.equal(encoding.json.errorCode, 'UnsupportedContentEncoding');

  for (const range of ['2:3', '1:0', 'a:b', '1-2', '0:1', '3:2']) {
    const chunks = await post({ ...base, 'mex-To': 'NOBODY', 'mex-Chunk-Range': range });
    assert.equal(chunks.status, 417, range);
    assert.deepEqual(chunks.json, {
      errorEvent: 'SEND',
      errorCode: 'InvalidHeaderChunks',
      errorDescription: 'Invalid chunk values sent in mex-Chunk-Range header',
    });
  }
  const unknown = await post({ ...base, 'mex-To': 'NOBODY' }, '', true);
  assert.equal(unknown.status, 417);
  assert.equal(unknown.headers['content-type'], V2);
  assert.deepEqual(unknown.json, { detail: [{ event: 'SEND', code: '12', msg: 'Unregistered to address' }] });

  const noBody = await post(base, '');
  assert.equal(noBody.status, 417);
  assert.deepEqual(noBody.json, { errorEvent: 'COLLECT', errorCode: '02', errorDescription: 'Data file is missing or inaccessible.' });
  assert.equal((await h.call('/messageexchange/X26ABC2/inbox')).json.messages.length, 1, 'only the one good send arrived');
});

test('workflows are not enforced by default (as in the sandbox)', async () => {
  assert.equal((await post({ 'mex-To': 'X26ABC3', 'mex-WorkflowID': 'NOT_A_WORKFLOW' })).status, 202);
});

test('a chunked message: uploading until the last chunk, 206 then 200, sizes summed', async () => {
  const first = await post({ ...base, 'mex-Chunk-Range': '1:3' }, 'aaaa');
  assert.equal(first.status, 202);
  const id = first.json.messageID as string;
  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, []);
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}`)).status, 410, 'uploading is gone to the recipient');
  assert.equal((await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`)).json.status, 'Uploading');

  const two = await h.call(`${outbox}/${id.toLowerCase()}/2`, { method: 'POST', headers: { 'mex-Chunk-Range': '2:3' }, body: 'bbb' });
  assert.equal(two.status, 202);
  assert.deepEqual(two.json, { messageID: id, blockID: 2 });
  const three = await h.call(`${outbox}/${id}/3`, { method: 'POST', headers: { 'mex-Chunk-Range': '3:3' }, body: 'cc', v2: true });
  assert.equal(three.status, 202);
  assert.equal(three.text, 'null');

  assert.deepEqual((await h.call('/messageexchange/X26ABC2/inbox')).json.messages, [id]);
  const c1 = await h.call(`/messageexchange/X26ABC2/inbox/${id}`);
  assert.equal(c1.status, 206);
  assert.equal(c1.text, 'aaaa');
  assert.equal(c1.headers['mex-chunk-range'], '1:3');
  assert.equal(c1.headers['mex-total-chunks'], '3');
  const c2 = await h.call(`/messageexchange/X26ABC2/inbox/${id}/2`);
  assert.equal(c2.status, 206);
  assert.equal(c2.headers['mex-chunk-range'], '2:3');
  const c3 = await h.call(`/messageexchange/X26ABC2/inbox/${id}/3`);
  assert.equal(c3.status, 200);
  assert.equal(c3.text, 'cc');
  assert.equal((await h.call(`/messageexchange/X26ABC2/inbox/${id}/4`)).status, 404);
  const tracking = await h.call(`/messageexchange/X26ABC1/outbox/tracking?messageID=${id}`);
  assert.equal(tracking.json.fileSize, 9);
  assert.equal(tracking.json.chunkCount, 3);
});

test('chunk upload checks in order: 417 (with message id) → 404 → 403 → 423 → 406 → 417 encoding', async () => {
  const id = (await post({ ...base, 'mex-Chunk-Range': '1:2', 'Content-Encoding': 'gzip' }, gzipSync('one'))).json.messageID as string;
  const chunk = (path: string, headers: Record<string, string>, as = 'X26ABC1', v2 = false) =>
    h.call(path, { method: 'POST', headers, body: gzipSync('two'), as, v2 });

  const noRange = await chunk(`${outbox}/${id}/2`, {});
  assert.equal(noRange.status, 417);
  assert.deepEqual(noRange.json, {
    messageID: id,
    errorEvent: 'SEND',
    errorCode: 'InvalidHeaderChunks',
    errorDescription: 'Invalid chunk values sent in mex-Chunk-Range header',
  });
  const mismatch = await chunk(`${outbox}/${id}/2`, { 'mex-Chunk-Range': '3:3' }, 'X26ABC1', true);
  assert.equal(mismatch.status, 417);
  assert.equal(mismatch.json.message_id, id);

  const unknown = await chunk(`${outbox}/NOSUCH/2`, { 'mex-Chunk-Range': '2:2' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.errorDescription, 'Not Found');
  const stranger = await chunk(`/messageexchange/X26ABC3/outbox/${id}/2`, { 'mex-Chunk-Range': '2:2' }, 'X26ABC3');
  assert.equal(stranger.status, 403);

  const tooFar = await chunk(`${outbox}/${id}/3`, { 'mex-Chunk-Range': '3:3', 'Content-Encoding': 'gzip' });
  assert.equal(tooFar.status, 406);
  assert.deepEqual(tooFar.json, { message: 'An internal error occurred.\n\nPlease contact support.' });
  const changed = await h.call(`${outbox}/${id}/2`, { method: 'POST', headers: { 'mex-Chunk-Range': '2:2' }, body: 'two' });
  assert.equal(changed.status, 417);
  assert.deepEqual(changed.json, { messageID: id, errorEvent: '', errorCode: '', errorDescription: 'cannot change content encoding' });

  assert.equal((await chunk(`${outbox}/${id}/2`, { 'mex-Chunk-Range': '2:2', 'Content-Encoding': 'gzip' })).status, 202);
  const locked = await chunk(`${outbox}/${id}/2`, { 'mex-Chunk-Range': '2:2', 'Content-Encoding': 'gzip' });
  assert.equal(locked.status, 423);
  assert.deepEqual(locked.json, { message: 'An internal error occurred.\n\nPlease contact support.' });
});

test('gzip negotiation: stored gzip as is or gunzipped; plain gzipped on the fly for v2 only', async () => {
  const text = 'Lorem ipsum dolor sit amet. '.repeat(50);
  const gz = gzipSync(text);
  const zipped = (await post({ ...base, 'Content-Encoding': 'gzip' }, gz)).json.messageID as string;
  const plain = (await post(base, text)).json.messageID as string;
  const get = (id: string, headers: Record<string, string>, v2 = false) => h.call(`/messageexchange/X26ABC2/inbox/${id}`, { headers, v2 });

  const asIs = await get(zipped, { 'accept-encoding': 'gzip' });
  assert.equal(asIs.headers['content-encoding'], 'gzip');
  assert.equal(asIs.headers['mex-content-compressed'], 'Y');
  assert.equal(asIs.headers['content-length'], String(gz.length));
  assert.deepEqual(asIs.body, gz);

  const unzipped = await get(zipped, { 'accept-encoding': 'identity' });
  assert.equal(unzipped.headers['content-encoding'], undefined);
  assert.equal(unzipped.headers['mex-content-compressed'], undefined);
  assert.equal(unzipped.text, text);
  assert.equal(unzipped.headers['content-length'], String(Buffer.byteLength(text)));

  const v1Plain = await get(plain, { 'accept-encoding': 'gzip' });
  assert.equal(v1Plain.headers['content-encoding'], undefined);
  assert.equal(v1Plain.text, text);

  const v2Zipped = await get(plain, { 'accept-encoding': 'gzip, deflate' }, true);
  assert.equal(v2Zipped.headers['content-encoding'], 'gzip');
  assert.equal(v2Zipped.headers['mex-content-compressed'], 'Y');
  assert.equal(gunzipSync(v2Zipped.body).toString(), text);

  const v2NoGzip = await get(plain, {}, true);
  assert.equal(v2NoGzip.headers['content-encoding'], undefined);
  assert.equal(v2NoGzip.text, text);
});

test('pass-through flags: mex-Content-Compressed and -Encrypted parsed as booleans, anything else is false', async () => {
  const id = (await post({ ...base, 'mex-Content-Compressed': 'yes', 'mex-Content-Encrypted': 'maybe' })).json.messageID;
  const got = await h.call(`/messageexchange/X26ABC2/inbox/${id}`);
  assert.equal(got.headers['mex-content-compressed'], 'Y');
  assert.equal(got.headers['mex-content-encrypted'], undefined);
});
