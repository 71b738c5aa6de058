// Send a file: chosen in main's native dialog or dropped on the window, addressed here (recent
// recipients and workflows suggested), with a progress bar and Cancel for chunked sends. After a
// success the form clears and the ids stay shown, with buttons to copy them.
import { useState } from 'react';
import type { ChosenFile, SendResult } from '../../preload/api';
import { api } from '../client';
import { Checkbox } from '../components/Checkbox';
import { ActionButton, ErrorMessage } from '../components/feedback';
import { FileDropZone } from '../components/FileDropZone';
import { PageHeading } from '../components/PageHeading';
import { ProgressBar } from '../components/ProgressBar';
import { TextField } from '../components/TextField';
import { formatBytes } from '../format';
import { useAction, useConsoleEvents, useLoad } from '../hooks';
import { RecipientLookup } from './RecipientLookup';
import { SendOutcome } from './SendOutcome';
import { SentList } from './SentList';

interface SendForm {
  to: string;
  workflowId: string;
  subject: string;
  localId: string;
  fileName: string;
  compress: boolean;
  chunkMb: string;
}

const EMPTY_FORM: SendForm = { to: '', workflowId: '', subject: '', localId: '', fileName: '', compress: true, chunkMb: '' };

export function SendFileScreen() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [form, setForm] = useState<SendForm>(EMPTY_FORM);
  const set =
    <K extends keyof SendForm>(key: K) =>
    (value: SendForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [outcome, setOutcome] = useState<{ result: SendResult; sent: { fileName: string; to: string } }>();
  const [sentGeneration, setSentGeneration] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const choose = useAction();
  const send = useAction();
  const cancel = useAction();
  const [formError, setFormError] = useState<string>();
  const suggestions = useLoad(() => api().sendSuggestions(), [sentGeneration]);

  useConsoleEvents((event) => {
    if (event.type === 'progress' && event.operation === 'sendFile' && send.busy) setProgress({ done: event.done, total: event.total });
  });

  const useFile = (chosen: ChosenFile | null | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    set('fileName')(chosen.name);
    setOutcome(undefined);
  };
  const onChoose = () => void choose.run(() => api().chooseFileToSend()).then(useFile);
  const onDrop = (dropped: File) => void choose.run(() => api().chooseDroppedFile(dropped)).then(useFile);

  const onSend = () => {
    const missing = [!file && 'a file', !form.to.trim() && 'a recipient mailbox', !form.workflowId.trim() && 'a workflow id'].filter(
      Boolean,
    );
    if (missing.length) {
      setFormError(`Choose ${missing.join(', ')} before sending.`);
      return;
    }
    const chunkSizeBytes = form.chunkMb.trim() ? Math.round(Number(form.chunkMb) * 1024 * 1024) : undefined;
    if (chunkSizeBytes !== undefined && !(chunkSizeBytes >= 64 * 1024 && chunkSizeBytes <= 100 * 1024 * 1024)) {
      setFormError('Enter a chunk size between 0.0625 and 100 MB, or leave it empty for the usual 20 MB.');
      return;
    }
    const chosen = file!;
    const sent = { fileName: form.fileName.trim() || chosen.name, to: form.to.trim().toUpperCase() };
    setFormError(undefined);
    setOutcome(undefined);
    setCancelling(false);
    setProgress({ done: 0, total: chosen.size });
    void send
      .run(() =>
        api().sendFile({
          fileToken: chosen.token,
          to: form.to.trim(),
          workflowId: form.workflowId.trim(),
          subject: form.subject.trim() || undefined,
          localId: form.localId.trim() || undefined,
          fileName: form.fileName.trim() || undefined,
          compress: form.compress,
          chunkSizeBytes,
        }),
      )
      .then((result) => {
        setProgress(undefined);
        setCancelling(false);
        if (!result) return;
        setOutcome({ result, sent });
        setSentGeneration((g) => g + 1);
        if (result.ok) {
          setFile(null);
          setForm(EMPTY_FORM);
        }
      });
  };

  const onCancel = () => {
    if (!file) return;
    setCancelling(true);
    void cancel.run(() => api().cancelSend(file.token));
  };

  return (
    <>
      <PageHeading>Send a file</PageHeading>
      <div className="app-section">
        <div className="app-column">
          <FileDropZone onFile={onDrop}>
            <span className="nhsuk-label">File</span>
            <p>{file ? `${file.name} (${formatBytes(file.size)})` : 'No file chosen. Drop a file here, or choose one.'}</p>
            <ActionButton secondary busy={choose.busy} busyLabel="Choosing…" onClick={onChoose} disabled={send.busy}>
              {file ? 'Choose another file' : 'Choose a file'}
            </ActionButton>
            <ErrorMessage error={choose.error} title="The file could not be opened" />
          </FileDropZone>

          <TextField
            id="send-to"
            label="Recipient mailbox"
            hint="The MESH mailbox id, for example X26ABC123."
            value={form.to}
            onChange={set('to')}
            list="recent-recipients"
          />
          <Suggestions id="recent-recipients" values={suggestions.data?.recipients} />
          <RecipientLookup workflowId={form.workflowId} onUse={set('to')} />
          <TextField id="send-workflow" label="Workflow id" value={form.workflowId} onChange={set('workflowId')} list="recent-workflows" />
          <Suggestions id="recent-workflows" values={suggestions.data?.workflows} />
          <TextField id="send-subject" label="Subject (optional)" value={form.subject} onChange={set('subject')} />
          <TextField
            id="send-local-id"
            label="Local id (optional)"
            hint="Your own reference; it lets you find the message again if a send is interrupted."
            value={form.localId}
            onChange={set('localId')}
          />
          <TextField id="send-file-name" label="File name the recipient sees" value={form.fileName} onChange={set('fileName')} />

          <Checkbox
            id="send-compress"
            label="Compress with gzip when it makes the file smaller"
            checked={form.compress}
            onChange={set('compress')}
          />

          <TextField
            id="send-chunk-size"
            label="Chunk size in MB (optional)"
            hint="Files larger than this go in several chunks. Leave empty for 20 MB; MESH allows up to 100 MB."
            width={10}
            type="number"
            value={form.chunkMb}
            onChange={set('chunkMb')}
          />

          <ErrorMessage error={formError} title="The file cannot be sent yet" />
          <div className="app-actions">
            <ActionButton busy={send.busy} busyLabel="Sending…" onClick={onSend}>
              Send
            </ActionButton>
            {send.busy ? (
              <ActionButton secondary busy={cancelling} busyLabel="Cancelling after this chunk…" onClick={onCancel}>
                Cancel sending
              </ActionButton>
            ) : null}
          </div>
          {progress ? <ProgressBar label="Sending" done={progress.done} total={progress.total} /> : null}
          <ErrorMessage error={send.error ?? cancel.error} title="The file was not sent" />
          {outcome ? <SendOutcome result={outcome.result} sent={outcome.sent} /> : null}
        </div>
      </div>
      <SentList generation={sentGeneration} />
    </>
  );
}

/** Recently used values offered as the field is typed in (a datalist: the operator may type anything). */
function Suggestions({ id, values }: { id: string; values: string[] | undefined }) {
  return (
    <datalist id={id}>
      {(values ?? []).map((value) => (
        <option key={value} value={value} />
      ))}
    </datalist>
  );
}
