// A labelled NHS text input with an optional hint.
import { Field } from './Field';

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  type?: 'text' | 'password' | 'url' | 'time' | 'number';
  width?: 10 | 20 | 30;
  autoComplete?: string;
  /** The id of a datalist of suggestions. */
  list?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <input
        id={props.id}
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        list={props.list}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}
