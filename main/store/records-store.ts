// Vaccination records, keyed by record_id, in `records.json`. Generic over the record's own
// type: the store needs only the identity, programme, recorded_at and outcome, and compares
// the rest by value. Whether a record has been sent has two witnesses: the live export that
// holds it (exports.json) and the record's own sent mark (written here when it is claimed,
// before its export is accepted). A record is unsent only when neither says it went: no live
// export holds it, and it carries no mark of an export the history does not know.
import { join } from 'node:path';
import type { Programme, RecordSummary } from '../domain';
import { PROGRAMMES } from '../domain';
import type { ClaimLookup, RecordClaim, SentMark } from './claims';
import { NO_GUARD, type StoreGuard } from './folder-lock';
import { holdsListOf, openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';
import { changedFields } from './record-diff';

export interface StoreableRecord {
  record_id: string;
  programme: Programme;
  recorded_at: string;
  outcome: string;
}

export interface StoredRecord<R extends StoreableRecord> {
  record: R;
  importedAt: string;
  updatedAt: string;
  /** The export this record went in (see claims.ts); absent while it is unsent. */
  sent?: SentMark;
}

interface RecordsFile<R extends StoreableRecord> {
  version: 1;
  records: StoredRecord<R>[];
}

export interface ImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
  /** Records already sent (held by a pending, accepted or acknowledged export) whose re-import differs: left as they were. */
  changedAfterSent: { recordId: string; fields: string[]; exportId: string }[];
}

export interface RecordQuery {
  programme?: Programme;
  /** Only records no live export holds. */
  unsent?: boolean;
  /** Only records whose outcome is `administered`. */
  administered?: boolean;
}

export class DuplicateRecordIdError extends Error {
  override name = 'DuplicateRecordIdError';
  constructor(readonly recordIds: string[]) {
    super(
      `The import names record_id ${recordIds.slice(0, 3).join(', ')}${recordIds.length > 3 ? ` and ${recordIds.length - 3} more` : ''} ` +
        `more than once; keep one row per record and import it again.`,
    );
  }
}

/** Orders by the instant recorded, then by record_id (the CSV's row order). */
export function byRecordedAt<R extends StoreableRecord>(a: R, b: R): number {
  const ta = Date.parse(a.recorded_at);
  const tb = Date.parse(b.recorded_at);
  if (ta !== tb) return (Number.isNaN(ta) ? 0 : ta) - (Number.isNaN(tb) ? 0 : tb);
  return a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0;
}

export class RecordsStore<R extends StoreableRecord> {
  private readonly index = new Map<string, number>();

  private constructor(
    private readonly opened: OpenedJsonFile<RecordsFile<R>>,
    private readonly claims: ClaimLookup,
    private readonly now: () => Date,
    private readonly guard: StoreGuard,
    readonly notice: StoreNotice | undefined,
    readonly path: string,
  ) {
    this.reindex();
  }

  static async open<R extends StoreableRecord>(
    dataDir: string,
    claims: ClaimLookup,
    options: { now?: () => Date; guard?: StoreGuard } = {},
  ): Promise<RecordsStore<R>> {
    const path = join(dataDir, 'records.json');
    const opened = await openJsonFile<RecordsFile<R>>(path, {
      label: 'records',
      defaults: () => ({ version: 1, records: [] }),
      check: holdsListOf('records'),
      streaming: true,
      now: options.now,
    });
    return new RecordsStore<R>(opened, claims, options.now ?? (() => new Date()), options.guard ?? NO_GUARD, opened.notice, path);
  }

  private get file(): RecordsFile<R> {
    return this.opened.db.data;
  }

  private writeFile(): Promise<void> {
    return this.opened.write();
  }

  private reindex(): void {
    this.index.clear();
    this.file.records.forEach((stored, i) => this.index.set(stored.record.record_id, i));
  }

  /** Re-reads records.json if another process changed it (call holding the store lock). */
  async refresh(): Promise<void> {
    if (await this.opened.reloadIfChanged()) this.reindex();
  }

  /** Every stored record, in file order. */
  stored(): readonly StoredRecord<R>[] {
    return this.file.records;
  }

  /**
   * Sets or clears records' sent marks in one write (undefined clears). Elements are replaced,
   * not changed in place, so a write already under way keeps what it started with.
   */
  setSentMarks(changes: ReadonlyMap<string, SentMark | undefined>): Promise<void> {
    return this.guard.run(async () => {
      const previous: [number, StoredRecord<R>][] = [];
      for (const [recordId, mark] of changes) {
        const i = this.index.get(recordId);
        if (i === undefined) continue;
        const stored = this.file.records[i]!;
        previous.push([i, stored]);
        const { sent: _old, ...rest } = stored;
        this.file.records[i] = mark ? { ...rest, sent: mark } : rest;
      }
      if (previous.length === 0) return;
      try {
        await this.writeFile();
      } catch (error) {
        for (const [i, stored] of previous) this.file.records[i] = stored;
        throw error;
      }
    });
  }

  /** Marks these records as sent in an export (before it is accepted). */
  markSent(recordIds: readonly string[], mark: SentMark): Promise<void> {
    return this.setSentMarks(new Map(recordIds.map((id) => [id, mark])));
  }

