// How an action reports itself: a line while it runs, one sentence when it fails.
import type { ReactNode } from 'react';

export function ErrorMessage({ error, title = 'There is a problem' }: { error: string | undefined; title?: string }) {
  if (!error) return null;
  return (
    <div className="nhsuk-error-summary app-error" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">{title}</h2>
      <div className="nhsuk-error-summary__body">
        <p>{error}</p>
      </div>
    </div>
  );
}

export function Busy({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <p className="app-busy" role="status" aria-live="polite">
      {busy ? (
        <>
          <span className="app-spinner" aria-hidden="true" />
          {children}
        </>
      ) : null}
    </p>
  );
}

export function Loading({ loading, what }: { loading: boolean; what: string }) {
  return <Busy busy={loading}>Loading {what}…</Busy>;
}

interface ActionButtonProps {
  busy: boolean;
  busyLabel: string;
  onClick: () => void;
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  disabled?: boolean;
  small?: boolean;
  type?: 'button' | 'submit';
}

export function ActionButton({
  busy,
  busyLabel,
  onClick,
  children,
  secondary,
  warning,
  disabled,
  small,
  type = 'button',
}: ActionButtonProps) {
  const classes = ['nhsuk-button', 'app-button'];
  if (secondary) classes.push('nhsuk-button--secondary');
  if (warning) classes.push('nhsuk-button--warning');
  if (small) classes.push('nhsuk-button--small');
  return (
    <button type={type} className={classes.join(' ')} onClick={onClick} disabled={busy || disabled} aria-busy={busy}>
      {busy ? busyLabel : children}
    </button>
  );
}

export type TagColour = 'green' | 'red' | 'yellow' | 'grey' | 'blue' | 'orange' | 'white' | 'purple';

export function Tag({ colour, children }: { colour: TagColour; children: ReactNode }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{children}</strong>;
}

export function Warning({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="nhsuk-warning-callout app-warning">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {heading}
        </span>
      </h3>
      {children}
    </div>
  );
}
