// What the export lifecycle needs from the rest of the console.
import type { MeshClient } from '../mesh';
import type { ExportsStore } from '../store/exports-store';
import type { RecordsStore } from '../store/records-store';
import type { VaccinationRecord } from './record';

export interface ExportContext {
  records: RecordsStore<VaccinationRecord>;
  exports: ExportsStore;
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
