// Following accepted exports until DPS has them: MESH tracking says acknowledged once the DPS
// mailbox downloaded the file, or undeliverable / error when it never will.
import type { ExportSummary } from '../domain';
import { exportSummary } from './views';
import { moveExport } from '../store/move-export';
import type { ExportContext } from './context';
import { failureText } from './errors';
import { applyInboxReports, type ReportApplied } from './reports';
import { withExportLock } from './lock';

export interface TrackOutcome {
  exports: ExportSummary[];
  /** Exports MESH could not be asked about this time, with the reason. */
  problems: { exportId: string; error: string }[];
}

export async function trackAcceptedExports(context: ExportContext): Promise<TrackOutcome> {
  const problems: TrackOutcome['problems'] = [];
  const accepted = context.exports.list({ status: 'accepted' });
  if (accepted.length === 0) return { exports: [], problems };
  const client = await context.client();
  const changed: ExportSummary[] = [];
  for (const exported of accepted) {
    try {
      const tracking = await client.trackByMessageId(exported.messageId!);
      if (tracking.status === 'acknowledged') {
        const when = tracking.downloadTimestamp ? ` at ${tracking.downloadTimestamp}` : '';
        changed.push(exportSummary(await context.exports.transition(exported.id, 'acknowledged', { note: `DPS downloaded it${when}.` })));
      } else if (tracking.status === 'undeliverable' || tracking.status === 'error') {
        const status = tracking.status as 'undeliverable' | 'error';
        const reason =
          tracking.statusDescription ?? tracking.failureDiagnostic ?? `MESH tracking reports the message as ${tracking.status}`;
        const error = `${reason}${tracking.statusCode ? ` (code ${tracking.statusCode})` : ''}; its records are free for the next export.`;
        changed.push(
          exportSummary(
            await moveExport(context, exported.id, status, { error, ...(tracking.statusCode ? { reportCode: tracking.statusCode } : {}) }),
          ),
        );
      }
    } catch (error) {
      problems.push({ exportId: exported.id, error: failureText(error) });
    }
  }
  return { exports: changed, problems };
}

/** What "track exports" does everywhere (screen, CLI, scheduled job): tracking, then the inbox REPORTs about exports. */
export function trackExportsAndReports(context: ExportContext): Promise<TrackOutcome & { reports: ReportApplied[] }> {
  return withExportLock(context, async () => {
    const tracked = await trackAcceptedExports(context);
    const reports = await applyInboxReports(context);
    return { ...tracked, reports };
  });
}
