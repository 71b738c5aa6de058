// One message: its metadata, its contents as text, REPORTs explained, save (with its progress) and
// acknowledge; Next and Previous (and the n and p keys) in the order the inbox was last shown.
import { useState } from 'react';
import type { AckResult, MessageView, SavedFile } from '../../preload/api';
import { api } from '../client';
import { ContentViewer } from '../components/ContentViewer';
import { DownloadProgress, type DownloadProgressState } from '../components/DownloadProgress';
import { ActionButton, ErrorMessage, Loading, Tag } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { SaveOutcome } from '../components/SaveOutcome';
import { SummaryRow } from '../components/SummaryRow';
import { formatAgo, formatBytes, formatDateTime } from '../format';
import { useAction, useConsoleEvents, useLoad, useNow } from '../hooks';
import { forgetInOrder, neighboursOf } from '../inbox-order';
import type { Navigate } from '../navigation';
import { usePageKeys } from '../shortcuts';

export function MessageScreen({
  id,
  acknowledged: previous,
  navigate,
}: {
  id: string;
  acknowledged?: { label: string; savedTo?: string };
  navigate: Navigate;
}) {
  const message = useLoad(() => api().message(id), [id]);
  const save = useAction();
  const ack = useAction();
  const [saved, setSaved] = useState<SavedFile | null>();
  const [acknowledged, setAcknowledged] = useState(false);
  const [folderCancelled, setFolderCancelled] = useState(false);
  const now = useNow();
  const [progress, setProgress] = useState<DownloadProgressState>();
  const m = message.data;
  const label = m?.subject || m?.fileName || id;
  const around = neighboursOf(id);
  const go = (to: string | undefined) => to && navigate({ screen: 'message', id: to });

  useConsoleEvents((event) => {
    if (event.type !== 'progress' || event.id !== id) return;
    if (event.operation === 'saveMessage' || event.operation === 'saveAndAcknowledge')
      setProgress({ done: event.done, total: event.total, ...(event.chunk ? { chunk: event.chunk } : {}) });
  });
  const withProgress = async <T,>(work: () => Promise<T>): Promise<T> => {
    setProgress(undefined);
    try {
      return await work();
    } finally {
      setProgress(undefined);
    }
  };

  usePageKeys((key) => {
    if (key === 'n' && around.next) go(around.next);
    else if (key === 'p' && around.previous) go(around.previous);
    else if (key === 'Escape') navigate({ screen: 'inbox' });
    else return false;
    return true;
  });

  // After acknowledging, the next message in the inbox's order opens (the one before it when this was the last).
  const acknowledgeThen = (work: () => Promise<(AckResult & { path?: string }) | null>) =>
    void ack.run(async () => {
      setFolderCancelled(false);
      let next: { messageId: string } | undefined;
      if (around.position) {
        const to = around.next ?? around.previous;
        next = to ? { messageId: to } : undefined;
      } else {
        const listed = await api().inbox({});
        const at = listed.findIndex((item) => item.messageId === id);
        next = at >= 0 ? (listed[at + 1] ?? listed[at - 1]) : listed[0];
      }
      const result = await withProgress(work);
      if (result === null) {
        setFolderCancelled(true);
        return;
      }
      if (!result.ok) throw new Error(result.error ?? 'MESH did not acknowledge the message: try again.');
      forgetInOrder([id]);
      if (next && next.messageId !== id) {
        navigate({ screen: 'message', id: next.messageId, acknowledged: { label, ...(result.path ? { savedTo: result.path } : {}) } });
      } else setAcknowledged(true);
    });

  const onAcknowledge = () => acknowledgeThen(async () => (await api().acknowledge([id]))[0] ?? { messageId: id, ok: false });
  const onSaveAndAcknowledge = () =>
    acknowledgeThen(async () => {
      const result = await api().saveAndAcknowledge([id]);
      return result ? (result.results[0] ?? { messageId: id, ok: false }) : null;
    });

  return (
    <>
      <nav className="app-message-nav" aria-label="Messages">
        <button type="button" className="app-back-link app-link-button" onClick={() => navigate({ screen: 'inbox' })}>
          Back to the inbox
        </button>
        {around.position ? (
          <span className="app-message-nav__steps">
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              disabled={!around.previous}
              aria-keyshortcuts="p"
              onClick={() => go(around.previous)}
            >
              Previous
            </button>
            <span className="app-hint">
              {around.position} of {around.total}
            </span>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              disabled={!around.next}
              aria-keyshortcuts="n"
              onClick={() => go(around.next)}
            >
              Next
            </button>
          </span>
        ) : null}
      </nav>
      {previous ? (
        <p className="app-result" role="status">
          {previous.savedTo
            ? `Saved “${previous.label}” to ${previous.savedTo} and acknowledged it; this is the next message in the inbox.`
            : `Acknowledged “${previous.label}”; this is the next message in the inbox.`}
        </p>
      ) : null}
      <PageHeading caption={m?.messageType === 'REPORT' ? 'REPORT message' : 'Message'}>{m?.subject || m?.fileName || id}</PageHeading>
      <Loading loading={message.loading} what="the message" />
      <ErrorMessage error={message.error} title="The message could not be read" />
      {m ? (
        <>
          <div className="app-actions">
            <ActionButton
              secondary
              busy={save.busy}
              busyLabel="Saving…"
              onClick={() => void save.run(() => withProgress(() => api().saveMessage(id))).then(setSaved)}
            >
              Save to a file
            </ActionButton>
            <ActionButton busy={ack.busy} busyLabel="Acknowledging…" disabled={acknowledged} onClick={onSaveAndAcknowledge}>
              Save and acknowledge
            </ActionButton>
            <ActionButton secondary busy={ack.busy} busyLabel="Acknowledging…" disabled={acknowledged} onClick={onAcknowledge}>
              {acknowledged ? 'Acknowledged' : 'Acknowledge'}
            </ActionButton>
          </div>
          {progress && (save.busy || ack.busy) ? <DownloadProgress progress={progress} /> : null}
          <ErrorMessage error={save.error} title="The message could not be saved" />
          <ErrorMessage error={ack.error} title="The message could not be acknowledged" />
          {folderCancelled ? <p className="app-hint">Not acknowledged: the folder dialog was cancelled.</p> : null}
          <SaveOutcome saved={saved} />
          {acknowledged ? (
            <p className="app-result" role="status">
              Acknowledged: MESH has removed it from the inbox, and no other message waits.
            </p>
          ) : null}

          {m.report ? <ReportPanel message={m} navigate={navigate} /> : null}

          <h2 className="nhsuk-heading-m">Details</h2>
          <dl className="nhsuk-summary-list app-summary">
            <SummaryRow label="Message id">{m.messageId}</SummaryRow>
            <SummaryRow label="Type">{m.messageType}</SummaryRow>
            <SummaryRow label="From">{m.sender || '—'}</SummaryRow>
            <SummaryRow label="To">{m.recipient}</SummaryRow>
            <SummaryRow label="Workflow">{m.workflowId}</SummaryRow>
            <SummaryRow label="Subject">{m.subject ?? '—'}</SummaryRow>
            <SummaryRow label="File name">{m.fileName ?? '—'}</SummaryRow>
            <SummaryRow label="Local id">{m.localId ?? '—'}</SummaryRow>
            <SummaryRow label="Received">
              {formatDateTime(m.receivedAt)} ({formatAgo(m.receivedAt, now)})
            </SummaryRow>
            <SummaryRow label="Size">{formatBytes(m.size)}</SummaryRow>
            <SummaryRow label="Chunks">{m.chunkCount}</SummaryRow>
            {m.contentType ? <SummaryRow label="Content type">{m.contentType}</SummaryRow> : null}
            {m.checksum ? <SummaryRow label="Checksum">{m.checksum}</SummaryRow> : null}
            {m.linkedMessageId ? <SummaryRow label="Linked message">{m.linkedMessageId}</SummaryRow> : null}
          </dl>

          {m.messageType === 'DATA' ? (
            <>
              <h2 className="nhsuk-heading-m">Contents</h2>
              <ContentViewer content={m.content} size={m.size} />
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function ReportPanel({ message: m, navigate }: { message: MessageView; navigate: Navigate }) {
  const r = m.report!;
  return (
    <div className="nhsuk-card app-report">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">What this report says</h2>
        <p className="app-report__meaning">{r.meaning}</p>
        <dl className="nhsuk-summary-list app-summary">
          <SummaryRow label="Status">
            {m.statusSuccess ? <Tag colour={m.statusSuccess === 'SUCCESS' ? 'green' : 'red'}>{m.statusSuccess}</Tag> : '—'}
          </SummaryRow>
          <SummaryRow label="Code">{r.statusCode ?? '—'}</SummaryRow>
          <SummaryRow label="Event">{r.statusEvent ?? '—'}</SummaryRow>
          <SummaryRow label="Description">{r.statusDescription ?? '—'}</SummaryRow>
          <SummaryRow label="About message">{r.linkedMessageId ?? '—'}</SummaryRow>
          <SummaryRow label="Export">
            {r.exportId ? (
              <button type="button" className="app-link-button" onClick={() => navigate({ screen: 'export', id: r.exportId! })}>
                Open the export it concerns
              </button>
            ) : (
              'No DPS export matches'
            )}
          </SummaryRow>
          {m.statusTimestamp ? <SummaryRow label="Reported">{formatDateTime(m.statusTimestamp)}</SummaryRow> : null}
        </dl>
      </div>
    </div>
  );
}
