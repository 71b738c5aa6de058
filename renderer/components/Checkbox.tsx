// A single labelled NHS checkbox with an optional hint.
export function Checkbox(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  return (
    <div className="nhsuk-form-group">
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={props.id}
            type="checkbox"
            checked={props.checked}
            onChange={(e) => props.onChange(e.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={props.id}>
            {props.label}
          </label>
          {props.hint ? <div className="nhsuk-hint nhsuk-checkboxes__hint">{props.hint}</div> : null}
        </div>
      </div>
    </div>
  );
}
