// `mesh-console audit`: the audit log of the profile in use, read as the audit screen reads it
// (the same filter, newest first), for an operator on a machine without a desktop; `--csv FILE`
// saves the same CSV as the screen. It opens the log alone, not the console's core, so the log
// can be read even when the settings are wrong or MESH cannot be reached.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { lockWaitFromEnv } from '../store/folder-lock';
import { openAuditLogAlone } from '../store/open-stores';
import { writeAuditCsv } from '../operations/audit-csv';
import type { AuditEntry } from '../domain';
import type { Run } from './command-groups';
import { cliProfileDir, runWithoutCore } from './context';
import type { Output } from './output';
import { auditFilterFrom, auditLimit, auditLine, type AuditOptions } from './audit-lines';

const count = (n: number) => n.toLocaleString('en-GB');

async function saveCsv(out: Output, path: string, entries: readonly AuditEntry[]): Promise<void> {
  const bytes = await writeAuditCsv(path, entries);
  out.result({ path, entries: entries.length, bytes }, () => [`Saved ${count(entries.length)} entries to ${path}.`]);
}

function printEntries(out: Output, held: number, matching: readonly AuditEntry[], shown: readonly AuditEntry[]): void {
  const none = held ? 'No audit entries match: widen the filters, or leave them out.' : 'The audit log of this profile has no entries yet.';
  out.result({ total: matching.length, entries: shown }, () => (shown.length ? shown.map(auditLine) : [none]));
  if (shown.length < matching.length && !out.json) {
    out.note(`The newest ${count(shown.length)} of ${count(matching.length)} matching entries: --limit N shows more.`);
  }
}

async function audit(options: AuditOptions, out: Output): Promise<void> {
  const filter = auditFilterFrom(options, new Date());
  const limit = auditLimit(options);
  const waitMs = lockWaitFromEnv(process.env);
  // The lock is taken only if an `audit.json` from an older version is still to be converted.
  const log = await openAuditLogAlone(await cliProfileDir(), {
    purpose: 'mesh-console audit',
    ...(waitMs !== undefined ? { lockWaitMs: waitMs } : {}),
  });
  try {
    for (const notice of log.notices) out.note(`mesh-console: ${notice.message}`);
    const matching = log.matching(filter);
    const shown = limit === undefined ? matching : matching.slice(0, limit);
    if (options.csv) await saveCsv(out, resolve(options.csv), shown);
    else printEntries(out, log.size, matching, shown);
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
    .option('--json', 'machine output')
    .action((options: AuditOptions) => run(runWithoutCore(options, (out) => audit(options, out))));
}
