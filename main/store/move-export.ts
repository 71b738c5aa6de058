// Moving an export to its next status together with its records' sent marks: an export that
// fails (failed, undeliverable, error) frees its records, so their marks go in the same turn of
// the store lock. A crash between the two writes leaves stale marks, which the next open clears.
import type { ExportStatus } from '../domain';
import { holdsRecords } from './claims';
import type { ExportRecord, ExportsStore, TransitionDetails } from './exports-store';
import type { StoreGuard } from './folder-lock';
import type { RecordsStore, StoreableRecord } from './records-store';

export function moveExport<R extends StoreableRecord>(
  stores: { records: RecordsStore<R>; exports: ExportsStore; lock: StoreGuard },
  id: string,
  to: ExportStatus,
  details: TransitionDetails = {},
): Promise<ExportRecord> {
  return stores.lock.run(async () => {
    const moved = await stores.exports.transition(id, to, details);
    if (!holdsRecords(to)) await stores.records.clearSent(moved.recordIds, id);
    return moved;
  });
}
