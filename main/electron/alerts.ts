// Which console events become native notifications, each said once (no repeats within a while).
import type { CertificateSummary, ConsoleEvent } from '../domain';

export interface Alert {
  key: string;
  title: string;
  body: string;
}

const FAILED_EXPORT = new Set(['failed', 'undeliverable', 'error']);

/** Days before expiry from which the certificate is announced. */
export const CERTIFICATE_WARNING_DAYS = 30;

export function alertFor(event: ConsoleEvent): Alert | null {
  if (event.type === 'alert') {
    let key: string;
    if (event.alert === 'export-failed') key = event.exportId ? `export:${event.exportId}` : `export-failed:${event.text}`;
    else if (event.alert === 'report-arrived') key = `report:${event.messageId ?? event.text}`;
    else key = event.alert; // one mailbox, one certificate: one notification each per quiet time
    return { key, title: event.title, body: event.text };
  }
  if (event.type === 'messages-arrived') {
    const one = event.count === 1;
    const where = event.profile ? `the inbox of profile ${event.profile}` : 'the inbox';
    return {
      // Each arrival is its own: a second batch within the quiet time is announced too.
      key: `arrived:${event.profile ?? ''}:${event.messageIds[0] ?? event.count}`,
      title: `${event.profile ? `${event.profile}: ` : ''}${one ? 'A new MESH message' : `${event.count} new MESH messages`}`,
      body: `${one ? 'It waits' : 'They wait'} in ${where}. MESH deletes a message left unacknowledged for 5 days.`,
    };
  }
  // A failed scheduled handshake is the mailbox being unreachable, whether or not an alert says so too.
  if (event.type === 'job' && event.job.name === 'handshake' && !event.job.running && event.job.lastResult === 'failed')
    return {
      key: 'mailbox-unreachable',
      title: 'MESH mailbox unreachable',
      body: event.job.lastMessage ?? 'The scheduled handshake failed. Open the MESH console and choose Test connection in Settings.',
    };
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

/** The certificate's own alert, checked at start: expired, or expiring within CERTIFICATE_WARNING_DAYS. */
export function certificateAlert(certificate: CertificateSummary | null): Alert | null {
  if (!certificate) return null;
  if (certificate.expired)
    return {
      key: 'certificate-expiring',
      title: 'MESH certificate expired',
      body: 'MESH will refuse every call until a new certificate is installed in Settings.',
    };
  if (certificate.daysUntilExpiry <= CERTIFICATE_WARNING_DAYS)
    return {
      key: 'certificate-expiring',
      title: 'MESH certificate expires soon',
      body:
        `The client certificate expires in ${certificate.daysUntilExpiry} ` +
        `day${certificate.daysUntilExpiry === 1 ? '' : 's'}. Make a new key and request in Settings and send it to the ` +
        `NHS service desk.`,
    };
  return null;
}
