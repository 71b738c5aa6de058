// A table's header row: one column header per label, and with `actions` a last column for each
// row's buttons, named for screen readers only.
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
