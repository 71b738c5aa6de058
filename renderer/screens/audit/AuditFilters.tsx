// The audit log's filters: search words (applied on Search or Enter), kind, outcome, and a range
// of days (applied at once). Days are UK calendar days, as `mesh-console audit --days` counts them, sent as instants.
import { useState } from 'react';
import { AUDIT_KINDS, ukDayStart, type AuditFilter, type AuditKind } from '../../../preload/api';
import { Field, SelectField, type SelectOption } from '../../components/Field';

export interface AuditFilterForm {
  search: string;
  kind: AuditKind | '';
  outcome: 'ok' | 'failed' | '';
  /** YYYY-MM-DD, as the date inputs give them. */
  fromDay: string;
  toDay: string;
  /** Read the files the log was rotated into too. Not a filter: clearing the filters leaves it as it is. */
  olderFiles: boolean;
}

export const NO_FILTER: AuditFilterForm = { search: '', kind: '', outcome: '', fromDay: '', toDay: '', olderFiles: false };

/** The filter the service takes; a sentence instead when the days are the wrong way round. */
export function toAuditFilter(form: AuditFilterForm): AuditFilter | string {
  if (form.fromDay && form.toDay && form.toDay < form.fromDay) return 'The “to” day is before the “from” day: change one of them.';
  return {
    ...(form.search.trim() ? { search: form.search.trim() } : {}),
    ...(form.kind ? { kind: form.kind } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(form.fromDay ? { since: ukDayStart(form.fromDay) } : {}),
    ...(form.toDay ? { until: ukDayStart(form.toDay, 1) } : {}),
    ...(form.olderFiles ? { olderFiles: true } : {}),
  };
}

export function isFiltered(form: AuditFilterForm): boolean {
  return JSON.stringify({ ...form, olderFiles: false }) !== JSON.stringify(NO_FILTER);
}

const KIND_OPTIONS: readonly SelectOption<AuditFilterForm['kind']>[] = [
  { value: '', label: 'All' },
  ...AUDIT_KINDS.map((kind) => ({ value: kind, label: kind })),
];
const OUTCOME_OPTIONS: readonly SelectOption<AuditFilterForm['outcome']>[] = [
  { value: '', label: 'All' },
  { value: 'ok', label: 'OK' },
  { value: 'failed', label: 'Failed' },
];
const DAY_FIELDS = { fromDay: { id: 'audit-from', label: 'From' }, toDay: { id: 'audit-to', label: 'To' } } as const;

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
      <Field inline id="audit-search" label="Search">
        <input
          id="audit-search"
          className="nhsuk-input app-audit__search"
          type="search"
          placeholder="Id, action, user…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
        Search
      </button>
      <SelectField inline id="audit-kind" label="Kind" value={form.kind} options={KIND_OPTIONS} onChange={(kind) => set({ kind })} />
      <SelectField
        inline
        id="audit-outcome"
        label="Outcome"
        value={form.outcome}
        options={OUTCOME_OPTIONS}
        onChange={(outcome) => set({ outcome })}
      />
      {(['fromDay', 'toDay'] as const).map((day) => (
        <Field inline key={day} id={DAY_FIELDS[day].id} label={DAY_FIELDS[day].label}>
          <input
            id={DAY_FIELDS[day].id}
            className="nhsuk-input app-audit__day"
            type="date"
            value={form[day]}
            onChange={(e) => set({ [day]: e.target.value })}
          />
        </Field>
      ))}
    </form>
  );
}
