// One labelled control in a toolbar of filters: the NHS form group, kept on the toolbar's line.
// The control is the child, with `id` as its own id (and `${id}-hint` as its aria-describedby when there is a hint).
import type { ReactNode } from 'react';

export function InlineField({ id, label, hint, children }: { id: string; label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="nhsuk-form-group app-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {children}
    </div>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** An InlineField holding a select of these options. */
export function InlineSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}) {
  return (
    <InlineField id={props.id} label={props.label}>
      <select id={props.id} className="nhsuk-select" value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </InlineField>
  );
}
