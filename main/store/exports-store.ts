// DPS exports in `exports.json`, each with the ids of the records it holds.
//
// Crash safety of claiming: a record's claim *is* its membership of a pending, accepted or
// acknowledged export's `recordIds`; no flag is written on the record. Creating the pending
// export is therefore one atomic write of one file (temp file + rename, fsynced), and no
// crash can leave a claimed record without its export, or an export without its claims.
// Releasing is the same: the transition to failed/undeliverable/error is the release.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ExportStatus, ExportStatusChange, Programme } from '../domain';
import type { AuditSink } from './audit-log';
import { holdsRecords, type ClaimLookup, type RecordClaim } from './claims';
import { canTransition, IllegalExportTransitionError } from './export-transitions';
import { NO_GUARD, type StoreGuard } from './folder-lock';
import { holdsListOf, openJsonFile, type OpenedJsonFile, type StoreNotice } from './json-file';

export interface ExportRecord {
  id: string;
  programme: Programme;
  fileName: string;
  localId: string;
  messageId?: string;
  recordIds: string[];
  recordCount: number;
  bytes: number;
  status: ExportStatus;
  createdAt: string;
  updatedAt: string;
  history: ExportStatusChange[];
  lastError?: string;
  reportCode?: string;
}

export interface NewExport {
  programme: Programme;
  fileName: string;
  recordIds: readonly string[];
  /** Default: a new UUID. */
  id?: string;
  /** What goes in mex-LocalID; default: the export's id. */
  localId?: string;
  bytes?: number;
  note?: string;
}

export interface TransitionDetails {
  /** Required when becoming accepted. */
  messageId?: string;
  note?: string;
  /** The error text an operator reads (failed, undeliverable, error). */
  error?: string;
  /** A MESH report's status code, e.g. `14`. */
  reportCode?: string;
  at?: Date;
}

export interface ExportQuery {
  status?: ExportStatus | readonly ExportStatus[];
  programme?: Programme;
  limit?: number;
}

export class RecordAlreadyClaimedError extends Error {
  override name = 'RecordAlreadyClaimedError';
  constructor(readonly claims: { recordId: string; exportId: string }[]) {
    const first = claims[0]!;
    super(
      `Record ${first.recordId} is already in export ${first.exportId}` +
        (claims.length > 1 ? ` (and ${claims.length - 1} more records are in other exports)` : '') +
        `; a record goes in at most one pending, accepted or acknowledged export.`,
    );
  }
}

export class ExportNotFoundError extends Error {
  override name = 'ExportNotFoundError';
  constructor(readonly exportId: string) {
    super(`There is no export ${exportId}; list the exports to find its id.`);
  }
}

interface ExportsFile {
  version: 1;
  exports: ExportRecord[];
}

export type ExportStatusListener = (exported: ExportRecord, previous: ExportStatus | undefined) => void;

export class ExportsStore implements ClaimLookup {
  private readonly byId = new Map<string, ExportRecord>();
  private readonly claims = new Map<string, string>();
  private readonly listeners = new Set<ExportStatusListener>();

  private constructor(
    private readonly opened: OpenedJsonFile<ExportsFile>,
    private readonly now: () => Date,
    private readonly audit: AuditSink | undefined,
    private readonly guard: StoreGuard,
    readonly notice: StoreNotice | undefined,
  ) {
    this.index();
  }

  static async open(dataDir: string, options: { now?: () => Date; audit?: AuditSink; guard?: StoreGuard } = {}): Promise<ExportsStore> {
    const opened = await openJsonFile<ExportsFile>(join(dataDir, 'exports.json'), {
      label: 'exports',
      defaults: () => ({ version: 1, exports: [] }),
      check: holdsListOf('exports'),
      durable: true,
      now: options.now,
    });
    return new ExportsStore(opened, options.now ?? (() => new Date()), options.audit, options.guard ?? NO_GUARD, opened.notice);
  }

  private get file(): ExportsFile {
    return this.opened.db.data;
  }

  private writeFile(): Promise<void> {
    return this.opened.write();
  }

