// The list of keyboard shortcuts (renderer/shortcuts.ts), as a dialog: Escape or Close leaves it.
import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from '../shortcuts';

export function KeyboardShortcuts({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="app-dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="app-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <h2 id={titleId} className="nhsuk-heading-m">
          Keyboard shortcuts
        </h2>
        {SHORTCUTS.map((group) => (
          <table key={group.where} className="nhsuk-table app-table app-shortcuts">
            <caption className="nhsuk-table__caption">{group.where}</caption>
            <tbody className="nhsuk-table__body">
              {group.shortcuts.map((shortcut) => (
                <tr key={shortcut.does} className="nhsuk-table__row">
                  <th scope="row" className="nhsuk-table__cell app-nowrap">
                    {shortcut.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </th>
                  <td className="nhsuk-table__cell">{shortcut.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="app-dialog__actions">
          <button ref={closeRef} type="button" className="nhsuk-button nhsuk-button--secondary app-button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
