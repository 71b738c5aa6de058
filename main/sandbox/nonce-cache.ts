// Tokens seen recently, for the optional reuse check: a token (mailbox, nonce, count) is good once.
// Entries older than the 2-hour window plus a margin are dropped, and the cache is capped.

const KEEP_MS = 3 * 60 * 60 * 1000;
const MAX_ENTRIES = 200_000;

export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** Records the token; false when it was already used. */
  use(mailbox: string, nonce: string, nonceCount: string, now = Date.now()): boolean {
    const key = `${mailbox}:${nonce}:${nonceCount}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    if (this.seen.size > MAX_ENTRIES) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at > KEEP_MS || this.seen.size > MAX_ENTRIES / 2) this.seen.delete(key);
      else break;
    }
  }

  clear(): void {
    this.seen.clear();
  }
}
