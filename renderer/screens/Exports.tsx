// The DPS export: unsent records, run now, import, history and its chart.
import { useState } from 'react';
import type { ExportRecoveryResult, ExportRunResult, ImportResult, Overview, Programme, RecordSummary } from '../../preload/api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EnvironmentBadge } from '../components/EnvironmentBadge';
import { PROGRAMMES } from '../../preload/api';
import { api } from '../client';
import { ActionButton, Busy, ErrorMessage } from '../components/feedback';
import { ExportChart } from '../components/ExportChart';
import { ExportTable } from '../components/ExportTable';
import { ImportOutcome } from '../components/ImportOutcome';
import { SelectField, type SelectOption } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { ProgressBar } from '../components/ProgressBar';
import { ExportStatusTag } from '../components/status';
import { TableHead } from '../components/TableHead';
import { PROGRAMME_LABELS } from '../format';
import { useAction, useConsoleEvents, useLoad } from '../hooks';
import type { Navigate } from '../navigation';

const PROGRAMME_OPTIONS: readonly SelectOption<Programme | 'all'>[] = [
  { value: 'all', label: 'All programmes' },
  ...PROGRAMMES.map((p) => ({ value: p, label: PROGRAMME_LABELS[p] })),
];

export function ExportsScreen({ navigate }: { navigate: Navigate }) {
  const records = useLoad(() => api().records());
  const exports = useLoad(() => api().exports());
  const historyCheck = useLoad(() => api().exportHistoryCheck());
  const recovery = useAction();
  const [recovered, setRecovered] = useState<ExportRecoveryResult>();
  const run = useAction();
  const importing = useAction();
  const tracking = useAction();
  const [programme, setProgramme] = useState<Programme | 'all'>('all');
  const [runResults, setRunResults] = useState<ExportRunResult[]>();
  const [imported, setImported] = useState<ImportResult | null>();
  const [importProgress, setImportProgress] = useState<{ done: number; total: number }>();

  useConsoleEvents((event) => {
    if (event.type === 'export-status') exports.reload();
    if (event.type === 'progress' && event.operation === 'importRecords') setImportProgress({ done: event.done, total: event.total });
  });

  const reloadAll = () => {
    records.reload();
    exports.reload();
    historyCheck.reload();
  };

  const onRecover = () =>
    void recovery
      .run(() => api().recoverExportHistory())
      .then((result) => {
        if (result) setRecovered(result);
        reloadAll();
      });

  const [confirm, setConfirm] = useState<{ overview: Overview; counts: RecordSummary[] }>();

  const send = () =>
    void run
      .run(() => api().runExport(programme === 'all' ? undefined : programme))
      .then((results) => {
        if (results) setRunResults(results);
        reloadAll();
      });

  // Patient data leaves for DPS: say where from, where to, in which environment and how many records, and ask.
  const onRun = () =>
    void run
      .run(async () => {
        const [overview, summary, check] = await Promise.all([api().overview(), api().records(), api().exportHistoryCheck()]);
        const counts = summary.filter((r) => (programme === 'all' || r.programme === programme) && r.unsent > 0);
        return { overview, counts, refused: Boolean(check.problem) };
      })
      .then((found) => {
        if (!found) return;
        // Nothing to send, or a damaged history (the export refuses with its sentence): nothing to ask.
        if (found.counts.length === 0 || found.refused) send();
        else setConfirm(found);
      });

  const onImport = () => {
    setImportProgress(undefined);
    void importing
      .run(() => api().importRecords())
      .then((result) => {
        setImportProgress(undefined);
        setImported(result);
        records.reload();
      });
  };

  return (
    <>
      <PageHeading>DPS exports</PageHeading>

      {historyCheck.data?.problem ? (
        <section className="nhsuk-warning-callout app-section" aria-labelledby="history-problem-heading">
          <h2 id="history-problem-heading" className="nhsuk-warning-callout__label">
            Exports are stopped: the history needs rebuilding
          </h2>
          <p>{historyCheck.data.problem}</p>
          <ActionButton busy={recovery.busy} busyLabel="Asking MESH…" onClick={onRecover}>
            Recover history
          </ActionButton>
          <ErrorMessage error={recovery.error} title="The history could not be recovered" />
        </section>
      ) : null}
      {recovered ? (
        <p className="app-hint" role="status">
          {recovered.message}
        </p>
      ) : null}

      <section aria-labelledby="records-heading" className="app-section">
        <h2 id="records-heading" className="nhsuk-heading-m">
          Records waiting to be sent
        </h2>
        <Busy busy={records.loading}>Counting records…</Busy>
        <ErrorMessage error={records.error} title="The records could not be counted" />
        {records.data ? (
          <table className="nhsuk-table app-table" aria-label="Records per programme">
            <TableHead columns={['Programme', 'Unsent', 'All records']} />
            <tbody>
              {records.data.map((r) => (
                <tr key={r.programme}>
                  <td>{PROGRAMME_LABELS[r.programme]}</td>
                  <td>{r.unsent}</td>
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        <div className="app-toolbar">
          <SelectField
            inline
            id="run-programme"
            label="Programme to export"
            value={programme}
            options={PROGRAMME_OPTIONS}
            onChange={setProgramme}
          />
          <ActionButton busy={run.busy} busyLabel="Exporting…" onClick={onRun}>
            Run export now
          </ActionButton>
          <ActionButton secondary busy={importing.busy} busyLabel="Importing…" onClick={onImport}>
            Import records from a file
          </ActionButton>
        </div>
        <p className="app-hint">
          Records come in as CSV or JSON Lines; a file with any invalid row is refused whole, with each row’s problem listed.
        </p>
        {confirm ? (
          <ExportConfirm
            overview={confirm.overview}
            counts={confirm.counts}
            onCancel={() => setConfirm(undefined)}
            onSend={() => {
              setConfirm(undefined);
              send();
            }}
          />
        ) : null}
        <Busy busy={run.busy}>Building the files and sending them to DPS…</Busy>
        <ErrorMessage error={run.error} title="The export did not run" />
        {runResults ? <RunResults results={runResults} navigate={navigate} /> : null}
        {importing.busy && importProgress ? (
          <ProgressBar label="Importing" bytes={false} done={importProgress.done} total={importProgress.total} />
        ) : null}
        <ErrorMessage error={importing.error} title="The records were not imported" />
        {imported === null ? <p className="app-hint">Nothing imported: the file dialog was cancelled.</p> : null}
        {imported ? <ImportOutcome result={imported} /> : null}
      </section>

      <section aria-labelledby="history-heading" className="app-section">
        <h2 id="history-heading" className="nhsuk-heading-m">
          Export history
        </h2>
        <div className="app-toolbar">
          <ActionButton
            secondary
            small
            busy={tracking.busy}
            busyLabel="Checking with MESH…"
            onClick={() => void tracking.run(() => api().trackExports()).then(() => exports.reload())}
          >
            Check delivery with MESH
          </ActionButton>
        </div>
        <ErrorMessage error={tracking.error} title="Delivery could not be checked" />
        <Busy busy={exports.loading}>Loading the history…</Busy>
        <ErrorMessage error={exports.error} title="The history could not be read" />
        {exports.data && exports.data.length > 0 ? (
          <>
            <ExportChart exports={exports.data} />
            <ExportTable exports={exports.data} navigate={navigate} label="Export history" full />
          </>
        ) : exports.data ? (
          <p>No exports yet.</p>
        ) : null}
      </section>
    </>
  );
}

function RunResults({ results, navigate }: { results: ExportRunResult[]; navigate: Navigate }) {
  return (
    <div className="app-result" role="status">
      <h3 className="nhsuk-heading-s">Export results</h3>
      <ul className="nhsuk-list">
        {results.map((r) => (
          <li key={r.programme}>
            <strong>{PROGRAMME_LABELS[r.programme]}:</strong>{' '}
            {r.error ? (
              <span className="app-error-text">{r.error}</span>
            ) : r.recordCount === 0 ? (
              'no unsent records, nothing sent.'
            ) : (
              <>
                {r.recordCount} record{r.recordCount === 1 ? '' : 's'} in {r.fileName}
                {r.status ? (
                  <>
                    {' '}
                    <ExportStatusTag status={r.status} />
                  </>
                ) : null}
                {r.exportId ? (
                  <>
                    {' '}
                    <button type="button" className="app-link-button" onClick={() => navigate({ screen: 'export', id: r.exportId! })}>
                      Open
                    </button>
                  </>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExportConfirm({
  overview,
  counts,
  onSend,
  onCancel,
}: {
  overview: Overview;
  counts: RecordSummary[];
  onSend: () => void;
  onCancel: () => void;
}) {
  const total = counts.reduce((sum, r) => sum + r.unsent, 0);
  const production = overview.environment === 'production';
  return (
    <ConfirmDialog
      title={`Send ${total} record${total === 1 ? '' : 's'} to DPS?`}
      production={production}
      actions={[{ label: `Send ${total} record${total === 1 ? '' : 's'} to DPS`, onClick: onSend, warning: production }]}
      onCancel={onCancel}
    >
      <p>
        {overview.sandbox
          ? 'This is the local sandbox, so the files stay on this computer.'
          : 'These are patient records, and once MESH accepts a file it cannot be recalled.'}
      </p>
      <dl className="nhsuk-summary-list app-summary">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Environment</dt>
          <dd className="nhsuk-summary-list__value">
            <EnvironmentBadge environment={overview.environment} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">From mailbox</dt>
          <dd className="nhsuk-summary-list__value">{overview.mailbox || 'No mailbox set'}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">To DPS mailbox</dt>
          <dd className="nhsuk-summary-list__value">{overview.dpsMailbox || 'No DPS mailbox set'}</dd>
        </div>
      </dl>
      <table className="nhsuk-table app-table" aria-label="Records to send per programme">
        <TableHead columns={['Programme', 'Records']} />
        <tbody>
          {counts.map((r) => (
            <tr key={r.programme}>
              <td>{PROGRAMME_LABELS[r.programme]}</td>
              <td>{r.unsent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConfirmDialog>
  );
}
