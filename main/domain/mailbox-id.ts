// A MESH mailbox id, checked by one rule and refused in one sentence wherever one is given: the
// settings (mailbox, dps_mailbox), the MESH client, a new certificate request.

/** The rule as the operator reads it. */
export const MAILBOX_ID_RULE = '3 to 20 letters and digits, like X26ABC1';

/** The mailbox id as MESH uses it (trimmed, upper case), or undefined when the text is not one. */
export function parseMailboxId(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  return /^[A-Z0-9]{3,20}$/.test(id) ? id : undefined;
}

/**
 * The sentence for text that is not a mailbox id. `subject` names it where the caller knows
 * better (a setting and where it came from); else the text is quoted, as printable characters.
 */
export function notAMailboxId(text: string, subject?: string): string {
  const shown = text
    .trim()
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 40);
  return `${subject ?? `The mailbox "${shown}"`} is not a MESH mailbox id: use ${MAILBOX_ID_RULE}.`;
}
