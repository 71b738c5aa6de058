// Which console events become native notifications, each said once (no repeats within a while).
import type { ConsoleEvent } from '../../preload/api';

export interface Alert {
  key: string;
  title: string;
  body: string;
}

const FAILED_EXPORT = new Set(['failed', 'undeliverable', 'error']);

export function alertFor(event: ConsoleEvent): Alert | null {
  if (event.type === 'alert') {
    const subject = event.exportId ?? event.messageId ?? event.text;
    const key = event.alert === 'export-failed' && event.exportId ? `export:${event.exportId}` : `${event.alert}:${subject}`;
    return { key, title: event.title, body: event.text };
  }
  if (event.type === 'export-status' && FAILED_EXPORT.has(event.status))
    return {
      key: `export:${event.exportId}`,
      title: 'DPS export failed',
      body: `An export is now ${event.status}. Open DPS exports in the MESH console to see why and retry it.`,
    };
  return null;
}

/** Remembers what was said, so one failure seen by several events makes one notification. */
export function createAlertGate(quietMs = 10 * 60_000, now: () => number = Date.now) {
  const said = new Map<string, number>();
  return (alert: Alert): boolean => {
    const t = now();
    for (const [key, at] of said) if (t - at > quietMs) said.delete(key);
    if (said.has(alert.key)) return false;
    said.set(alert.key, t);
    return true;
  };
}
