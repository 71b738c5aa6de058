// What the export lifecycle needs from the rest of the console.
import type { MeshClient } from '../mesh';
import type { Stores } from '../store/open-stores';
import type { VaccinationRecord } from '../dps/record';

/** The stores' part of an export context: `exportStores(stores)` gives it. */
export type ExportStores = Pick<
  Stores<VaccinationRecord>,
  'records' | 'exports' | 'lock' | 'exportLock' | 'historyProblem' | 'historyRecovered' | 'refresh'
>;

export function exportStores(stores: Stores<VaccinationRecord>): ExportStores {
  const { records, exports, lock, exportLock, historyProblem, historyRecovered, refresh } = stores;
  return { records, exports, lock, exportLock, historyProblem, historyRecovered, refresh };
}

export interface ExportContext extends ExportStores {
  /** The MESH client for the console's own mailbox (built from the current settings). */
  client: () => Promise<MeshClient>;
  /** Where each export's CSV is kept: `<exportsDir>/<export id>.csv`. */
  exportsDir: string;
  dpsMailbox: string;
  workflowId: string;
  uniqueIdUri?: string;
  chunkSizeBytes?: number;
  now?: () => Date;
  onProgress?: (exportId: string, done: number, total: number) => void;
  /** Test seam: runs after MESH accepted the POST and before the export is saved as accepted. */
  afterSend?: (exportId: string, messageId: string) => void | Promise<void>;
}
