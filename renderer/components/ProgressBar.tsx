import { formatBytes } from '../format';

/** A native <progress>: accessible, styled by CSS, no inline styles. */
export function ProgressBar({ label, done, total, bytes = true }: { label: string; done: number; total: number; bytes?: boolean }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="app-progress">
      <label className="nhsuk-label" htmlFor="app-progress-bar">
        {label}
      </label>
      <progress id="app-progress-bar" className="app-progress__bar" max={total > 0 ? total : 1} value={total > 0 ? done : 0}>
        {percent}%
      </progress>
      <p className="app-hint" aria-live="polite">
        {percent}% · {bytes ? `${formatBytes(done)} of ${formatBytes(total)}` : `${done} of ${total}`}
      </p>
    </div>
  );
}
