// Messages main pushes while the operator works (job results, alerts), until dismissed.
export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: string) => void }) {
  return (
    <div className="app-notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`app-notice app-notice--${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="app-link-button" onClick={() => onDismiss(notice.id)}>
            Dismiss<span className="nhsuk-u-visually-hidden"> this notice</span>
          </button>
        </div>
      ))}
    </div>
  );
}
