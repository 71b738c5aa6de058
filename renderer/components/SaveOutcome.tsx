// What became of a "save to a file": where it went, or that the dialog was cancelled (null).
import type { SavedFile } from '../../preload/api';
import { formatBytes } from '../format';

export function SaveOutcome({ saved }: { saved: SavedFile | null | undefined }) {
  if (saved === null) return <p className="app-hint">Not saved: the save dialog was cancelled.</p>;
  if (!saved) return null;
  return (
    <p className="app-result" role="status">
      Saved {formatBytes(saved.bytes)} to {saved.path}.
    </p>
  );
}
