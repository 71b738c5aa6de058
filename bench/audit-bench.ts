// The audit log at 100,000 entries (issue 11: "opens in under a second"): a log of that many
// entries, in the mix the console writes (MESH calls, export changes, messages, jobs), written
// beforehand (not timed); then per run a child opens it, reads the first page and a filter.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../main/domain';
import { AUDIT_FILE } from '../main/store/audit-log';
import type { AuditOpenJob, AuditOpenResult } from './audit-open-child';
import { runChild } from './child-runner';
import { loadNow, median, type Figure } from './figures';
import type { BenchContext } from './transfer-bench';
import { MB } from './units';

export const AUDIT_ENTRIES = 100_000;
export const AUDIT_OPEN_TARGET_S = 1;

function entry(i: number): AuditEntry {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const who = { user: 'operator', source: i % 3 === 0 ? ('job' as const) : ('app' as const) };
  switch (i % 4) {
    case 0:
      return { at, kind: 'mesh', action: 'GET /messageexchange/X26ABC1/inbox', outcome: 'ok', status: 200, detail: `${i % 90} ms`, ...who };
    case 1: {
      const failed = i % 50 === 1;
      return {
        at,
        kind: 'mesh',
        action: 'POST /messageexchange/X26ABC1/outbox',
        outcome: failed ? 'failed' : 'ok',
        status: failed ? 417 : 202,
        messageId: `20260101${String(i).padStart(12, '0')}_ABCDEF`,
        detail: failed ? `${i % 90} ms: Recipient mailbox X26ABC9 is not registered for workflow DPS_EXPORT` : `${i % 90} ms`,
        ...who,
      };
    }
    case 2:
      return { at, kind: 'export', action: 'pending → accepted', outcome: 'ok', exportId: `exp-${i}`, ...who };
    default:
      return {
        at,
        kind: 'message',
        action: 'read',
        outcome: 'ok',
        messageId: `20260101${String(i).padStart(12, '0')}_FEDCBA`,
        detail: '2048 bytes',
        ...who,
      };
  }
}

export async function runAuditBench(
  context: BenchContext,
  runs: number,
): Promise<{ runs: (AuditOpenResult & { load: number })[]; fileBytes: number; errors: string[] }> {
  const dataDir = join(context.workDir, 'audit-data');
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, AUDIT_FILE);
  const lines: string[] = [];
  for (let i = 0; i < AUDIT_ENTRIES; i++) lines.push(JSON.stringify(entry(i)));
  await writeFile(file, lines.join('\n') + '\n', { mode: 0o600 });
  const fileBytes = (await stat(file)).size;
  const results: (AuditOpenResult & { load: number })[] = [];
  const errors: string[] = [];
  for (let i = 0; i < runs; i++) {
    const load = loadNow();
    try {
      const job: AuditOpenJob = { dataDir };
      const result = await runChild<AuditOpenResult>(context.bundleDir, 'audit-open-child', job, { nodeArgs: context.nodeArgs });
      results.push({ ...result, load });
      context.log(
        `  run ${i + 1}: open ${result.loadMs.toFixed(0)} ms, first page ${result.firstPageMs.toFixed(1)} ms, ` +
          `filter ${result.filterMs.toFixed(1)} ms (${result.filterTotal} match); ` +
          `${result.maxRssMb.toFixed(0)} MB peak (load ${load.toFixed(1)})`,
      );
    } catch (error) {
      errors.push(`Audit log run ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { runs: results, fileBytes, errors };
}

export function auditFigures(outcome: Awaited<ReturnType<typeof runAuditBench>>): Figure[] {
  const { runs } = outcome;
  if (runs.length === 0) return [];
  const loads = runs.map((r) => r.load);
  return [
    {
      name: `Audit log open, ${AUDIT_ENTRIES.toLocaleString('en-GB')} entries (load + first page + a filter)`,
      unit: 's',
      runs: runs.map((r) => (r.loadMs + r.firstPageMs + r.filterMs) / 1000),
      loads,
      target: { kind: 'max', limit: AUDIT_OPEN_TARGET_S },
      note:
        `load ${median(runs.map((r) => r.loadMs)).toFixed(0)} ms, first page ${median(runs.map((r) => r.firstPageMs)).toFixed(1)} ms, ` +
        `filter ${median(runs.map((r) => r.filterMs)).toFixed(1)} ms; audit.jsonl ${(outcome.fileBytes / MB).toFixed(1)} MB`,
    },
    {
      name: 'Audit log peak memory at 100,000 entries',
      unit: 'MB',
      runs: runs.map((r) => r.maxRssMb),
      loads,
    },
  ];
}
