// Every MESH call, export change, import, settings change and job run: one line each, newest
// first, filtered and searched in main a page at a time; the active row's details below; the
// filtered rows saved as CSV. "Include older files" reads the files the log was rotated into too.
import { useMemo, useState } from 'react';
import { AUDIT_OLDER_FILES_ROWS, AUDIT_SOURCE_WORDS, type AuditEntry, type SavedFile } from '../../preload/api';
import { api } from '../client';
import { Checkbox } from '../components/Checkbox';
import { ActionButton, ErrorMessage } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format';
import { useAction } from '../hooks';
import { AuditFilters, isFiltered, NO_FILTER, toAuditFilter, type AuditFilterForm } from './audit/AuditFilters';
import { AuditGrid } from './audit/AuditGrid';
import { useAuditPages, type AuditRows } from './audit/useAuditPages';
import '../styles/audit.css';

const count = (n: number) => n.toLocaleString('en-GB');
const files = (n: number) => `${count(n)} older file${n === 1 ? '' : 's'}`;

function countLine(rows: AuditRows, filtered: boolean, olderFiles: boolean): string {
  if (!rows.ready) return olderFiles ? 'Reading the audit log and its older files…' : 'Reading the audit log…';
  const where = olderFiles ? ` in the log and its ${files(rows.olderFiles)}` : '';
  if (filtered) return `${count(rows.total + rows.notPaged)} of ${count(rows.held)} entries${where} match.`;
  return `${count(rows.held)} entr${rows.held === 1 ? 'y' : 'ies'}${where}, newest first.`;
}

function EntryDetails({ entry }: { entry: AuditEntry | undefined }) {
  if (!entry) return null;
  const rows: [string, string | undefined][] = [
    ['When', `${formatDateTime(entry.at)} (${entry.at})`],
    ['What', `${entry.kind}: ${entry.action}`],
    ['Outcome', entry.outcome === 'ok' ? 'OK' : 'Failed'],
    ['HTTP status', entry.status?.toString()],
    ['Detail', entry.detail],
    ['Message id', entry.messageId],
    ['Export id', entry.exportId],
    ['Who', entry.user ?? 'not recorded (an entry from before the console kept it)'],
    ['From', entry.source ? AUDIT_SOURCE_WORDS[entry.source] : 'not recorded'],
  ];
  return (
    <section className="app-audit__details" aria-label="Entry details">
      <h2 className="nhsuk-heading-s">Details</h2>
      <dl className="nhsuk-summary-list app-audit__summary">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
          .map(([label, value]) => (
            <div key={label} className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">{label}</dt>
              <dd className="nhsuk-summary-list__value app-break">{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

export function AuditLogScreen() {
  const [form, setForm] = useState<AuditFilterForm>(NO_FILTER);
  const [active, setActive] = useState(0);
  const [saved, setSaved] = useState<SavedFile | null>();
  const filterOrProblem = useMemo(() => toAuditFilter(form), [form]);
  const filter = typeof filterOrProblem === 'string' ? {} : filterOrProblem;
  const rows = useAuditPages(filter);
  const save = useAction();
  const filtered = isFiltered(form);

  const onFilter = (next: AuditFilterForm) => {
    setForm(next);
    setActive(0);
    setSaved(undefined);
  };

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <AuditFilters form={form} onChange={onFilter} />
      {typeof filterOrProblem === 'string' ? <ErrorMessage error={filterOrProblem} title="These days cannot be shown" /> : null}
      <ErrorMessage error={rows.error} title="The audit log could not be read" />
      <div className="app-audit__bar">
        <p className="app-count" aria-live="polite">
          {countLine(rows, filtered, form.olderFiles)}
        </p>
        {filtered ? (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => onFilter({ ...NO_FILTER, olderFiles: form.olderFiles })}
          >
            Clear filters
          </button>
        ) : null}
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={rows.reload}>
          Refresh
        </button>
        <ActionButton
          small
          busy={save.busy}
          busyLabel="Saving…"
          disabled={!rows.ready || rows.total === 0 || typeof filterOrProblem === 'string'}
          onClick={() => void save.run(() => api().saveAuditCsv(filter)).then((result) => result !== undefined && setSaved(result))}
        >
          {rows.ready ? `Save ${count(rows.total)} rows as CSV` : 'Save rows as CSV'}
        </ActionButton>
      </div>
      {rows.olderFiles > 0 || form.olderFiles ? (
        <Checkbox
          id="audit-older-files"
          label={`Include older files (${files(rows.olderFiles)})`}
          hint="The files the log was rotated into when it grew past 32 MB, read from disk."
          checked={form.olderFiles}
          onChange={(olderFiles) => onFilter({ ...form, olderFiles })}
        />
      ) : null}
      {rows.ready && rows.notPaged > 0 ? (
        <p className="app-hint" role="status">
          The newest {count(AUDIT_OLDER_FILES_ROWS)} of {count(rows.total + rows.notPaged)} matching entries are shown (and saved as CSV):
          narrow the filters to reach older ones, or use mesh-console audit --older-files.
        </p>
      ) : null}
      <ErrorMessage error={save.error} title="The rows were not saved" />
      {saved ? (
        <p className="app-audit__saved" role="status">
          Saved {count(rows.total)} rows to {saved.path}.
        </p>
      ) : null}
      <AuditGrid rows={rows} active={active} onActive={setActive} />
      <EntryDetails entry={rows.entryAt(active)} />
    </>
  );
}
