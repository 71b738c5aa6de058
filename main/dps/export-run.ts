// Running the DPS export: for each programme with administered records no live export holds,
// claim them in a new pending export, write the CSV, send it to the DPS mailbox, and record
// what MESH said. dps-export.md §4–5.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ExportRunResult, Programme } from '../../preload/api';
import { isMeshError } from '../mesh';
import type { ExportContext } from './export-context';
import { failureText } from './export-errors';
import { reconcilePendingExports } from './export-reconcile';
import { dpsFileName, writeDpsCsv } from './dps-csv';
import { PROGRAMMES } from './programmes';

/** The CSV kept for an export. */
export function exportCsvPath(context: Pick<ExportContext, 'exportsDir'>, exportId: string): string {
  return join(context.exportsDir, `${exportId}.csv`);
}

/**
 * Exports every programme (or one). Pending exports left by an interrupted run are settled
 * first; while any stays unresolved nothing new is sent for its programme.
 */
export async function runExports(context: ExportContext, programme?: Programme): Promise<ExportRunResult[]> {
  await reconcilePendingExports(context);
  const programmes = programme ? [programme] : [...PROGRAMMES];
  const results: ExportRunResult[] = [];
  for (const each of programmes) results.push(await exportProgramme(context, each));
  return results;
}

/** Sends the records a failed, undeliverable or error export held, in a new export. */
export async function retryExport(context: ExportContext, exportId: string): Promise<ExportRunResult> {
  const previous = context.exports.require(exportId);
  if (previous.status !== 'failed' && previous.status !== 'undeliverable' && previous.status !== 'error') {
    throw new Error(`Export ${exportId} is ${previous.status}; only a failed, undeliverable or error export can be retried.`);
  }
  await reconcilePendingExports(context);
  const unsent = new Set(context.records.unsentAdministered(previous.programme).map((r) => r.record_id));
  const recordIds = previous.recordIds.filter((id) => unsent.has(id));
  return exportProgramme(context, previous.programme, recordIds, `Retry of export ${exportId}.`);
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
      error: `Export ${stillPending[0]!.id} is still pending and MESH could not yet be asked about it; nothing new is sent for ${programme} until it is settled.`,
    };
  }
  const wanted = onlyRecordIds ? new Set(onlyRecordIds) : undefined;
  const records = context.records.unsentAdministered(programme).filter((r) => !wanted || wanted.has(r.record_id));
  if (records.length === 0) return { programme, recordCount: 0 };

  const now = context.now?.() ?? new Date();
  const id = randomUUID();
  const fileName = dpsFileName(programme, now);
  const created = await context.exports.createPending({
    id, programme, fileName, recordIds: records.map((r) => r.record_id), ...(note ? { note } : {}),
  });
  const base = { programme, exportId: id, fileName, recordCount: created.recordCount };

  const csvPath = exportCsvPath(context, id);
  try {
    await mkdir(context.exportsDir, { recursive: true });
    const written = await writeDpsCsv(records, csvPath, { programme, ...(context.uniqueIdUri ? { uniqueIdUri: context.uniqueIdUri } : {}) });
    await context.exports.setBytes(id, written.bytes);
  } catch (error) {
    const text = `The CSV could not be written (${failureText(error)}); nothing was sent and the records are free for the next export.`;
    await rm(csvPath, { force: true });
    await context.exports.transition(id, 'failed', { error: text });
    return { ...base, status: 'failed', error: text };
  }

  let messageId: string;
  try {
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
        error: `${error.message} The export stays pending; the next run looks it up by its local id ${created.localId} before sending anything.`,
      };
    }
    const text = failureText(error);
    await context.exports.transition(id, 'failed', { error: text });
    return { ...base, status: 'failed', error: text };
  }

  await context.afterSend?.(id, messageId);
  await context.exports.transition(id, 'accepted', { messageId, note: `Sent to ${context.dpsMailbox}.` });
  return { ...base, messageId, status: 'accepted' };
}
