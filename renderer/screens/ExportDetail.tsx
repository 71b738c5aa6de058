// One export: its status history, retry, and its CSV saved where the operator chooses.
import { useState } from 'react';
import type { ExportRunResult, SavedFile } from '../../preload/api';
import { api } from '../client';
import { ActionButton, ErrorMessage, Loading } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { SaveOutcome } from '../components/SaveOutcome';
import { ExportStatusTag, isExportFailure } from '../components/status';
import { SummaryRow } from '../components/SummaryRow';
import { TableHead } from '../components/TableHead';
import { formatBytes, formatDateTime, PROGRAMME_LABELS } from '../format';
import { useAction, useConsoleEvents, useLoad } from '../hooks';
import type { Navigate } from '../navigation';

export function ExportDetailScreen({ id, navigate }: { id: string; navigate: Navigate }) {
  const detail = useLoad(() => api().exportDetail(id), [id]);
  const retry = useAction();
  const save = useAction();
  const [retried, setRetried] = useState<ExportRunResult>();
  const [saved, setSaved] = useState<SavedFile | null>();

  useConsoleEvents((event) => {
    if (event.type === 'export-status' && event.exportId === id) detail.reload();
  });

  const d = detail.data;
  return (
    <>
      <button type="button" className="app-back-link app-link-button" onClick={() => navigate({ screen: 'exports' })}>
        Back to DPS exports
      </button>
      <PageHeading caption="DPS export">{d?.fileName ?? id}</PageHeading>
      <Loading loading={detail.loading && !d} what="the export" />
      <ErrorMessage error={detail.error} title="The export could not be read" />
      {d ? (
        <>
          <div className="app-actions">
            {isExportFailure(d.status) ? (
              <ActionButton
                busy={retry.busy}
                busyLabel="Sending again…"
                onClick={() =>
                  void retry
                    .run(() => api().retryExport(id))
                    .then((r) => {
                      if (r) setRetried(r);
                      detail.reload();
                    })
                }
              >
                Retry this export
              </ActionButton>
            ) : null}
            <ActionButton
              secondary
              busy={save.busy}
              busyLabel="Saving…"
              onClick={() => void save.run(() => api().saveExportCsv(id)).then(setSaved)}
            >
              Save the CSV
            </ActionButton>
          </div>
          <ErrorMessage error={retry.error} title="The export was not sent again" />
          <ErrorMessage error={save.error} title="The CSV could not be saved" />
          {retried ? (
            <p className="app-result" role="status">
              {retried.error ? retried.error : `Sent again${retried.messageId ? ` as message ${retried.messageId}` : ''}.`}
            </p>
          ) : null}
          <SaveOutcome saved={saved} />

          <dl className="nhsuk-summary-list app-summary">
            <SummaryRow label="Status">
              <ExportStatusTag status={d.status} />
            </SummaryRow>
            {d.lastError ? <SummaryRow label="Problem">{d.lastError}</SummaryRow> : null}
            {d.reportCode ? <SummaryRow label="REPORT code">{d.reportCode}</SummaryRow> : null}
            <SummaryRow label="Programme">{PROGRAMME_LABELS[d.programme]}</SummaryRow>
            <SummaryRow label="Records">{d.recordCount}</SummaryRow>
            <SummaryRow label="Size">{formatBytes(d.bytes)}</SummaryRow>
            <SummaryRow label="Local id">{d.localId}</SummaryRow>
            <SummaryRow label="MESH message id">{d.messageId ?? 'Not sent yet'}</SummaryRow>
            <SummaryRow label="Created">{formatDateTime(d.createdAt)}</SummaryRow>
            <SummaryRow label="Updated">{formatDateTime(d.updatedAt)}</SummaryRow>
          </dl>

          <h2 className="nhsuk-heading-m">Status history</h2>
          <table className="nhsuk-table app-table" aria-label="Status history">
            <TableHead columns={['When', 'Status', 'Note']} />
            <tbody>
              {d.history.map((h, i) => (
                <tr key={i}>
                  <td>{formatDateTime(h.at)}</td>
                  <td>
                    <ExportStatusTag status={h.status} />
                  </td>
                  <td>{h.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
