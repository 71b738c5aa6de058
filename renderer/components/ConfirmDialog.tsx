// Asks before something that cannot be undone. A modal alert dialog: focus starts on the safe
// choice (Cancel), Escape cancels, and the page behind cannot be used until it is answered.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The buttons that go ahead, first one primary; each says exactly what it does. */
  actions: { label: string; onClick: () => void; warning?: boolean; secondary?: boolean }[];
  onCancel: () => void;
  cancelLabel?: string;
  /** Production dialogs carry the production red. */
  production?: boolean;
}

export function ConfirmDialog({ title, children, actions, onCancel, cancelLabel = 'Cancel', production }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="app-dialog-backdrop">
      <div
        className={production ? 'app-dialog app-dialog--production' : 'app-dialog'}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h2 id={titleId} className="nhsuk-heading-m">
          {title}
        </h2>
        <div id={bodyId} className="app-dialog__body">
          {children}
        </div>
        <div className="app-dialog__actions">
          {actions.map((action) => {
            const classes = ['nhsuk-button', 'app-button'];
            if (action.warning) classes.push('nhsuk-button--warning');
            if (action.secondary) classes.push('nhsuk-button--secondary');
            return (
              <button key={action.label} type="button" className={classes.join(' ')} onClick={action.onClick}>
                {action.label}
              </button>
            );
          })}
          <button ref={cancelRef} type="button" className="nhsuk-button nhsuk-button--secondary app-button" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
