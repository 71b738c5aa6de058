// Rebuilding the export history after exports.json was lost or damaged, from the two things
// that survive it: the records' sent marks (which export, which local id) and MESH's own
// tracking of each message by that local id. Nothing is sent: an export MESH has is restored
// with the status MESH gives it; one MESH never got is restored as failed and its records are
// free again; one MESH cannot be asked about now stays unknown (its records stay held) and the
// recovery can be run again.
import type { ExportRecoveryResult, ExportStatus, RecoveredExport } from '../domain';
import { isMeshError, type Tracking } from '../mesh';
import { holdsRecords } from '../store/claims';
import type { ExportContext } from './context';
import { failureText } from './errors';
import { withExportLock } from './lock';

function statusFromTracking(tracking: Tracking): ExportStatus {
  if (tracking.status === 'acknowledged') return 'acknowledged';
  if (tracking.status === 'undeliverable') return 'undeliverable';
  if (tracking.status === 'error') return 'error';
  // Its upload never finished: MESH will not deliver it.
  if (tracking.status === 'uploading') return 'failed';
  return 'accepted';
}

export function recoverExportHistory(context: ExportContext): Promise<ExportRecoveryResult> {
  return withExportLock(context, async () => {
    const problem = await context.historyProblem();
    if (!problem)
      return { exports: [], recovered: true, message: 'The export history agrees with the records; there is nothing to recover.' };
    const outcomes: RecoveredExport[] = [];
    if (problem.unknownExports.length) {
      const client = await context.client();
      for (const unknown of problem.unknownExports) {
        const base = { exportId: unknown.exportId, programme: unknown.programme, recordCount: unknown.recordIds.length };
        let status: ExportStatus;
        let note: string;
        let tracking: Tracking | undefined;
        try {
          tracking = await client.trackByLocalId(unknown.localId);
          status = statusFromTracking(tracking);
          note =
            `Rebuilt after the history was lost: MESH tracking by local id ${unknown.localId} found message ` +
            `${tracking.messageId} (${tracking.status}).`;
        } catch (error) {
          if (!(isMeshError(error) && error.kind === 'not-found')) {
            outcomes.push({
              ...base,
              status: 'unknown',
              note: `MESH could not be asked about it (${failureText(error)}); its records stay held. Run the recovery again.`,
            });
            continue;
          }
          status = 'failed';
          note =
            `Rebuilt after the history was lost: MESH has no message with local id ${unknown.localId}, so it was never ` +
            `sent; its records are free again.`;
        }
        await context.lock.run(async () => {
          await context.exports.restore({
            id: unknown.exportId,
            programme: unknown.programme,
            fileName: tracking?.fileName ?? '(not known: rebuilt from the records)',
            localId: unknown.localId,
            ...(tracking ? { messageId: tracking.messageId } : {}),
            recordIds: unknown.recordIds,
            recordCount: unknown.recordIds.length,
            bytes: tracking?.fileSize ?? 0,
            status,
            createdAt: unknown.claimedAt,
            note,
            ...(holdsRecords(status) ? {} : { lastError: note }),
          });
          if (!holdsRecords(status)) await context.records.clearSent(unknown.recordIds, unknown.exportId);
        });
        outcomes.push({ ...base, status, ...(tracking ? { messageId: tracking.messageId } : {}), note });
      }
    }
    const unresolved = outcomes.filter((o) => o.status === 'unknown').length;
    if (unresolved === 0) await context.historyRecovered();
    const restored = outcomes.length - unresolved;
    return {
      exports: outcomes,
      recovered: unresolved === 0,
      message: unresolved
        ? `${restored} exports were rebuilt; ${unresolved} could not be checked with MESH and stay held, so exports ` +
          `still do not run: run the recovery again when MESH answers. Nothing was sent.`
        : `The export history was rebuilt (${restored} exports) and agrees with the records again; exports run as usual. Nothing was sent.`,
    };
  });
}
