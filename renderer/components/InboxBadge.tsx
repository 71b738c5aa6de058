// The header's count of inbox messages never opened: kept up to date by the service's events, so
// messages that arrive are announced rather than silently added to the list.
import { useEffect, useState } from 'react';
import { useConsoleEvents } from '../hooks';

export function InboxBadge({ initial, onOpen }: { initial: number | undefined; onOpen: () => void }) {
  const [unread, setUnread] = useState(initial);
  useEffect(() => {
    if (initial !== undefined) setUnread((current) => current ?? initial);
  }, [initial]);
  useConsoleEvents((event) => {
    if (event.type === 'inbox-changed') setUnread(event.unread);
  });
  if (!unread) return null;
  return (
    <button type="button" className="app-header__badge" onClick={onOpen} data-unread={unread}>
      {unread} new message{unread === 1 ? '' : 's'}
    </button>
  );
}
