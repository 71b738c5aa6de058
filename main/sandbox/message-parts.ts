// Small pieces every message creator needs: a new id, a party from a mailbox, the inbox expiry.
import { randomUUID } from 'node:crypto';
import type { MailboxRecord } from './directory';
import { INBOX_EXPIRY_DAYS, type Party } from './message';

/** 32 upper-case hex characters, as the sandbox makes them (`uuid4().hex.upper()`). */
export function newMessageId(): string {
  return randomUUID().replace(/-/g, '').toUpperCase();
}

export function party(mailbox: MailboxRecord): Party {
  return {
    mailboxId: mailbox.mailboxId,
    mailboxName: mailbox.mailboxName,
    odsCode: mailbox.odsCode,
    orgCode: mailbox.orgCode,
    orgName: mailbox.orgName,
    billingEntity: mailbox.billingEntity,
  };
}

/** Written onto every message as the sandbox does; only the expireUncollected check applies it. */
export function inboxExpiry(createdAt: Date): string {
  return new Date(createdAt.getTime() + INBOX_EXPIRY_DAYS * 24 * 60 * 60 * 1000).toISOString();
}