  /** Clears the marks of this export from these records (its export failed: they are free). */
  clearSent(recordIds: readonly string[], exportId: string): Promise<void> {
    const changes = new Map<string, undefined>();
    for (const id of recordIds) if (this.get(id)?.sent?.exportId === exportId) changes.set(id, undefined);
    return this.setSentMarks(changes);
  }

  /** A live export holds it, or its mark names an export the history does not know. */
  private claimOfStored(stored: StoredRecord<R>): RecordClaim | { exportId: string; status: 'unknown' } | undefined {
    const claim = this.claims.claimOf(stored.record.record_id);
    if (claim) return claim;
    if (stored.sent && !this.claims.has(stored.sent.exportId)) return { exportId: stored.sent.exportId, status: 'unknown' };
    return undefined;
  }

  get size(): number {
    return this.file.records.length;
  }

  get(recordId: string): StoredRecord<R> | undefined {
    const i = this.index.get(recordId);
    return i === undefined ? undefined : this.file.records[i];
  }

  /** The live export holding this record (or the unknown export its mark names), if any: the record's sent-state. */
  sentState(recordId: string): RecordClaim | { exportId: string; status: 'unknown' } | undefined {
    const stored = this.get(recordId);
    return stored ? this.claimOfStored(stored) : this.claims.claimOf(recordId);
  }

  /**
   * Adds new records, updates unsent ones that changed, counts unchanged ones, and reports
   * (without changing) sent ones whose re-import differs. All or nothing, one write.
   */
  applyImport(records: readonly R[]): Promise<ImportOutcome> {
    return this.guard.run(() => this.applyImportHolding(records));
  }

  private async applyImportHolding(records: readonly R[]): Promise<ImportOutcome> {
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const record of records) {
      if (seen.has(record.record_id)) duplicates.add(record.record_id);
      seen.add(record.record_id);
    }
    if (duplicates.size) throw new DuplicateRecordIdError([...duplicates]);

    const at = this.now().toISOString();
    const outcome: ImportOutcome = { added: 0, updated: 0, unchanged: 0, changedAfterSent: [] };
    const additions: StoredRecord<R>[] = [];
    const replacements: { index: number; next: StoredRecord<R> }[] = [];

    for (const incoming of records) {
      // A shallow copy, so the caller's later changes do not reach the store; undefined fields vanish on write.
      const record = { ...incoming };
      const i = this.index.get(record.record_id);
      const existing = i === undefined ? undefined : this.file.records[i];
      if (i === undefined || !existing) {
        additions.push({ record, importedAt: at, updatedAt: at });
        outcome.added++;
        continue;
      }
      const fields = changedFields(existing.record, record);
      if (fields.length === 0) {
        outcome.unchanged++;
        continue;
      }
      const claim = this.claimOfStored(existing);
      if (claim) {
        outcome.changedAfterSent.push({ recordId: record.record_id, fields, exportId: claim.exportId });
        continue;
      }
      // A stale mark (its export failed) goes: the record is unsent, and now changed.
      replacements.push({ index: i, next: { record, importedAt: existing.importedAt, updatedAt: at } });
      outcome.updated++;
    }

    if (additions.length === 0 && replacements.length === 0) return outcome;

    const previous = replacements.map(({ index }) => this.file.records[index]!);
    const lengthBefore = this.file.records.length;
    for (const { index, next } of replacements) this.file.records[index] = next;
    for (const stored of additions) {
      this.index.set(stored.record.record_id, this.file.records.length);
      this.file.records.push(stored);
    }
    try {
      await this.writeFile();
    } catch (error) {
      // Undo in memory so the store matches the file that is still on disk.
      replacements.forEach(({ index }, n) => (this.file.records[index] = previous[n]!));
      for (const stored of this.file.records.splice(lengthBefore)) this.index.delete(stored.record.record_id);
      throw error;
    }
    return outcome;
  }

  /** Records matching the query, in recorded order (recorded_at, then record_id). */
  list(query: RecordQuery = {}): R[] {
    const out: { at: number; record: R }[] = [];
    for (const stored of this.file.records) {
      const { record } = stored;
      if (query.programme && record.programme !== query.programme) continue;
      if (query.administered && record.outcome !== 'administered') continue;
      if (query.unsent && this.claimOfStored(stored)) continue;
      const at = Date.parse(record.recorded_at);
      out.push({ at: Number.isNaN(at) ? 0 : at, record });
    }
    // Each time parsed once, not once per comparison: this sorts 100,000 records.
    out.sort((a, b) => a.at - b.at || (a.record.record_id < b.record.record_id ? -1 : a.record.record_id > b.record.record_id ? 1 : 0));
    return out.map((entry) => entry.record);
  }

  /** Administered records of a programme that no live export holds: what the next export sends. */
  unsentAdministered(programme: Programme): R[] {
    return this.list({ programme, administered: true, unsent: true });
  }

  /** Per programme: administered records not yet sent, and all records. */
  summary(): RecordSummary[] {
    const rows = new Map<Programme, RecordSummary>(PROGRAMMES.map((p) => [p, { programme: p, unsent: 0, total: 0 }]));
    for (const stored of this.file.records) {
      const { record } = stored;
      const row = rows.get(record.programme);
      if (!row) continue;
      row.total++;
      if (record.outcome === 'administered' && !this.claimOfStored(stored)) row.unsent++;
    }
    return [...rows.values()];
  }
}
