// The audit log's filters: search words (applied on Search or Enter), kind, outcome, and a range
// of days (applied at once). Days are the operator's own calendar days, sent as instants.
import { useState } from 'react';
import { AUDIT_KINDS, type AuditFilter, type AuditKind } from '../../../preload/api';

export interface AuditFilterForm {
  search: string;
  kind: AuditKind | '';
  outcome: 'ok' | 'failed' | '';
  /** YYYY-MM-DD, as the date inputs give them. */
  fromDay: string;
  toDay: string;
}

export const NO_FILTER: AuditFilterForm = { search: '', kind: '', outcome: '', fromDay: '', toDay: '' };

function startOfDay(day: string, plusDays = 0): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

/** The filter the service takes; a sentence instead when the days are the wrong way round. */
export function toAuditFilter(form: AuditFilterForm): AuditFilter | string {
  if (form.fromDay && form.toDay && form.toDay < form.fromDay) return 'The “to” day is before the “from” day: change one of them.';
  return {
    ...(form.search.trim() ? { search: form.search.trim() } : {}),
    ...(form.kind ? { kind: form.kind } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(form.fromDay ? { since: startOfDay(form.fromDay) } : {}),
    ...(form.toDay ? { until: startOfDay(form.toDay, 1) } : {}),
  };
}

export function isFiltered(form: AuditFilterForm): boolean {
  return JSON.stringify(form) !== JSON.stringify(NO_FILTER);
}

export function AuditFilters({ form, onChange }: { form: AuditFilterForm; onChange: (form: AuditFilterForm) => void }) {
  const [text, setText] = useState(form.search);
  const set = (patch: Partial<AuditFilterForm>) => onChange({ ...form, ...patch });
  return (
    <form
      className="app-toolbar app-audit__filters"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        set({ search: text });
      }}
    >
      <div className="nhsuk-form-group app-inline-field">
        <label className="nhsuk-label" htmlFor="audit-search">
          Search
        </label>
        <input
          id="audit-search"
          className="nhsuk-input app-audit__search"
          type="search"
          placeholder="Id, action, user…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
        Search
      </button>
      <div className="nhsuk-form-group app-inline-field">
        <label className="nhsuk-label" htmlFor="audit-kind">
          Kind
        </label>
        <select
          id="audit-kind"
          className="nhsuk-select"
          value={form.kind}
          onChange={(e) => set({ kind: e.target.value as AuditKind | '' })}
        >
          <option value="">All</option>
          {AUDIT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group app-inline-field">
        <label className="nhsuk-label" htmlFor="audit-outcome">
          Outcome
        </label>
        <select
          id="audit-outcome"
          className="nhsuk-select"
          value={form.outcome}
          onChange={(e) => set({ outcome: e.target.value as AuditFilterForm['outcome'] })}
        >
          <option value="">All</option>
          <option value="ok">OK</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      <div className="nhsuk-form-group app-inline-field">
        <label className="nhsuk-label" htmlFor="audit-from">
          From
        </label>
        <input
          id="audit-from"
          className="nhsuk-input app-audit__day"
          type="date"
          value={form.fromDay}
          onChange={(e) => set({ fromDay: e.target.value })}
        />
      </div>
      <div className="nhsuk-form-group app-inline-field">
        <label className="nhsuk-label" htmlFor="audit-to">
          To
        </label>
        <input
          id="audit-to"
          className="nhsuk-input app-audit__day"
          type="date"
          value={form.toDay}
          onChange={(e) => set({ toDay: e.target.value })}
        />
      </div>
    </form>
  );
}
