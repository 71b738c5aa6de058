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

export interface TrackAndReportsOutcome extends TrackOutcome {
  /** Every REPORT about an export that was applied and acknowledged, whether or not it changed the export. */
  reports: ReportApplied[];
  /** Each export whose status this run changed, by tracking or by a REPORT, once. */
  changed: ExportSummary[];
  /** The REPORTs that changed their export (not one about an export already final, nor one tracking had just closed). */
  changingReports: ReportApplied[];
}

/**
 * What "track exports" does everywhere (screen, CLI, scheduled job): tracking, then the inbox
 * REPORTs about exports. What counts as changed is measured against the exports as they stand
 * once the lock is held and the history re-read: a look taken before the lock could be stale (another
 * process may have closed an export while this one waited), and a REPORT about an export it closed would then be
 * reported here as a change.
 */
export function trackExportsAndReports(context: ExportContext): Promise<TrackAndReportsOutcome> {
  return withExportLock(context, async () => {
    const before = new Map(context.exports.list({ status: ['accepted', 'pending'] }).map((e) => [e.id, e.status]));
    const tracked = await trackAcceptedExports(context);
    const reports = await applyInboxReports(context);
    const changed: ExportSummary[] = [];
    for (const [id, status] of before) {
      const now = context.exports.get(id);
      if (now && now.status !== status) changed.push(exportSummary(now));
    }
    const closedByTracking = new Set(tracked.exports.map((e) => e.id));
    const changingReports = reports.filter((r) => before.has(r.exportId) && !closedByTracking.has(r.exportId));
    return { ...tracked, reports, changed, changingReports };
  });
}