  private index(): void {
    this.byId.clear();
    this.claims.clear();
    for (const e of this.file.exports) {
      this.byId.set(e.id, e);
      if (holdsRecords(e.status)) for (const recordId of e.recordIds) this.claims.set(recordId, e.id);
    }
  }

  /** Re-reads exports.json if another process changed it (call holding the store lock). */
  async refresh(): Promise<void> {
    if (await this.opened.reloadIfChanged()) this.index();
  }

  /** How many exports the history holds. */
  get size(): number {
    return this.file.exports.length;
  }

  /** Called after each status change is on disk (creation included, with previous undefined). */
  onStatus(listener: ExportStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  claimOf(recordId: string): RecordClaim | undefined {
    const exportId = this.claims.get(recordId);
    const held = exportId === undefined ? undefined : this.byId.get(exportId);
    return held && holdsRecords(held.status) ? { exportId: held.id, status: held.status } : undefined;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ExportRecord | undefined {
    return this.byId.get(id);
  }

  require(id: string): ExportRecord {
    const found = this.byId.get(id);
    if (!found) throw new ExportNotFoundError(id);
    return found;
  }

  findByLocalId(localId: string): ExportRecord | undefined {
    return this.file.exports.find((e) => e.localId === localId);
  }

  findByMessageId(messageId: string): ExportRecord | undefined {
    return this.file.exports.find((e) => e.messageId === messageId);
  }

  /** Newest first. */
  list(query: ExportQuery = {}): ExportRecord[] {
    const statuses = query.status === undefined ? undefined : ([] as ExportStatus[]).concat(query.status);
    const out: ExportRecord[] = [];
    for (let i = this.file.exports.length - 1; i >= 0; i--) {
      const e = this.file.exports[i]!;
      if (statuses && !statuses.includes(e.status)) continue;
      if (query.programme && e.programme !== query.programme) continue;
      out.push(e);
      if (query.limit !== undefined && out.length >= query.limit) break;
    }
    return out;
  }

  /**
   * Creates a pending export holding these records, in one atomic, durable write. Throws
   * RecordAlreadyClaimedError (and changes nothing) when a live export already holds one.
   * Synchronous up to the write, so two calls in one process cannot claim the same record.
   */
  createPending(input: NewExport): Promise<ExportRecord> {
    return this.guard.run(() => this.createPendingHolding(input));
  }

  private async createPendingHolding(input: NewExport): Promise<ExportRecord> {
    const recordIds = [...new Set(input.recordIds)];
    if (recordIds.length === 0) throw new Error(`An export needs at least one record; there is nothing to send for ${input.programme}.`);
    const taken: { recordId: string; exportId: string }[] = [];
    for (const recordId of recordIds) {
      const claim = this.claimOf(recordId);
      if (claim) taken.push({ recordId, exportId: claim.exportId });
    }
    if (taken.length) throw new RecordAlreadyClaimedError(taken);
    const id = input.id ?? randomUUID();
    if (this.byId.has(id)) throw new Error(`An export with id ${id} already exists; give the new export another id.`);

    const at = this.now().toISOString();
    const created: ExportRecord = {
      id,
      programme: input.programme,
      fileName: input.fileName,
      localId: input.localId ?? id,
      recordIds,
      recordCount: recordIds.length,
      bytes: input.bytes ?? 0,
      status: 'pending',
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'pending', at, ...(input.note ? { note: input.note } : {}) }],
    };
    this.file.exports.push(created);
    this.byId.set(id, created);
    for (const recordId of recordIds) this.claims.set(recordId, id);
    try {
      await this.writeFile();
    } catch (error) {
      this.file.exports.splice(this.file.exports.indexOf(created), 1);
      this.byId.delete(id);
      for (const recordId of recordIds) if (this.claims.get(recordId) === id) this.claims.delete(recordId);
      throw error;
    }
    this.audit?.append({
      kind: 'export',
      action: 'created',
      outcome: 'ok',
      exportId: id,
      detail: `${input.programme} ${input.fileName}: ${recordIds.length} records claimed, pending`,
    });
    this.emit(created, undefined);
    return created;
  }

