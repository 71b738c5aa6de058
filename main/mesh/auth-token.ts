import { createHmac, randomUUID } from 'node:crypto';

export interface TokenInputs {
  mailbox: string;
  password: string;
  sharedKey: string;
  nonce: string;
  nonceCount: number;
  /** UTC time as yyyyMMddHHmm. */
  timestamp: string;
}

/** UTC `yyyyMMddHHmm`, the timestamp form the NHSMESH token signs. */
export function meshTimestamp(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`
  );
}

/** The HMAC-SHA256 hex of `MAILBOX:NONCE:COUNT:PASSWORD:TIMESTAMP`, keyed with the shared key. */
export function tokenHmac(inputs: TokenInputs): string {
  const mailbox = inputs.mailbox.toUpperCase();
  const signed = `${mailbox}:${inputs.nonce}:${inputs.nonceCount}:${inputs.password}:${inputs.timestamp}`;
  return createHmac('sha256', Buffer.from(inputs.sharedKey, 'utf8')).update(signed, 'ascii').digest('hex');
}

/** The whole Authorization header value: `NHSMESH MAILBOX:NONCE:COUNT:TIMESTAMP:HMAC`. */
export function authorizationHeader(inputs: TokenInputs): string {
  const mailbox = inputs.mailbox.toUpperCase();
  return `NHSMESH ${mailbox}:${inputs.nonce}:${inputs.nonceCount}:${inputs.timestamp}:${tokenHmac(inputs)}`;
}

/** A fresh single-use token: new UUID nonce, count 1, the current minute. */
export function freshAuthorization(credentials: { mailbox: string; password: string; sharedKey: string }, now: Date = new Date()): string {
  return authorizationHeader({ ...credentials, nonce: randomUUID(), nonceCount: 1, timestamp: meshTimestamp(now) });
}

export interface ParsedToken {
  mailbox: string;
  nonce: string;
  nonceCount: string;
  timestamp: string;
  hmac: string;
}

/** Parses an Authorization header as the official sandbox does in full mode; null when malformed. */
export function parseAuthorization(header: string | undefined): ParsedToken | null {
  if (!header) return null;
  let value = header.trim();
  if (value.toUpperCase().startsWith('NHSMESH')) value = value.slice(8);
  const parts = value.split(':');
  if (parts.length !== 5) return null;
  const [mailbox, nonce, nonceCount, timestamp, hmac] = parts as [string, string, string, string, string];
  if (!/^\d+$/.test(nonceCount) || mailbox.includes(' ')) return null;
  return { mailbox, nonce, nonceCount, timestamp, hmac };
}
