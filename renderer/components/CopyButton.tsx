// Copies a value (a message id, a local id) for the operator to paste elsewhere. The desktop
// window refuses clipboard permissions, so a copy through a selected, hidden text area is the fallback.
import { useState } from 'react';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Refused (no permission): the selection route needs none, only the click that started it.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'app-offscreen';
  document.body.append(area);
  try {
    area.select();
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    area.remove();
  }
}

export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = () =>
    void copyText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <>
      <button type="button" className="app-link-button app-copy-button" aria-label={`Copy the ${what}`} onClick={onClick}>
        Copy
      </button>
      <span role="status" className="app-copy-status">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy: select the id and copy it yourself.' : ''}
      </span>
    </>
  );
}
