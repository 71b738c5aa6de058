import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseHeaders } from '../../main/mesh/headers';
import { meshFlag, parseChunkRange, parseMetadata } from '../../main/mesh/metadata';
import { parseCount, parseErrorBody, parseInbox, parseLookup, parseSendAccepted, ResponseShapeError } from '../../main/mesh/responses';
import { meshTimeToIso } from '../../main/mesh/timestamps';
import { parseTracking } from '../../main/mesh/tracking';

test('inbox: v1 has only messages; v2 adds links.next and approx_inbox_count', () => {
  assert.deepEqual(parseInbox({ messages: ['A', 'B'] }), { messageIds: ['A', 'B'] });
  assert.deepEqual(
    parseInbox({
      messages: ['C'],
      links: {
        self: '/messageexchange/X26ABC2/inbox?max_results=10',
        next: '/messageexchange/X26ABC2/inbox?max_results=10&continue_from=xyz',
      },
      approx_inbox_count: 12,
    }),
    { messageIds: ['C'], next: '/messageexchange/X26ABC2/inbox?max_results=10&continue_from=xyz', approxCount: 12 },
  );
  assert.throws(() => parseInbox({ count: 1 }), ResponseShapeError);
});

test('count, send and lookup in both versions', () => {
  assert.equal(parseCount({ count: 2, internalID: 'ab', allResultsIncluded: true }), 2);
  assert.equal(parseCount({ count: 0 }), 0);
  assert.equal(parseSendAccepted({ messageID: 'ID1' }), 'ID1');
  assert.equal(parseSendAccepted({ message_id: 'ID2' }), 'ID2');
  assert.throws(() => parseSendAccepted({}), ResponseShapeError);
  assert.throws(() => parseSendAccepted({ message_id: 'ID\u001b[2J' }), ResponseShapeError, 'an id that would reach a terminal raw');
  assert.throws(() => parseSendAccepted({ message_id: 'ID 3' }), ResponseShapeError);
  assert.deepEqual(parseLookup({ query_id: 'q', results: [{ address: 'X26ABC2', description: 'TESTMB2', endpoint_type: 'MESH' }] }), [
    { mailboxId: 'X26ABC2', mailboxName: 'TESTMB2' },
  ]);
  assert.deepEqual(parseLookup({ results: [{ mailbox_id: 'X26ABC1', mailbox_name: 'TESTMB1' }] }), [
    { mailboxId: 'X26ABC1', mailboxName: 'TESTMB1' },
  ]);
  assert.deepEqual(parseLookup({ results: [] }), []);
});

test('error bodies: v1, v2, FastAPI validation and the generic message', () => {
  assert.deepEqual(parseErrorBody({ errorEvent: 'SEND', errorCode: '12', errorDescription: 'Unregistered to address' }), {
    event: 'SEND',
    code: '12',
    description: 'Unregistered to address',
  });
  assert.deepEqual(
    parseErrorBody({ message_id: 'M', detail: [{ event: 'SEND', code: 'InvalidHeaderChunks', msg: 'Invalid chunk values' }] }),
    {
      messageId: 'M',
      event: 'SEND',
      code: 'InvalidHeaderChunks',
      description: 'Invalid chunk values',
    },
  );
  assert.deepEqual(parseErrorBody({ detail: [{ type: 'missing', loc: ['header', 'mex-to'], msg: 'Field required' }] }), {
    description: 'Field required (header.mex-to)',
  });
  assert.deepEqual(parseErrorBody({ message: 'An internal error occurred.\n\nPlease contact support.' }), {
    description: 'An internal error occurred.',
  });
  assert.deepEqual(parseErrorBody({ errorEvent: '', errorCode: '', errorDescription: 'Invalid Authentication Token' }), {
    description: 'Invalid Authentication Token',
  });
  assert.deepEqual(parseErrorBody(undefined), {});
});

test('tracking v1: Title-case status lower-cased, compact times to ISO', () => {
  const tracking = parseTracking({
    addressType: 'ALL',
    chunkCount: 3,
    dtsId: 'ID',
    messageId: 'ID',
    fileName: 'f.dat',
    fileSize: 205,
    localId: 'L1',
    messageType: 'Data',
    recipient: 'X26ABC2',
    recipientName: 'TESTMB2',
    sender: 'X26ABC1',
    status: 'Acknowledged',
    statusSuccess: 'SUCCESS',
    uploadTimestamp: '20261125140939',
    downloadTimestamp: '20261125141000',
    workflowId: 'WF',
    version: '1.0',
  });
  assert.equal(tracking.apiVersion, 1);
  assert.equal(tracking.status, 'acknowledged');
  assert.equal(tracking.statusSuccess, true);
  assert.equal(tracking.messageType, 'DATA');
  assert.equal(tracking.uploadTimestamp, '2026-11-25T14:09:39.000Z');
  assert.equal(tracking.downloadTimestamp, '2026-11-25T14:10:00.000Z');
  assert.equal(tracking.chunkCount, 3);
  const failed = parseTracking({
    messageId: 'ID',
    status: 'Error',
    failureDate: '20261125140939',
    failureDiagnostic: 'bad',
    statusCode: '14',
  });
  assert.equal(failed.status, 'error');
  assert.equal(failed.statusSuccess, false);
  assert.equal(failed.failureDiagnostic, 'bad');
});

