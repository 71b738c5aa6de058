// The inbound folder as the console and `mesh-console jobs` watch it: each dropped file
// imported into the records store, each outcome told to the operator in one sentence.
import { InboundFolderWatcher, type InboundFolderOptions } from './inbound-folder';
import type { VaccinationRecord } from '../dps/record';
import type { Stores } from '../store/open-stores';
import { asAuditSource } from '../store/audit-source';
import { importRecordsFile } from './import-records';

export type InboundFolderReport = (level: 'info' | 'error', text: string) => void;

/** How often the folder is looked at and how long a file must stay unchanged (InboundFolderWatcher's defaults when left out). */
export type InboundFolderTiming = Pick<InboundFolderOptions, 'intervalMs' | 'settleMs'>;

/** Starts watching the configured inbound folder; undefined when none is configured. */
export function watchInboundFolder(
  runtime: { settings: { inboundFolder?: string | undefined }; stores: Pick<Stores<VaccinationRecord>, 'records' | 'audit'> },
  report: InboundFolderReport,
  timing: InboundFolderTiming = {},
): InboundFolderWatcher | undefined {
  const folder = runtime.settings.inboundFolder;
  if (!folder) return undefined;
  // Unattended, like a scheduled job: its imports are audited as coming from one.
  const watcher = new InboundFolderWatcher(folder, (path) => asAuditSource('job', () => importRecordsFile(runtime.stores, path)), {
    ...timing,
    onImported: (name, result, movedTo) =>
      result.ok
        ? report(
            'info',
            `Imported ${name} from the inbound folder: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged.`,
          )
        : report(
            'error',
            `${name} in the inbound folder was refused (${result.errors.length} problems) and nothing was imported; it is ` +
              `now ${movedTo}, with its error report beside it.`,
          ),
    onError: (name, error) =>
      report('error', `The inbound folder could not handle ${name}: ${error instanceof Error ? error.message : String(error)}`),
  });
  watcher.start();
  return watcher;
}
