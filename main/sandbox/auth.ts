// NHSMESH token checks, in the order the sandbox applies them in full mode
// (docs/mesh-protocol.md, "Authentication token"), plus the optional checks the sandbox skips:
// token reuse and the 2-hour timestamp window.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAuthorization } from '../mesh/auth-token';
import { Errors } from './errors';
import type { MailboxRecord } from './directory';
import type { SandboxState } from './state';
import { parseTokenTimestamp } from './time-format';

const WINDOW_MS = 2 * 60 * 60 * 1000;

/** The authenticated mailbox, or throws the 403 the sandbox would answer with. */
export function authenticate(
  state: SandboxState,
  pathMailbox: string,
  header: string | undefined,
  now = state.now().getTime(),
): MailboxRecord {
  const value = (header ?? '').trim();
  if (!value) throw Errors.authHeaderUnreadable();

  const withoutScheme = value.toUpperCase().startsWith('NHSMESH') ? value.slice(8) : value;
  if (withoutScheme.split(':')[0] !== pathMailbox) throw Errors.mailboxTokenMismatch();

  const token = parseAuthorization(value);
  if (!token) throw Errors.authHeaderUnreadable();

  const mailbox = state.directory.mailbox(pathMailbox);
  if (!mailbox) throw Errors.noMailboxMatched();

  const signed = `${token.mailbox}:${token.nonce}:${token.nonceCount}:${mailbox.password}:${token.timestamp}`;
  const expected = createHmac('sha256', Buffer.from(state.sharedKey, 'utf8')).update(signed, 'utf8').digest();
  const given = Buffer.from(token.hmac.toLowerCase(), 'utf8');
  const expectedHex = Buffer.from(expected.toString('hex'), 'utf8');
  if (given.length !== expectedHex.length || !timingSafeEqual(given, expectedHex)) throw Errors.invalidToken();

  if (state.checks.timestampWindow) {
    const at = parseTokenTimestamp(token.timestamp);
    if (!at || Math.abs(now - at.getTime()) > WINDOW_MS) throw Errors.tokenOutsideWindow();
  }
  if (state.checks.tokenReuse && !state.nonces.use(token.mailbox, token.nonce, token.nonceCount, now)) {
    throw Errors.tokenReused();
  }
  return mailbox;
}