test('tracking v2: snake_case, lower-case status, zone-less ISO read as UTC', () => {
  const tracking = parseTracking({
    message_id: 'ID',
    local_id: 'L1',
    workflow_id: 'WF',
    filename: 'f.dat',
    expiry_time: '2026-11-30T14:09:39.290333',
    upload_timestamp: '2026-11-25T14:09:39.290333',
    recipient: 'X26ABC2',
    recipient_name: 'TESTMB2',
    status_success: false,
    status: 'undeliverable',
    status_code: '14',
    status_description: 'Message not collected',
    status_event: 'SEND',
  });
  assert.equal(tracking.apiVersion, 2);
  assert.equal(tracking.status, 'undeliverable');
  assert.equal(tracking.statusSuccess, false);
  assert.equal(tracking.statusCode, '14');
  assert.equal(tracking.uploadTimestamp, '2026-11-25T14:09:39.290Z');
  assert.equal(tracking.localId, 'L1');
});

test('timestamps: compact, zone-less ISO and HTTP dates ending UTC', () => {
  assert.equal(meshTimeToIso('20240101120000'), '2024-01-01T12:00:00.000Z');
  assert.equal(meshTimeToIso('202401011200'), '2024-01-01T12:00:00.000Z');
  assert.equal(meshTimeToIso('Wed, 25 Nov 2026 13:20:59 UTC'), '2026-11-25T13:20:59.000Z');
  assert.equal(meshTimeToIso('2026-11-30T13:20:59.170333'), '2026-11-30T13:20:59.170Z');
  assert.equal(meshTimeToIso(''), undefined);
  assert.equal(meshTimeToIso('never'), undefined);
});

test('metadata headers are read whatever their case', () => {
  const headers = new ResponseHeaders({
    'MEX-FROM': 'X26ABC2',
    'mex-to': 'X26ABC1',
    'Mex-WorkflowID': 'TEST_WORKFLOW',
    'mex-chunk-range': '1:2',
    'mex-total-chunks': '2',
    'mex-filename': 'out.csv',
    'mex-subject': 'Flu',
    'mex-localid': 'L9',
    'MEX-MESSAGETYPE': 'DATA',
    'mex-messageid': 'ID9',
    'mex-statuscode': '00',
    'mex-statussuccess': 'SUCCESS',
    'mex-statustimestamp': '20261125140939',
    'mex-content-compressed': 'Y',
    'mex-content-checksum': 'md5:abc',
    'content-type': 'text/csv',
    'last-modified': 'Wed, 25 Nov 2026 13:20:59 UTC',
  });
  const metadata = parseMetadata(headers, 'requested');
  assert.equal(metadata.messageId, 'ID9');
  assert.equal(metadata.sender, 'X26ABC2');
  assert.equal(metadata.workflowId, 'TEST_WORKFLOW');
  assert.equal(metadata.chunkCount, 2);
  assert.equal(metadata.compressed, true);
  assert.equal(metadata.encrypted, false);
  assert.equal(metadata.contentType, 'text/csv');
  assert.equal(metadata.checksum, 'md5:abc');
  assert.equal(metadata.statusTimestamp, '2026-11-25T14:09:39.000Z');
  assert.equal(metadata.lastModified, '2026-11-25T13:20:59.000Z');
  const report = parseMetadata(
    new ResponseHeaders({
      'mex-messagetype': 'REPORT',
      'mex-chunk-range': '1:0',
      'mex-total-chunks': '0',
      'mex-statussuccess': 'ERROR',
      'mex-statuscode': '14',
      'mex-linkedmsgid': 'ORIG',
    }),
    'R1',
  );
  assert.equal(report.messageType, 'REPORT');
  assert.equal(report.messageId, 'R1');
  assert.equal(report.chunkCount, 0);
  assert.equal(report.linkedMessageId, 'ORIG');
  assert.equal(report.sender, '');
});

test('flags and chunk ranges', () => {
  assert.deepEqual(['Y', 'yes', 'TRUE', '1', 'N', '', 'x', undefined].map(meshFlag), [true, true, true, true, false, false, false, false]);
  assert.deepEqual(parseChunkRange(' 2 : 5 '), { index: 2, total: 5 });
  assert.equal(parseChunkRange('2-5'), undefined);
});
