// The last requests the server answered, for tests that check tokens and retries. Bounded.
import type { RequestRecord } from './types';

const MAX_RECORDS = 5000;

export class RequestLog {
  private records: RequestRecord[] = [];

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records = this.records.slice(-MAX_RECORDS / 2);
  }

  all(): RequestRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
