// A message being saved: by bytes when its size is known (it was opened before), else by chunks,
// since MESH tells a message's size only by sending it.
import { ProgressBar } from './ProgressBar';
import { formatBytes } from '../format';

export interface DownloadProgressState {
  done: number;
  total: number;
  chunk?: { index: number; count: number };
}

export function DownloadProgress({ progress, label = 'Saving the message' }: { progress: DownloadProgressState; label?: string }) {
  const { done, total, chunk } = progress;
  if (total > 0) return <ProgressBar label={label} done={done} total={total} />;
  const count = chunk?.count ?? 1;
  const index = chunk?.index ?? 1;
  return (
    <div className="app-progress">
      <label className="nhsuk-label" htmlFor="app-download-progress">
        {label}
      </label>
      <progress id="app-download-progress" className="app-progress__bar" max={count} value={index - 1}>
        chunk {index} of {count}
      </progress>
      <p className="app-hint" aria-live="polite">
        Chunk {index} of {count} · {formatBytes(done)} so far
      </p>
    </div>
  );
}
