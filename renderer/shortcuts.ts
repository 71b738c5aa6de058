// Every keyboard shortcut of the console, listed in one place: the shortcuts list (the ? key, or
// the header's button) shows this table, and the screens bind the same keys.
import { useEffect, useRef } from 'react';

export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: { where: string; shortcuts: Shortcut[] }[] = [
  {
    where: 'Anywhere',
    shortcuts: [{ keys: ['?'], does: 'Show these keyboard shortcuts' }],
  },
  {
    where: 'Inbox',
    shortcuts: [
      { keys: ['/'], does: 'Search the messages' },
      { keys: ['↑', '↓'], does: 'Move to the message above or below' },
      { keys: ['Page Up', 'Page Down'], does: 'Move a screenful' },
      { keys: ['Home', 'End'], does: 'Move to the first or last message' },
      { keys: ['Space'], does: 'Select or unselect the message' },
      { keys: ['Ctrl+A'], does: 'Select or unselect every message' },
      { keys: ['Enter'], does: 'Open the message' },
    ],
  },
  {
    where: 'A message',
    shortcuts: [
      { keys: ['n'], does: 'Next message, in the inbox’s order' },
      { keys: ['p'], does: 'Previous message' },
      { keys: ['Esc'], does: 'Back to the inbox' },
    ],
  },
];

/** True when the key press is meant for a field, a button or a dialog, not for a page shortcut. */
function meantForSomethingElse(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.closest('[role=dialog], [role=alertdialog]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Calls `handler` for page-level key presses (not while typing in a field or answering a dialog). */
export function usePageKeys(handler: (key: string) => boolean | void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (meantForSomethingElse(event)) return;
      if (ref.current(event.key) === true) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
