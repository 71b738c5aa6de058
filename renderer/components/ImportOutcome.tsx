// The outcome of a records import: counts, or the row-by-row reasons a file was refused.
import type { ExpectedColumns as Columns, ImportResult } from '../../preload/api';
import { importRefusal } from '../../preload/api';
import { ErrorMessage } from './feedback';
import { TableHead } from './TableHead';

export function ImportOutcome({ result }: { result: ImportResult }) {
  if (!result.ok) {
    const refusal = importRefusal(result);
    return (
      <>
        <ErrorMessage title={`${result.fileName} was refused`} error={refusal.sentence} />
        {refusal.rowProblems ? (
          <table className="nhsuk-table app-table app-table--compact" aria-label="Rows refused">
            <TableHead columns={['Line', 'Field', 'Problem']} />
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.field}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {refusal.expectedColumns ? <ExpectedColumns columns={refusal.expectedColumns} /> : null}
      </>
    );
  }
  return (
    <div className="nhsuk-inset-text app-inset" role="status">
      <p>
        Imported {result.fileName}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged.
      </p>
      {result.changedAfterSent.length > 0 ? (
        <>
          <p>These records were already sent and differ in the file; they are reported here, not sent again:</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {result.changedAfterSent.map((c) => (
              <li key={c.recordId}>
                {c.recordId}: {c.fields.join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function ExpectedColumns({ columns }: { columns: Columns }) {
  return (
    <section aria-label="Expected columns">
      <h2 className="nhsuk-heading-s">Expected columns (comma separated, in any order)</h2>
      <p>
        Required: <span className="app-mono">{columns.required.join(', ')}</span>
      </p>
      <p>
        Optional: <span className="app-mono">{columns.optional.join(', ')}</span>
      </p>
    </section>
  );
}
