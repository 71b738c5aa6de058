// A labelled NHS form field: the form group, its label and hint, and the control as the child,
// with `id` as the control's own id (and `${id}-hint` as its aria-describedby when there is a hint).
// `inline` keeps it on a toolbar's line, as the filters above a list are.
import type { ReactNode } from 'react';

export function Field(props: { id: string; label: string; hint?: ReactNode; inline?: boolean; children: ReactNode }) {
  return (
    <div className={props.inline ? 'nhsuk-form-group app-inline-field' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="nhsuk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.children}
    </div>
  );
}

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A Field holding a select of these options. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  inline?: boolean;
}) {
  return (
    <Field id={props.id} label={props.label} inline={props.inline}>
      <select id={props.id} className="nhsuk-select" value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
