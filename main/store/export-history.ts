// The export history (exports.json) and the records' own sent marks must agree. Where one can
// be mended from the other without any doubt, it is, at open: a live export's records lacking
// their mark get it (folders from before the marks existed), and a mark of an export that
// failed is cleared. Where they cannot, the export refuses to run: records marked as sent in
// exports the history does not know (exports.json lost or damaged), or a history that was set
// aside as damaged and not yet recovered. `dps-recover` (export-recover.ts) rebuilds it.
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Programme } from '../domain';
import { writeFileAtomic } from '../files/atomic-write';
import { holdsRecords, type SentMark } from './claims';
import type { ExportsStore } from './exports-store';
import type { StoreNotice } from './json-file';
import type { RecordsStore, StoreableRecord } from './records-store';

const DAMAGE_MARKER = 'exports.recovery-needed.json';

export interface UnknownExport {
  exportId: string;
  localId: string;
  programme: Programme;
  recordIds: string[];
  /** When the records were claimed for it. */
  claimedAt: string;
}

export interface HistoryProblem {
  /** Exports the records say they were sent in, which the history does not hold. */
  unknownExports: UnknownExport[];
  /** The history file that was set aside as damaged, when it was. */
  damaged?: { keptAs: string; reason: string; at: string };
  /** One sentence for the operator: what is wrong, that nothing was sent, what to run. */
  message: string;
}

interface HistoryStores<R extends StoreableRecord> {
  dataDir: string;
  records: RecordsStore<R>;
  exports: ExportsStore;
}

/** Written when exports.json was set aside: the export refuses until the history is recovered. */
export async function markHistoryDamaged(dataDir: string, notice: StoreNotice): Promise<void> {
  await writeFileAtomic(
    join(dataDir, DAMAGE_MARKER),
    JSON.stringify({ keptAs: notice.keptAs, reason: notice.reason, at: new Date().toISOString() }),
  );
}

export async function clearHistoryDamaged(dataDir: string): Promise<void> {
  await rm(join(dataDir, DAMAGE_MARKER), { force: true });
}

async function damageMarker(dataDir: string): Promise<HistoryProblem['damaged']> {
  try {
    return JSON.parse(await readFile(join(dataDir, DAMAGE_MARKER), 'utf8')) as HistoryProblem['damaged'];
  } catch {
    return undefined;
  }
}

/** The records' marks that name exports the history does not hold, grouped by export. */
export function unknownExports<R extends StoreableRecord>(stores: Pick<HistoryStores<R>, 'records' | 'exports'>): UnknownExport[] {
  const byExport = new Map<string, UnknownExport>();
  for (const stored of stores.records.stored()) {
    const mark: SentMark | undefined = stored.sent;
    if (!mark || stores.exports.has(mark.exportId)) continue;
    let group = byExport.get(mark.exportId);
    if (!group) {
      group = { exportId: mark.exportId, localId: mark.localId, programme: stored.record.programme, recordIds: [], claimedAt: mark.at };
      byExport.set(mark.exportId, group);
    }
    group.recordIds.push(stored.record.record_id);
  }
  return [...byExport.values()];
}

export async function checkExportHistory<R extends StoreableRecord>(stores: HistoryStores<R>): Promise<HistoryProblem | undefined> {
  const unknown = unknownExports(stores);
  const damaged = await damageMarker(stores.dataDir);
  if (unknown.length === 0 && !damaged) return undefined;
  const records = unknown.reduce((n, e) => n + e.recordIds.length, 0);
  const what = damaged
    ? `The DPS export history was damaged (${damaged.reason}) and was kept aside as ${basename(damaged.keptAs)}` +
      (unknown.length ? `, and ${records} records say they were sent in ${unknown.length} exports it no longer holds` : '')
    : `${records} records say they were sent to DPS in ${unknown.length} exports that the export history ` +
      `(exports.json) does not hold; it was lost or replaced`;
  return {
    unknownExports: unknown,
    ...(damaged ? { damaged } : {}),
    message:
      `${what}. So that nothing goes to DPS twice, no export runs until the history is rebuilt: ` +
      'run `mesh-console dps-recover` (or Recover history on the Exports screen), which asks MESH about each export ' +
      'by its local id and sends nothing.',
  };
}

/**
 * Mends what one witness proves of the other, in one write: marks a live export's records
 * that lack its mark, and clears marks of exports that failed (their records are free).
 */
export async function repairSentMarks<R extends StoreableRecord>(
  stores: HistoryStores<R> & { lock: { run<T>(fn: () => Promise<T>): Promise<T> } },
): Promise<number> {
  // Usually nothing to mend: then no lock is taken and nothing written (a read-only folder still opens).
  if (sentMarkChanges(stores).size === 0) return 0;
  return stores.lock.run(async () => {
    const changes = sentMarkChanges(stores);
    if (changes.size) await stores.records.setSentMarks(changes);
    return changes.size;
  });
}

function sentMarkChanges<R extends StoreableRecord>(stores: HistoryStores<R>): Map<string, SentMark | undefined> {
  const changes = new Map<string, SentMark | undefined>();
  for (const stored of stores.records.stored()) {
    const id = stored.record.record_id;
    const claim = stores.exports.claimOf(id);
    if (claim) {
      if (stored.sent?.exportId !== claim.exportId) {
        const held = stores.exports.get(claim.exportId)!;
        changes.set(id, { exportId: held.id, localId: held.localId, at: held.createdAt });
      }
    } else if (stored.sent) {
      const named = stores.exports.get(stored.sent.exportId);
      if (named && !holdsRecords(named.status)) changes.set(id, undefined);
    }
  }
  return changes;
}
