// Messages main pushes while the operator works (job results, alerts): each said once (a later word
// on the same topic, or the same words again, replaces it), gone when what it reported is fixed or
// when dismissed. They sit in the page's flow above the screen, so they never cover its buttons.
import { useEffect, useState } from 'react';
import type { ConsoleEvent } from '../../preload/api';
import { useConsoleEvents } from '../hooks';

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  text: string;
  topic?: string;
}

/** At most this many notices at once: the newest. */
const MAX_NOTICES = 5;

let counter = 0;

/** The notice an event says, if it says one. */
export function noticeOf(event: ConsoleEvent): Notice | undefined {
  if (event.type === 'messages-arrived') {
    const arrived = `${event.count === 1 ? 'A new message has' : `${event.count} new messages have`} arrived`;
    // A background profile's arrivals are its own notice, beside (not replacing) those of the profile on screen.
    if (event.profile)
      return {
        id: `notice-${++counter}`,
        level: 'info',
        text: `${arrived} in the inbox of profile ${event.profile}.`,
        topic: `messages-arrived:${event.profile}`,
      };
    return { id: `notice-${++counter}`, level: 'info', text: `${arrived} in the inbox.`, topic: 'messages-arrived' };
  }
  if (event.type !== 'notice' && event.type !== 'alert') return undefined;
  const level = event.type === 'alert' ? 'warning' : event.level;
  const text = event.type === 'alert' ? `${event.title}: ${event.text}` : event.text;
  return { id: `notice-${++counter}`, level, text, ...(event.topic ? { topic: event.topic } : {}) };
}

/** Where a notice waits for the page that follows a reload (the profile on screen removed elsewhere). */
const CARRIED_NOTICE = 'mesh-console:carried-notice';

/** Keeps `text` for the page that follows this one's reload, which shows it once. */
export function carryNotice(text: string): void {
  try {
    sessionStorage.setItem(CARRIED_NOTICE, text);
  } catch {
    // Without storage the notice is simply not carried over.
  }
}

function carriedNotices(): Notice[] {
  try {
    const text = sessionStorage.getItem(CARRIED_NOTICE);
    return text ? [{ id: `notice-${++counter}`, level: 'info', text }] : [];
  } catch {
    return [];
  }
}

/** The notices on screen, kept from the console's events (and one carried over a reload). */
export function useNotices(): { notices: Notice[]; dismiss: (id: string) => void } {
  const [notices, setNotices] = useState<Notice[]>(carriedNotices);
  // Shown once: a later reload (the operator's) does not show it again.
  useEffect(() => {
    try {
      sessionStorage.removeItem(CARRIED_NOTICE);
    } catch {
      // Nothing was carried.
    }
  }, []);
  useConsoleEvents((event) => {
    if (event.type === 'resolved') {
      setNotices((list) => list.filter((n) => n.topic !== event.topic));
      return;
    }
    const notice = noticeOf(event);
    if (!notice) return;
    const same = (n: Notice) => (notice.topic ? n.topic === notice.topic : n.text === notice.text);
    setNotices((list) => [...list.filter((n) => !same(n)), notice].slice(-MAX_NOTICES));
  });
  return { notices, dismiss: (id) => setNotices((list) => list.filter((n) => n.id !== id)) };
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: string) => void }) {
  return (
    <div className="app-notices" aria-live="polite" aria-label="Notices" role="region" hidden={notices.length === 0}>
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`app-notice app-notice--${notice.level}`}
          role={notice.level === 'error' ? 'alert' : 'status'}
          {...(notice.topic ? { 'data-topic': notice.topic } : {})}
        >
          <span>{notice.text}</span>
          <button type="button" className="app-link-button" onClick={() => onDismiss(notice.id)}>
            Dismiss<span className="nhsuk-u-visually-hidden"> this notice</span>
          </button>
        </div>
      ))}
    </div>
  );
}
