// The DPS commands: import, dps-export, dps-track, exports, records, demo-data.
import { confirmIrreversible } from './confirm';
import { environmentName, exportQuestion } from './questions';
import { positiveInteger } from './options';
import type { Command } from 'commander';
import { PROGRAMMES, type Programme } from '../domain';
import { importRefusal } from '../domain';
import { demoRecords } from '../dps/demo-records';
import { recoverExportHistory } from '../exports/recover';
import { runExports } from '../exports/run';
import { trackExportsAndReports } from '../exports/tracking';
import { formatFromExtension } from '../dps/records-format';
import { writeRecords } from '../dps/write-records';
import { exportSummary } from '../exports/views';
import { importRecordsFile } from '../operations/import-records';
import { ReportedFailure, reportError, runCommand, type CommandOptions } from './context';
import { EXIT_OK, UsageError } from './exit-codes';
import { createOutput, formatBytes, table } from './output';
import type { Run } from './command-groups';

function programmeOption(value: string | undefined): Programme | undefined {
  if (value === undefined) return undefined;
  if (!(PROGRAMMES as readonly string[]).includes(value))
    throw new UsageError(`Unknown programme "${value}": use one of ${PROGRAMMES.join(', ')}.`);
  return value as Programme;
}

export function addDpsCommands(program: Command, run: Run): void {
  program
    .command('import <file>')
    .description('import vaccination records (CSV or JSON Lines); all or nothing')
    .option('--json', 'machine output')
    .action((file: string, options: CommandOptions) =>
      run(
        runCommand(options, async (runtime, out) => {
          const result = await importRecordsFile(runtime.stores, file);
          if (!result.ok && !out.json) {
            const refusal = importRefusal(result);
            out.note(refusal.sentence);
            if (refusal.rowProblems)
              for (const line of table(
                ['LINE', 'FIELD', 'PROBLEM'],
                result.errors.map((e) => [String(e.line), e.field, e.reason]),
              ))
                out.note(line);
            if (refusal.expectedColumns) {
              out.note(`Expected columns, comma separated, in any order; required: ${refusal.expectedColumns.required.join(', ')}.`);
              out.note(`Optional: ${refusal.expectedColumns.optional.join(', ')}.`);
            }
            throw new ReportedFailure('import refused');
          }
          out.result(result, () => [
            `Imported ${file}: ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged.`,
            ...result.changedAfterSent.map(
              (c) => `Record ${c.recordId} was already sent to DPS; its change (${c.fields.join(', ')}) was not applied or resent.`,
            ),
          ]);
          if (!result.ok) throw new ReportedFailure('import refused');
        }),
      ),
    );

  program
    .command('dps-export')
    .description('send unsent records to DPS now, one file per programme')
    .option('--programme <p>', `one programme: ${PROGRAMMES.join(', ')}`)
    .option('--chunk-size <bytes>', 'MESH chunk size in bytes (default 20 MiB)')
    .option('--yes', 'do not ask, even at a terminal, outside the local sandbox')
    .option('--json', 'machine output')
    .action((options: CommandOptions & { programme?: string; chunkSize?: string; yes?: boolean }) =>
      run(
        runCommand(options, async (runtime, out) => {
          const programme = programmeOption(options.programme);
          const chunkSizeBytes = options.chunkSize ? positiveInteger(options.chunkSize, '--chunk-size') : undefined;
          const { environment, baseUrl, mailbox, dpsMailbox } = runtime.settings;
          if (environment !== 'local') {
            const waiting = runtime.stores.records.summary().filter((s) => !programme || s.programme === programme);
            const question = exportQuestion(environmentName(environment, baseUrl), mailbox, dpsMailbox, waiting);
            if (!(await confirmIrreversible(question, options))) {
              out.note('Nothing was sent to DPS.');
              throw new ReportedFailure('not confirmed');
            }
          }
          const results = await runExports(
            runtime.exportContext({
              onProgress: (id, done, total) => out.progress(`Export ${id}`, done, total),
              ...(chunkSizeBytes ? { chunkSizeBytes } : {}),
            }),
            programme,
          );
          out.endProgress();
          out.result(results, () =>
            results.map((r) => {
              if (r.error) return `${r.programme}: ${r.fileName ?? ''} ${r.recordCount} records — ${r.status ?? 'not sent'}: ${r.error}`;
              if (r.warning) return `${r.programme}: ${r.fileName}, ${r.recordCount} records, message ${r.messageId} — ${r.warning}`;
              if (!r.exportId) return `${r.programme}: no records waiting`;
              return `${r.programme}: ${r.fileName}, ${r.recordCount} records, message ${r.messageId}`;
            }),
          );
          if (results.some((r) => r.error)) throw new ReportedFailure('an export failed');
        }),
      ),
    );

  program
    .command('dps-recover')
    .description('rebuild a lost or damaged export history from the records and MESH tracking; sends nothing')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runCommand(options, async (runtime, out) => {
          const outcome = await recoverExportHistory(runtime.exportContext());
          out.result(outcome, () => [
            ...outcome.exports.map((e) => `Export ${e.exportId} (${e.programme}, ${e.recordCount} records): ${e.status}. ${e.note}`),
            outcome.message,
          ]);
          if (!outcome.recovered) throw new ReportedFailure('recovery incomplete');
        }),
      ),
    );

  program
    .command('dps-track')
    .description('track accepted exports, and apply REPORTs about them')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runCommand(options, async (runtime, out) => {
          // Only exports whose status this run changed are reported (trackExportsAndReports measures it under the lock).
          const tracked = await trackExportsAndReports(runtime.exportContext());
          const changedExports = tracked.changed;
          const reports = tracked.changingReports;
          out.result({ changed: changedExports, reports, problems: tracked.problems }, () => [
            ...changedExports.map((e) => `${e.fileName}: ${e.status}`),
            ...reports.map((r) => `REPORT ${r.reportId}: export ${r.exportId} is ${r.status}`),
            ...tracked.problems.map((p) => `Export ${p.exportId}: ${p.error}`),
            ...(changedExports.length === 0 ? ['No export changed status.'] : []),
          ]);
          if (tracked.problems.length) throw new ReportedFailure('tracking failed for some exports');
        }),
      ),
    );

  program
    .command('exports')
    .description('the DPS export history, newest first')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runCommand(options, async (runtime, out) => {
          const exports = runtime.stores.exports.list().map(exportSummary);
          out.result(exports, () =>
            exports.length
              ? table(
                  ['CREATED', 'PROGRAMME', 'STATUS', 'RECORDS', 'SIZE', 'FILE', 'MESSAGE ID'],
                  exports.map((e) => [
                    e.createdAt.slice(0, 16).replace('T', ' '),
                    e.programme,
                    e.status,
                    String(e.recordCount),
                    formatBytes(e.bytes),
                    e.fileName,
                    e.messageId ?? '',
                  ]),
                )
              : ['No exports yet.'],
          );
        }),
      ),
    );

  program
    .command('records')
    .description('vaccination records held, per programme or listed')
    .option('--programme <p>', 'only this programme')
    .option('--unsent', 'only administered records not yet sent')
    .option('--json', 'machine output')
    .action((options: CommandOptions & { programme?: string; unsent?: boolean }) =>
      run(
        runCommand(options, async (runtime, out) => {
          const programme = programmeOption(options.programme);
          const records = runtime.stores.records.list({
            ...(programme ? { programme } : {}),
            ...(options.unsent ? { unsent: true, administered: true } : {}),
          });
          out.result(records, () => [
            ...table(
              ['RECORDED', 'PROGRAMME', 'NHS NUMBER', 'NAME', 'OUTCOME', 'SENT IN'],
              records.map((r) => [
                r.recorded_at.slice(0, 16).replace('T', ' '),
                r.programme,
                r.nhs_number,
                `${r.given_name} ${r.family_name}`,
                r.outcome,
                runtime.stores.records.sentState(r.record_id)?.exportId ?? '',
              ]),
            ),
            `${records.length} records.`,
          ]);
        }),
      ),
    );

  program
    .command('demo-data <count>')
    .description('write synthetic records (999 test NHS numbers) as CSV, or JSON Lines for .jsonl')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (countText: string, options: { out?: string }) => {
      const out = createOutput(false);
      const count = Number(countText);
      try {
        if (!Number.isInteger(count) || count < 1) throw new UsageError(`The count must be a whole number above 0, not "${countText}".`);
        const format = (options.out && formatFromExtension(options.out)) || 'csv';
        const written = await writeRecords(demoRecords(count, { seed: count }), options.out ?? process.stdout, format);
        if (options.out) out.note(`Wrote ${written.rows} demo records (${formatBytes(written.bytes)}) to ${options.out}.`);
        run(Promise.resolve(EXIT_OK));
      } catch (error) {
        reportError(out, error);
        run(Promise.resolve(error instanceof UsageError ? 2 : 1));
      }
    });
}
