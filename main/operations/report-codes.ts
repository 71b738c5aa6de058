// What a MESH status code means, in words (docs/mesh-protocol.md, "Status and error codes").
const MEANINGS: Record<string, string> = {
  '00': 'Transferred to the recipient mailbox.',
  '02': 'The data file was missing or could not be read by MESH.',
  '06': 'MESH found the control information of the message malformed.',
  '07': 'The sender address in the control information was not valid.',
  '08': 'The message had no recipient.',
  '09': 'The control information was of a version MESH does not accept.',
  '11': 'The message type is not valid for this transfer.',
  '12': 'The recipient mailbox is not registered (or is an internal mailbox).',
  '14': 'The recipient did not collect the message within 5 days (or its mailbox is deactivated), so it was not delivered.',
  '15': 'The file was not a valid CP-IS file.',
  '16': 'The sender is not allowed to send this type of message.',
  '17': 'The workflow id is not registered for the sending or receiving mailbox.',
  '18': 'The ONS workflow is not enabled for this mailbox.',
  '19': 'The expiry period given was not valid.',
  '20': 'The message does not exist.',
};

export function reportCodeMeaning(code: string | undefined): string {
  if (!code) return 'MESH reported that the message was not delivered, without a status code.';
  return MEANINGS[code] ?? `MESH reported status code ${code}, which this console does not know; see the description.`;
}
