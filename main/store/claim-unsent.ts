// The export's first step: take a programme's administered records that no live export holds
// and create the pending export holding them, in one step (nothing else can run between the
// choice and the claim) and one atomic write of exports.json.
import type { Programme } from '../../preload/api';
import type { ExportRecord, ExportsStore } from './exports-store';
import type { RecordsStore, StoreableRecord } from './records-store';

export interface ClaimedExport<R> {
  exported: ExportRecord;
  /** The claimed records in CSV order (recorded_at, then record_id). */
  records: R[];
}

export async function claimUnsentForExport<R extends StoreableRecord>(
  stores: { records: RecordsStore<R>; exports: ExportsStore },
  input: { programme: Programme; fileName: string; id?: string; localId?: string; note?: string },
): Promise<ClaimedExport<R> | undefined> {
  const records = stores.records.unsentAdministered(input.programme);
  if (records.length === 0) return undefined;
  const exported = await stores.exports.createPending({ ...input, recordIds: records.map((r) => r.record_id) });
  return { exported, records };
}
