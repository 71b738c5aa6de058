// `mesh-console audit`: the audit log of the profile in use, read as the audit screen reads it
// (the same filter, newest first), for an operator on a machine without a desktop; `--csv FILE`
// saves the same CSV as the screen. It opens the log alone, not the console's core, so the log
// can be read even when the settings are wrong or MESH cannot be reached.
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { lockWaitFromEnv } from '../store/folder-lock';
import { openAuditLogAlone } from '../store/open-stores';
import { searchEveryAuditFile } from '../store/audit-archive';
import { writeAuditCsv } from '../operations/audit-csv';
import type { AuditEntry, AuditFilter } from '../domain';
import type { Run } from './command-groups';
import { cliProfileDir, runWithoutCore } from './context';
import type { Output } from './output';
import { auditFilterFrom, auditLimit, auditLine, type AuditOptions } from './audit-lines';

const count = (n: number) => n.toLocaleString('en-GB');

/** What the filter found: the newest matches (at most the limit), how many match in all, how many entries were read. */
interface Found {
  shown: readonly AuditEntry[];
  total: number;
  held: number;
  /** With --older-files, how many rotated files were read. */
  olderFiles?: number;
}

async function saveCsv(out: Output, path: string, found: Found): Promise<void> {
  const { shown } = found;
  const bytes = await writeAuditCsv(path, shown);
  out.result({ path, entries: shown.length, bytes }, () => [`Saved ${count(shown.length)} entries to ${path}.`]);
  if (shown.length < found.total && !out.json) {
    out.note(`The newest ${count(shown.length)} of ${count(found.total)} matching entries were saved: --limit N saves more.`);
  }
}

function printEntries(out: Output, found: Found): void {
  const { shown, total, held } = found;
  const none = held ? 'No audit entries match: widen the filters, or leave them out.' : 'The audit log of this profile has no entries yet.';
  const older = found.olderFiles === undefined ? {} : { olderFiles: found.olderFiles };
  out.result({ total, entries: shown, ...older }, () => (shown.length ? shown.map(auditLine) : [none]));
  if (shown.length < total && !out.json) {
    out.note(`The newest ${count(shown.length)} of ${count(total)} matching entries: --limit N shows more.`);
  }
}

/** Every file of the log, streamed from disk; what is kept is bounded by the limit. */
async function findInEveryFile(logFile: string, filter: AuditFilter, limit: number | undefined, out: Output): Promise<Found> {
  const found = await searchEveryAuditFile(dirname(logFile), filter, limit ?? Number.MAX_SAFE_INTEGER);
  if (found.damaged > 0) out.note(`mesh-console: ${count(found.damaged)} damaged lines of the audit files were skipped.`);
  if (!out.json) out.note(`Read audit.jsonl and ${count(found.olderFiles)} older file${found.olderFiles === 1 ? '' : 's'}.`);
  return { shown: found.entries, total: found.total, held: found.held, olderFiles: found.olderFiles };
}

async function audit(options: AuditOptions, out: Output): Promise<void> {
  const filter = auditFilterFrom(options, new Date());
  const limit = auditLimit(options);
  const waitMs = lockWaitFromEnv(process.env);
  // The lock is taken only if an `audit.json` from an older version is still to be converted.
  const log = await openAuditLogAlone(await cliProfileDir(), {
    purpose: 'mesh-console audit',
    ...(waitMs !== undefined ? { lockWaitMs: waitMs } : {}),
    // With --older-files every file is streamed from disk instead: the live one is not also read into memory.
    ...(options.olderFiles ? { audit: { history: false } } : {}),
  });
  try {
    for (const notice of log.notices) out.note(`mesh-console: ${notice.message}`);
    let found: Found;
    if (options.olderFiles) {
      found = await findInEveryFile(log.file, filter, limit, out);
    } else {
      const matching = log.matching(filter);
      found = { shown: limit === undefined ? matching : matching.slice(0, limit), total: matching.length, held: log.size };
    }
    if (options.csv) await saveCsv(out, resolve(options.csv), found);
    else printEntries(out, found);
  } finally {
    await log.close();
  }
}

export function addAuditCommand(program: Command, run: Run): void {
  program
    .command('audit')
    .description('the audit log, newest first: when, who and from where, kind, outcome, what (the Audit log screen)')
    .option('--kind <kind>', 'only this kind: mesh, export, import, settings, job or message')
    .option('--outcome <outcome>', 'only ok or failed')
    .option('--days <n>', 'only today and the n - 1 days before it (the UK calendar, as on the screen)')
    .option('--search <text>', 'only entries with this text in any field (any case)')
    .option('--limit <n>', 'at most n entries, the newest (default 100; a CSV file gets every one)')
    .option('--csv <file>', 'save the entries as CSV, as the screen does, instead of printing them')
    .option('--older-files', 'also read the older files the log was rotated into (audit-<time>.jsonl), from disk')
    .option('--json', 'machine output')
    .action((options: AuditOptions) => run(runWithoutCore(options, (out) => audit(options, out))));
}
