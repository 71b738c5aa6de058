// Messages this console sent, with MESH's tracking status on demand.
import { useEffect, useState } from 'react';
import type { SentItem } from '../../preload/api';
import { api, errorText } from '../client';
import { Busy, ErrorMessage, Tag, type TagColour } from '../components/feedback';
import { TableHead } from '../components/TableHead';
import { formatBytes, formatDateTime } from '../format';
import { useLoad } from '../hooks';

const STATUS_COLOURS: Record<string, TagColour> = {
  accepted: 'yellow',
  acknowledged: 'green',
  uploading: 'blue',
  undeliverable: 'red',
  error: 'red',
};

export function SentList({ generation }: { generation: number }) {
  const sent = useLoad(() => api().sentMessages(), [generation]);
  const [rows, setRows] = useState<SentItem[]>([]);
  const [tracking, setTracking] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (sent.data) setRows(sent.data);
  }, [sent.data]);

  const track = async (messageId: string) => {
    setTracking((t) => new Set(t).add(messageId));
    setErrors(({ [messageId]: _, ...rest }) => rest);
    try {
      const updated = await api().trackSent(messageId);
      setRows((list) => list.map((row) => (row.messageId === messageId ? updated : row)));
    } catch (e) {
      setErrors((all) => ({ ...all, [messageId]: errorText(e) }));
    } finally {
      setTracking((t) => {
        const next = new Set(t);
        next.delete(messageId);
        return next;
      });
    }
  };

  return (
    <section aria-labelledby="sent-heading" className="app-section">
      <h2 id="sent-heading" className="nhsuk-heading-m">
        Sent
      </h2>
      <Busy busy={sent.loading}>Loading sent messages…</Busy>
      <ErrorMessage error={sent.error} title="The sent list could not be read" />
      {rows.length === 0 && !sent.loading ? <p>Nothing sent from this console yet.</p> : null}
      {rows.length > 0 ? (
        <table className="nhsuk-table app-table" aria-label="Sent messages">
          <TableHead columns={['Sent', 'To', 'Workflow', 'File', 'Message id', 'Status']} actions />
          <tbody>
            {rows.map((row) => (
              <tr key={row.messageId} data-message-id={row.messageId}>
                <td>{formatDateTime(row.sentAt)}</td>
                <td>{row.to}</td>
                <td>{row.workflowId}</td>
                <td>
                  {row.fileName ?? '—'} <span className="app-hint app-block">{formatBytes(row.bytes)}</span>
                </td>
                <td className="app-mono">{row.messageId}</td>
                <td>
                  {row.status ? <Tag colour={STATUS_COLOURS[row.status] ?? 'grey'}>{row.status}</Tag> : 'Not tracked yet'}
                  {row.trackedAt ? <span className="app-hint app-block">as of {formatDateTime(row.trackedAt)}</span> : null}
                  {row.cancelled ? <span className="app-hint app-block">{row.cancelled}</span> : null}
                  {row.trackingError || errors[row.messageId] ? (
                    <span className="app-error-text app-block">{errors[row.messageId] ?? row.trackingError}</span>
                  ) : null}
                </td>
                <td>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
                    disabled={tracking.has(row.messageId)}
                    onClick={() => void track(row.messageId)}
                  >
                    {tracking.has(row.messageId) ? 'Checking…' : 'Refresh status'}
                    <span className="nhsuk-u-visually-hidden"> of {row.messageId}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
