// The export's first step: take a programme's administered records that nothing says were
// sent, create the pending export holding them, and mark each record with that export, all
// holding the store lock (after re-reading what other processes wrote), so nothing can run
// between the choice and the claim in this process or another. exports.json is written first:
// a crash between the two writes leaves a pending export whose marks are mended at the next
// open (export-history.ts); the reverse order could leave marks of an export nobody holds.
import type { Programme } from '../domain';
import type { ExportRecord, ExportsStore } from './exports-store';
import type { StoreGuard } from './folder-lock';
import type { RecordsStore, StoreableRecord } from './records-store';

export interface ClaimedExport<R> {
  exported: ExportRecord;
  /** The claimed records in CSV order (recorded_at, then record_id). */
  records: R[];
}

export async function claimUnsentForExport<R extends StoreableRecord>(
  stores: { records: RecordsStore<R>; exports: ExportsStore; lock: StoreGuard },
  input: { programme: Programme; fileName: string; id?: string; localId?: string; note?: string; onlyRecordIds?: readonly string[] },
): Promise<ClaimedExport<R> | undefined> {
  return stores.lock.run(async () => {
    const wanted = input.onlyRecordIds ? new Set(input.onlyRecordIds) : undefined;
    const records = stores.records.unsentAdministered(input.programme).filter((r) => !wanted || wanted.has(r.record_id));
    if (records.length === 0) return undefined;
    const { onlyRecordIds: _only, ...rest } = input;
    const recordIds = records.map((r) => r.record_id);
    const exported = await stores.exports.createPending({ ...rest, recordIds });
    await stores.records.markSent(recordIds, { exportId: exported.id, localId: exported.localId, at: exported.createdAt });
    return { exported, records };
  });
}
