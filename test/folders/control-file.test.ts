// The Java MESH client's control file: read, written back the same, and every problem one sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlFileError, parseControlFile, sendInstructions, writeControlFile } from '../../main/folders/control-file';

const GUIDE_EXAMPLE =
  '<DTSControl><Version>1.0</Version><AddressType>ALL</AddressType><MessageType>Data</MessageType>' +
  '<From_DTS>X26HC010</From_DTS><To_DTS>X26OT002</To_DTS><From_ESMTP>a@b</From_ESMTP><To_ESMTP>c@d</To_ESMTP>' +
  '<Subject>DLPv3</Subject><LocalId>rules.tar.gz</LocalId><DTSId>20180808160418053343_B8CF9A</DTSId><PartnerId></PartnerId>' +
  '<Compress>N</Compress><Encrypted>N</Encrypted><WorkflowId>DSP_Extract</WorkflowId><ProcessId></ProcessId>' +
  '<DataChecksum></DataChecksum><IsCompressed>N</IsCompressed><StatusRecord><DateTime>20180808170418</DateTime>' +
  '<Event>TRANSFER</Event><Status>SUCCESS</Status><StatusCode>00</StatusCode><Description>Transferred to recipient mailbox</Description>' +
  '</StatusRecord></DTSControl>';

test("the guidance's example control file is read, and written back to the same meaning", () => {
  const control = parseControlFile(GUIDE_EXAMPLE, 'example.ctl');
  assert.equal(control.toDts, 'X26OT002');
  assert.equal(control.workflowId, 'DSP_Extract');
  assert.equal(control.compress, false);
  assert.equal(control.statusRecord?.statusCode, '00');
  assert.deepEqual(sendInstructions(control, 'example.ctl'), {
    to: 'X26OT002',
    workflowId: 'DSP_Extract',
    subject: 'DLPv3',
    localId: 'rules.tar.gz',
    compress: false,
  });
  assert.deepEqual(parseControlFile(writeControlFile(control), 'again.ctl'), control);
});

test("text with XML's special characters survives a round trip", () => {
  const control = parseControlFile(
    writeControlFile({ version: '1.0', addressType: 'DTS', messageType: 'Data', subject: 'A & B <C>' }),
    'x',
  );
  assert.equal(control.subject, 'A & B <C>');
});

for (const [name, xml, sentence] of [
  ['empty', '  ', /^The control file bad\.ctl is empty: /],
  ['not XML', 'To_DTS=X26ABC2', /^The control file bad\.ctl is (not well-formed XML|not a DTSControl document)/],
  ['unclosed', '<DTSControl><To_DTS>X26ABC2</DTSControl>', /^The control file bad\.ctl is not well-formed XML \(line 1: /],
  ['another root', '<Control><To_DTS>X26ABC2</To_DTS></Control>', /outermost element must be <DTSControl>/],
  ['unknown element', '<DTSControl><Too_DTS>X</Too_DTS></DTSControl>', /does not know, <Too_DTS>/],
  ['twice', '<DTSControl><To_DTS>A</To_DTS><To_DTS>B</To_DTS></DTSControl>', /has <To_DTS> more than once/],
  ['no recipient', '<DTSControl><WorkflowId>W</WorkflowId></DTSControl>', /has no To_DTS: /],
  ['no workflow', '<DTSControl><To_DTS>X26ABC2</To_DTS></DTSControl>', /has no WorkflowId: /],
  [
    'bad flag',
    '<DTSControl><To_DTS>X26ABC2</To_DTS><WorkflowId>W</WorkflowId><Compress>yes</Compress></DTSControl>',
    /Compress "yes"; it must be Y or N/,
  ],
  [
    'a report',
    '<DTSControl><MessageType>Report</MessageType><To_DTS>X26ABC2</To_DTS><WorkflowId>W</WorkflowId></DTSControl>',
    /only Data files can be sent/,
  ],
] as const) {
  test(`a malformed control file (${name}) is refused in one sentence`, () => {
    assert.throws(
      () => sendInstructions(parseControlFile(xml, 'bad.ctl'), 'bad.ctl'),
      (error: unknown) => error instanceof ControlFileError && sentence.test(error.message) && !error.message.includes('\n'),
    );
  });
}
