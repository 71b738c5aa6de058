// Running the DPS export: for each programme with administered records no live export holds,
// claim them in a new pending export, write the CSV, send it to the DPS mailbox, and record
// what MESH said. docs/dps-file.md, "Sending" and "Export lifecycle".
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ExportRunResult, Programme } from '../domain';
import { isMeshError } from '../mesh';
import { claimUnsentForExport } from '../store/claim-unsent';
import { moveExport } from '../store/move-export';
import type { ExportContext } from './context';
import { withExportLock } from './lock';
import { failureText } from './errors';
import { reconcilePendingExports } from './reconcile';
import { nextDpsFileName, writeDpsCsv } from '../dps/dps-csv';
import { PROGRAMMES } from '../dps/programmes';

/** The CSV kept for an export. */
export function exportCsvPath(context: Pick<ExportContext, 'exportsDir'>, exportId: string): string {
  return join(context.exportsDir, `${exportId}.csv`);
}

/** The export history and the records disagree: nothing is sent until it is recovered. */
export class ExportHistoryError extends Error {
  override name = 'ExportHistoryError';
}

/**
 * Exports every programme (or one). Pending exports left by an interrupted run are settled
 * first; while any stays unresolved nothing new is sent for its programme.
 */
export function runExports(context: ExportContext, programme?: Programme): Promise<ExportRunResult[]> {
  return withExportLock(context, async () => {
    await refuseOnHistoryProblem(context);
    await reconcilePendingExports(context);
    const programmes = programme ? [programme] : [...PROGRAMMES];
    const results: ExportRunResult[] = [];
    for (const each of programmes) results.push(await exportProgramme(context, each));
    return results;
  });
}

/** Sends the records a failed, undeliverable or error export held, in a new export. */
export function retryExport(context: ExportContext, exportId: string): Promise<ExportRunResult> {
  return withExportLock(context, async () => {
    const previous = context.exports.require(exportId);
    if (previous.status !== 'failed' && previous.status !== 'undeliverable' && previous.status !== 'error') {
      throw new Error(`Export ${exportId} is ${previous.status}; only a failed, undeliverable or error export can be retried.`);
    }
    await refuseOnHistoryProblem(context);
    await reconcilePendingExports(context);
    return exportProgramme(context, previous.programme, previous.recordIds, `Retry of export ${exportId}.`);
  });
}

async function refuseOnHistoryProblem(context: ExportContext): Promise<void> {
  const problem = await context.historyProblem();
  if (problem) throw new ExportHistoryError(problem.message);
}

async function exportProgramme(
  context: ExportContext,
  programme: Programme,
  onlyRecordIds?: string[],
  note?: string,
): Promise<ExportRunResult> {
  const stillPending = context.exports.list({ status: 'pending', programme });
  if (stillPending.length) {
    return {
      programme,
      recordCount: 0,
      error:
        `Export ${stillPending[0]!.id} is still pending and MESH could not yet be asked about it; nothing new is sent ` +
        `for ${programme} until it is settled.`,
    };
  }
  const now = context.now?.() ?? new Date();
  const id = randomUUID();
  // A second file of the day must not repeat the first's name (docs/dps-file.md, "File naming"):
  // every export of the programme in the history counts, failed ones too, since the name was used.
  const fileName = nextDpsFileName(
    programme,
    now,
    context.exports.list({ programme }).map((e) => e.fileName),
  );
  const claimed = await claimUnsentForExport(context, {
    id,
    programme,
    fileName,
    ...(note ? { note } : {}),
    ...(onlyRecordIds ? { onlyRecordIds } : {}),
  });
  if (!claimed) return { programme, recordCount: 0 };
  const { exported: created, records } = claimed;
  const base = { programme, exportId: id, fileName, recordCount: created.recordCount };

  const csvPath = exportCsvPath(context, id);
  try {
    await mkdir(context.exportsDir, { recursive: true });
    const written = await writeDpsCsv(records, csvPath, {
      programme,
      ...(context.uniqueIdUri ? { uniqueIdUri: context.uniqueIdUri } : {}),
    });
    await context.exports.setBytes(id, written.bytes);
  } catch (error) {
    const text = `The CSV could not be written (${failureText(error)}); nothing was sent and the records are free for the next export.`;
    await rm(csvPath, { force: true }).catch(() => undefined);
    try {
      await moveExport(context, id, 'failed', { error: text });
    } catch {
      // Not recorded either: it stays pending, and the next run finds it was never sent (by its local id) and frees it.
      return {
        ...base,
        status: 'pending',
        error: `${text.replace(' and the records are free for the next export', '')}; the next export frees its records.`,
      };
    }
    return { ...base, status: 'failed', error: text };
  }

  let messageId: string;
  try {
    context.exportLock.assertHeld();
    const client = await context.client();
    const sent = await client.send({
      to: context.dpsMailbox,
      workflowId: context.workflowId,
      source: { path: csvPath },
      fileName,
      localId: created.localId,
      contentType: 'application/octet-stream',
      compress: true,
      ...(context.chunkSizeBytes ? { chunkSizeBytes: context.chunkSizeBytes } : {}),
      onProgress: (done, total) => context.onProgress?.(id, done, total),
    });
    messageId = sent.messageId;
  } catch (error) {
    if (isMeshError(error) && error.kind === 'send-outcome-unknown') {
      return {
        ...base,
        status: 'pending',
        error:
          `${error.message} The export stays pending; the next run looks it up by its local id ${created.localId} before ` +
          `sending anything.`,
      };
    }
    const text = failureText(error);
    await moveExport(context, id, 'failed', { error: text });
    return { ...base, status: 'failed', error: text };
  }

  // MESH has the file from here on: whatever fails now, its message id is reported.
  try {
    await context.afterSend?.(id, messageId);
    await context.exports.transition(id, 'accepted', { messageId, note: `Sent to ${context.dpsMailbox}.` });
  } catch (error) {
    return {
      ...base,
      messageId,
      status: 'pending',
      warning:
        `Sent to DPS as message ${messageId}, but the console could not record it (${failureText(error)}). ` +
        `Do not send it again: the next export run finds it in MESH by its local id ${created.localId} and records it.`,
    };
  }
  return { ...base, messageId, status: 'accepted' };
}
