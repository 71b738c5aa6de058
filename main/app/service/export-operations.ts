// What the DPS exports screen asks of the console: records counted, imported, exported, tracked,
// recovered, and an export's CSV saved where the operator chooses. Each list re-reads the stores
// first, since the command line or `mesh-console jobs` may have changed the data folder.
import { copyFile, stat } from 'node:fs/promises';
import type {
  ConsoleOperations,
  ExportDetail,
  ExportHistoryCheck,
  ExportRecoveryResult,
  ExportRunResult,
  ExportSummary,
  ImportResult,
  Programme,
  RecordSummary,
  SavedFile,
} from '../../domain';
import { recoverExportHistory } from '../../exports/recover';
import type { ReportApplied } from '../../exports/reports';
import { exportCsvPath, retryExport, runExports } from '../../exports/run';
import { trackExportsAndReports } from '../../exports/tracking';
import { exportDetail, exportSummary } from '../../exports/views';
import { importRecordsFile } from '../../operations/import-records';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';

type ExportOperations = Pick<
  ConsoleOperations,
  | 'records'
  | 'importRecords'
  | 'exports'
  | 'exportDetail'
  | 'runExport'
  | 'exportHistoryCheck'
  | 'recoverExportHistory'
  | 'retryExport'
  | 'trackExports'
  | 'saveExportCsv'
>;

export interface ExportHooks {
  onReports(applied: ReportApplied[]): void;
  onExportProgress(exportId: string, done: number, total: number): void;
}

export function exportOperations(runtime: ConsoleRuntime, dialogs: DialogPort, hooks: ExportHooks): ExportOperations {
  return {
    async records(): Promise<RecordSummary[]> {
      // The command line or `mesh-console jobs` may have changed the folder since: show what is on disk.
      await runtime.stores.refresh();
      return runtime.stores.records.summary();
    },

    async importRecords(): Promise<ImportResult | null> {
      const path = await dialogs.openFile({
        title: 'Choose a file of vaccination records',
        filters: [{ name: 'Records (CSV or JSON Lines)', extensions: ['csv', 'jsonl', 'ndjson', 'json'] }],
      });
      return path ? importRecordsFile(runtime.stores, path) : null;
    },

    async exports(): Promise<ExportSummary[]> {
      await runtime.stores.refresh();
      return runtime.stores.exports.list().map(exportSummary);
    },

    async exportDetail(id: string): Promise<ExportDetail> {
      await runtime.stores.refresh();
      return exportDetail(runtime.stores.exports.require(id));
    },

    async runExport(programme?: Programme): Promise<ExportRunResult[]> {
      return runExports(runtime.exportContext({ onProgress: hooks.onExportProgress }), programme);
    },

    async exportHistoryCheck(): Promise<ExportHistoryCheck> {
      await runtime.stores.refresh();
      const problem = await runtime.stores.historyProblem();
      return problem ? { problem: problem.message } : {};
    },

    async recoverExportHistory(): Promise<ExportRecoveryResult> {
      // Each restored export is told to the screens by the exports store's status listener.
      return recoverExportHistory(runtime.exportContext());
    },

    async retryExport(id: string): Promise<ExportRunResult> {
      return retryExport(runtime.exportContext({ onProgress: hooks.onExportProgress }), id);
    },

    async trackExports(): Promise<ExportSummary[]> {
      const context = runtime.exportContext();
      const tracked = await trackExportsAndReports(context);
      const { reports } = tracked;
      if (reports.length) hooks.onReports(reports);
      if (tracked.problems.length) {
        throw new Error(`Tracking failed for ${tracked.problems.length} exports: ${tracked.problems[0]!.error}`);
      }
      return runtime.stores.exports.list().map(exportSummary);
    },

    async saveExportCsv(id: string): Promise<SavedFile | null> {
      const exported = runtime.stores.exports.require(id);
      const path = await dialogs.saveFile({
        title: 'Save the export CSV',
        defaultName: exported.fileName,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (!path) return null;
      const source = exportCsvPath(runtime.exportContext(), id);
      try {
        await copyFile(source, path);
      } catch {
        throw new Error(`The CSV of export ${id} is no longer in the data folder (${source}); it cannot be saved.`);
      }
      return { path, bytes: (await stat(path)).size };
    },
  };
}
