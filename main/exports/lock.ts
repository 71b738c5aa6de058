// One exporter per data folder: every step of the export lifecycle (run, retry, reconcile,
// tracking, REPORTs, recovery) holds the folder's export lock, across processes.
import type { ExportContext } from './context';

/**
 * Runs an export step holding the data folder's export lock (one exporter per folder, across
 * processes), on stores re-read from disk.
 */
export function withExportLock<T>(
  context: Pick<ExportContext, 'exportLock' | 'refresh'>,
  body: () => Promise<T>,
  options: { waitMs?: number } = {},
): Promise<T> {
  return context.exportLock.run(async () => {
    await context.refresh();
    return body();
  }, options);
}
