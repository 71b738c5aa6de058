// MESH deletes a message left unacknowledged in an inbox for 5 days (docs/mesh-protocol.md, "Reports"). The
// console warns a day before: one rule, used by every screen that warns.

/** MESH deletes an unacknowledged message after this many days in the inbox. */
export const MESH_EXPIRY_DAYS = 5;
/** A message waiting longer than this is near expiry: the screens warn. */
export const EXPIRY_WARNING_DAYS = 4;

const DAY_MS = 24 * 60 * 60 * 1000;

/** True when a message received at `receivedAt` (ISO time) has waited more than 4 days at `now`; false when the time is unknown. */
export function waitingTooLong(receivedAt: string | undefined, now: Date | number): boolean {
  if (!receivedAt) return false;
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) return false;
  return (typeof now === 'number' ? now : now.getTime()) - received > EXPIRY_WARNING_DAYS * DAY_MS;
}

export interface NearExpiry {
  /** How many messages have waited more than 4 days. */
  count: number;
  /** When the oldest of them arrived. */
  oldestReceivedAt?: string;
}

/** The messages among `items` that are near expiry: how many, and the oldest. */
export function nearExpiry(items: readonly { receivedAt?: string }[], now: Date | number): NearExpiry {
  let count = 0;
  let oldest: string | undefined;
  for (const { receivedAt } of items) {
    if (!waitingTooLong(receivedAt, now)) continue;
    count++;
    if (!oldest || Date.parse(receivedAt!) < Date.parse(oldest)) oldest = receivedAt;
  }
  return oldest ? { count, oldestReceivedAt: oldest } : { count };
}
