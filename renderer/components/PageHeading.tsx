import type { ReactNode } from 'react';

/** The screen's h1, focusable so navigation can move focus to it. */
export function PageHeading({ children, caption }: { children: ReactNode; caption?: string }) {
  return (
    <div className="app-page-heading">
      {caption ? <span className="nhsuk-caption-l">{caption}</span> : null}
      <h1 className="nhsuk-heading-l" tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}
