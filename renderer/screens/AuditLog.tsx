// Every MESH call and export change, newest first, searchable.
import { useState } from 'react';
import { api } from '../client';
import { Busy, ErrorMessage, Tag } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';

const LIMIT = 500;

export function AuditLogScreen() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const audit = useLoad(() => api().audit({ search: search || undefined, limit: LIMIT }), [search]);
  const entries = [...(audit.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <form
        className="app-toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === search) audit.reload();
          else setSearch(text.trim());
        }}
      >
        <div className="nhsuk-form-group app-inline-field">
          <label className="nhsuk-label" htmlFor="audit-search">
            Search
          </label>
          <div className="nhsuk-hint" id="audit-search-hint">
            A message id, export id, action or any words of the detail.
          </div>
          <input
            id="audit-search"
            className="nhsuk-input nhsuk-input--width-30"
            aria-describedby="audit-search-hint"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
          Search
        </button>
      </form>
      <Busy busy={audit.loading}>Reading the audit log…</Busy>
      <ErrorMessage error={audit.error} title="The audit log could not be read" />
      {audit.data ? (
        <p className="app-count" aria-live="polite">
          {entries.length === LIMIT ? `The newest ${LIMIT} entries` : `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`}
          {search ? ` matching “${search}”` : ''}.
        </p>
      ) : null}
      {entries.length > 0 ? (
        <table className="nhsuk-table app-table app-table--compact" aria-label="Audit log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td className="app-nowrap">{formatDateTime(e.at)}</td>
                <td>{e.kind}</td>
                <td>
                  {e.action}
                  {e.status ? <span className="app-hint app-block">HTTP {e.status}</span> : null}
                </td>
                <td>
                  <Tag colour={e.outcome === 'ok' ? 'green' : 'red'}>{e.outcome === 'ok' ? 'OK' : 'Failed'}</Tag>
                </td>
                <td className="app-break">
                  {e.detail}
                  {e.messageId ? <span className="app-hint app-block app-mono">message {e.messageId}</span> : null}
                  {e.exportId ? <span className="app-hint app-block app-mono">export {e.exportId}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