  /** Records the CSV's size once built (only while pending). */
  setBytes(id: string, bytes: number): Promise<ExportRecord> {
    return this.guard.run(() => this.setBytesHolding(id, bytes));
  }

  private async setBytesHolding(id: string, bytes: number): Promise<ExportRecord> {
    const e = this.require(id);
    if (e.status !== 'pending') throw new Error(`Export ${id} is ${e.status}; its size is fixed once it left pending.`);
    const before = e.bytes;
    e.bytes = bytes;
    try {
      await this.writeFile();
    } catch (error) {
      e.bytes = before;
      throw error;
    }
    return e;
  }

  /**
   * Moves an export to its next status (docs/dps-file.md, "Export lifecycle"); anything else
   * throws IllegalExportTransitionError. failed, undeliverable and error release the records.
   */
  transition(id: string, to: ExportStatus, details: TransitionDetails = {}): Promise<ExportRecord> {
    return this.guard.run(() => this.transitionHolding(id, to, details));
  }

  /**
   * Adds an export rebuilt from the records and MESH tracking (history recovery), with the
   * status MESH gave it; nothing is sent. Its records are claimed when that status holds them.
   */
  restore(input: Omit<ExportRecord, 'history' | 'createdAt' | 'updatedAt'> & { createdAt: string; note: string }): Promise<ExportRecord> {
    return this.guard.run(async () => {
      if (this.byId.has(input.id)) throw new Error(`Export ${input.id} is already in the history; nothing to recover for it.`);
      const at = this.now().toISOString();
      const { note, ...rest } = input;
      const restored: ExportRecord = { ...rest, updatedAt: at, history: [{ status: input.status, at, note }] };
      this.file.exports.push(restored);
      try {
        await this.writeFile();
      } catch (error) {
        this.file.exports.splice(this.file.exports.indexOf(restored), 1);
        throw error;
      }
      this.index();
      this.audit?.append({
        kind: 'export',
        action: `recovered as ${restored.status}`,
        outcome: 'ok',
        exportId: restored.id,
        detail: note,
        ...(restored.messageId ? { messageId: restored.messageId } : {}),
      });
      this.emit(restored, undefined);
      return restored;
    });
  }

  private async transitionHolding(id: string, to: ExportStatus, details: TransitionDetails): Promise<ExportRecord> {
    const e = this.require(id);
    const from = e.status;
    if (!canTransition(from, to)) throw new IllegalExportTransitionError(id, from, to);
    if (to === 'accepted' && !details.messageId && !e.messageId) {
      throw new Error(`Export ${id} cannot become accepted without the message id MESH returned.`);
    }
    const before = { ...e, history: e.history };
    const at = (details.at ?? this.now()).toISOString();
    const note = details.note ?? details.error;
    e.status = to;
    e.updatedAt = at;
    e.history = [...e.history, { status: to, at, ...(note ? { note } : {}) }];
    if (details.messageId) e.messageId = details.messageId;
    if (details.error) e.lastError = details.error;
    if (details.reportCode) e.reportCode = details.reportCode;
    try {
      await this.writeFile();
    } catch (error) {
      Object.assign(e, before);
      if (!before.messageId) delete e.messageId;
      if (!before.lastError) delete e.lastError;
      if (!before.reportCode) delete e.reportCode;
      throw error;
    }
    if (!holdsRecords(to)) {
      for (const recordId of e.recordIds) if (this.claims.get(recordId) === id) this.claims.delete(recordId);
    }
    this.audit?.append({
      kind: 'export',
      action: `${from} → ${to}`,
      outcome: to === 'failed' || to === 'undeliverable' || to === 'error' ? 'failed' : 'ok',
      exportId: id,
      ...(e.messageId ? { messageId: e.messageId } : {}),
      ...(note ? { detail: note } : {}),
    });
    this.emit(e, from);
    return e;
  }

  private emit(e: ExportRecord, previous: ExportStatus | undefined): void {
    for (const listener of this.listeners) {
      try {
        listener(e, previous);
      } catch {
        // A listener's failure must not undo a status change that is already on disk.
      }
    }
  }
}
