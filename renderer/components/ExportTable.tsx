// A table of DPS exports, each file name opening its detail: the whole history on the exports
// screen, a short form (file, records, status, updated) on the overview.
import type { ExportSummary } from '../../preload/api';
import { formatDateTime, PROGRAMME_LABELS } from '../format';
import type { Navigate } from '../navigation';
import { ExportStatusTag } from './status';
import { TableHead } from './TableHead';

const SHORT_COLUMNS = ['File', 'Records', 'Status', 'Updated'];
const FULL_COLUMNS = ['Created', 'Programme', 'File', 'Records', 'Status', 'Message id', 'Updated'];

export function ExportTable({
  exports,
  navigate,
  label,
  full,
}: {
  exports: ExportSummary[];
  navigate: Navigate;
  label: string;
  full: boolean;
}) {
  return (
    <table className={full ? 'nhsuk-table app-table app-table--compact' : 'nhsuk-table app-table'} aria-label={label}>
      <TableHead columns={full ? FULL_COLUMNS : SHORT_COLUMNS} />
      <tbody>
        {exports.map((e) => (
          <tr key={e.id} data-export-id={e.id}>
            {full ? <td className="app-nowrap">{formatDateTime(e.createdAt)}</td> : null}
            {full ? <td>{PROGRAMME_LABELS[e.programme]}</td> : null}
            <td>
              <button type="button" className="app-link-button" onClick={() => navigate({ screen: 'export', id: e.id })}>
                {e.fileName}
              </button>
            </td>
            <td>{e.recordCount}</td>
            <td>
              <ExportStatusTag status={e.status} />
              {full && e.lastError ? <span className="app-error-text app-block">{e.lastError}</span> : null}
            </td>
            {full ? <td className="app-mono">{e.messageId ?? '—'}</td> : null}
            <td className={full ? 'app-nowrap' : undefined}>{formatDateTime(e.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
