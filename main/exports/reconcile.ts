// A `pending` export is one whose send may or may not have reached MESH: the console stopped
// (or the POST's outcome was unknown) between claiming its records and saving the message id.
// Before anything is sent again, each is looked up by its local id, so that no file goes twice
// and none is lost.
import { isMeshError } from '../mesh';
import type { ExportRecord } from '../store/exports-store';
import { moveExport } from '../store/move-export';
import type { ExportContext } from './context';
import { failureText } from './errors';

export interface ReconcileOutcome {
  exportId: string;
  result: 'accepted' | 'released' | 'unresolved';
  messageId?: string;
  note: string;
}

export async function reconcilePendingExports(context: ExportContext): Promise<ReconcileOutcome[]> {
  const pending = context.exports.list({ status: 'pending' });
  const outcomes: ReconcileOutcome[] = [];
  for (const exported of pending) outcomes.push(await reconcileOne(context, exported));
  return outcomes;
}

async function reconcileOne(context: ExportContext, exported: ExportRecord): Promise<ReconcileOutcome> {
  const client = await context.client();
  try {
    const tracking = await client.trackByLocalId(exported.localId);
    if (tracking.status === 'uploading') {
      const note =
        `MESH holds message ${tracking.messageId} for this export, but its upload never finished, so it will not be ` +
        `delivered; its records are free for the next export.`;
      await moveExport(context, exported.id, 'failed', { error: note });
      return { exportId: exported.id, result: 'released', messageId: tracking.messageId, note };
    }
    const note = `Found in MESH by local id after an interrupted send: message ${tracking.messageId}.`;
    await context.exports.transition(exported.id, 'accepted', { messageId: tracking.messageId, note });
    return { exportId: exported.id, result: 'accepted', messageId: tracking.messageId, note };
  } catch (error) {
    if (isMeshError(error) && error.kind === 'not-found') {
      const note = "MESH has no message with this export's local id, so it was never sent; its records are free for the next export.";
      await moveExport(context, exported.id, 'failed', { error: note });
      return { exportId: exported.id, result: 'released', note };
    }
    return {
      exportId: exported.id,
      result: 'unresolved',
      note:
        `Could not yet tell whether MESH has this export (${failureText(error)}); it stays pending and is checked ` +
        `again before the next send.`,
    };
  }
}
