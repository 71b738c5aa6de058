// A labelled NHS text input with an optional hint.
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
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="nhsuk-hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
      <input
        id={props.id}
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}`}
        type={props.type ?? 'text'}
        value={props.value}
        aria-describedby={hintId}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        list={props.list}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
