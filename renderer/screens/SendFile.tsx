// Send a file: chosen in main's native dialog, addressed here, with a progress bar for chunked sends.
import { useState } from 'react';
import type { ChosenFile, MailboxLookupResult, SendResult } from '../../preload/api';
import { api } from '../client';
import { Checkbox } from '../components/Checkbox';
import { ActionButton, ErrorMessage } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { ProgressBar } from '../components/ProgressBar';
import { TextField } from '../components/TextField';
import { formatBytes } from '../format';
import { useAction, useConsoleEvents } from '../hooks';
import { SentList } from './SentList';

export function SendFileScreen() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [to, setTo] = useState('');
  const [workflowId, setWorkflowId] = useState('');
  const [subject, setSubject] = useState('');
  const [localId, setLocalId] = useState('');
  const [fileName, setFileName] = useState('');
  const [compress, setCompress] = useState(true);
  const [chunkMb, setChunkMb] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [result, setResult] = useState<SendResult>();
  const [sentGeneration, setSentGeneration] = useState(0);
  const choose = useAction();
  const send = useAction();
  const [formError, setFormError] = useState<string>();

  useConsoleEvents((event) => {
    if (event.type === 'progress' && event.operation === 'sendFile' && send.busy) setProgress({ done: event.done, total: event.total });
  });

  const onChoose = () =>
    void choose
      .run(() => api().chooseFileToSend())
      .then((chosen) => {
        if (!chosen) return;
        setFile(chosen);
        setFileName(chosen.name);
        setResult(undefined);
      });

  const onSend = () => {
    const missing = [!file && 'a file', !to.trim() && 'a recipient mailbox', !workflowId.trim() && 'a workflow id'].filter(Boolean);
    if (missing.length) {
      setFormError(`Choose ${missing.join(', ')} before sending.`);
      return;
    }
    const chunkSizeBytes = chunkMb.trim() ? Math.round(Number(chunkMb) * 1024 * 1024) : undefined;
    if (chunkSizeBytes !== undefined && !(chunkSizeBytes >= 64 * 1024 && chunkSizeBytes <= 100 * 1024 * 1024)) {
      setFormError('Enter a chunk size between 0.0625 and 100 MB, or leave it empty for the usual 20 MB.');
      return;
    }
    setFormError(undefined);
    setResult(undefined);
    setProgress({ done: 0, total: file!.size });
    void send
      .run(() =>
        api().sendFile({
          fileToken: file!.token,
          to: to.trim(),
          workflowId: workflowId.trim(),
          subject: subject.trim() || undefined,
          localId: localId.trim() || undefined,
          fileName: fileName.trim() || undefined,
          compress,
          chunkSizeBytes,
        }),
      )
      .then((sent) => {
        setProgress(undefined);
        if (!sent) return;
        setResult(sent);
        setSentGeneration((g) => g + 1);
      });
  };

  return (
    <>
      <PageHeading>Send a file</PageHeading>
      <div className="app-section">
        <div className="app-column">
          <div className="nhsuk-form-group">
            <span className="nhsuk-label">File</span>
            <p>{file ? `${file.name} (${formatBytes(file.size)})` : 'No file chosen.'}</p>
            <ActionButton secondary busy={choose.busy} busyLabel="Choosing…" onClick={onChoose}>
              {file ? 'Choose another file' : 'Choose a file'}
            </ActionButton>
            <ErrorMessage error={choose.error} title="The file could not be opened" />
          </div>

          <TextField
            id="send-to"
            label="Recipient mailbox"
            hint="The MESH mailbox id, for example X26ABC123."
            value={to}
            onChange={setTo}
          />
          <RecipientLookup workflowId={workflowId} onUse={setTo} />
          <TextField id="send-workflow" label="Workflow id" value={workflowId} onChange={setWorkflowId} />
          <TextField id="send-subject" label="Subject (optional)" value={subject} onChange={setSubject} />
          <TextField
            id="send-local-id"
            label="Local id (optional)"
            hint="Your own reference; it lets you find the message again if a send is interrupted."
            value={localId}
            onChange={setLocalId}
          />
          <TextField id="send-file-name" label="File name the recipient sees" value={fileName} onChange={setFileName} />

          <Checkbox
            id="send-compress"
            label="Compress with gzip when it makes the file smaller"
            checked={compress}
            onChange={setCompress}
          />

          <TextField
            id="send-chunk-size"
            label="Chunk size in MB (optional)"
            hint="Files larger than this go in several chunks. Leave empty for 20 MB; MESH allows up to 100 MB."
            width={10}
            type="number"
            value={chunkMb}
            onChange={setChunkMb}
          />

          <ErrorMessage error={formError} title="The file cannot be sent yet" />
          <ActionButton busy={send.busy} busyLabel="Sending…" onClick={onSend}>
            Send
          </ActionButton>
          {progress ? <ProgressBar label="Sending" done={progress.done} total={progress.total} /> : null}
          <ErrorMessage error={send.error} title="The file was not sent" />
          {result ? <SendOutcome result={result} /> : null}
        </div>
      </div>
      <SentList generation={sentGeneration} />
    </>
  );
}

function SendOutcome({ result }: { result: SendResult }) {
  if (result.ok)
    return (
      <div className="nhsuk-inset-text app-inset" role="status">
        <p>
          Sent. MESH message id: <strong className="app-mono">{result.messageId}</strong>
        </p>
      </div>
    );
  return (
    <ErrorMessage
      title={result.outcomeUnknown ? 'It is not known whether MESH received the file' : 'The file was not sent'}
      error={result.error ?? 'MESH did not accept the file.'}
    />
  );
}

function RecipientLookup({ workflowId, onUse }: { workflowId: string; onUse: (mailbox: string) => void }) {
  const [ods, setOds] = useState('');
  const [results, setResults] = useState<MailboxLookupResult[]>();
  const lookup = useAction();
  const [problem, setProblem] = useState<string>();
  const onLookup = () => {
    if (!ods.trim() || !workflowId.trim()) {
      setProblem('Enter an ODS code here and a workflow id below, then look up.');
      return;
    }
    setProblem(undefined);
    void lookup.run(() => api().lookupMailbox(ods.trim(), workflowId.trim())).then((found) => found && setResults(found));
  };
  return (
    <details className="nhsuk-details app-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Find a mailbox by ODS code and workflow</span>
      </summary>
      <div className="nhsuk-details__text">
        <TextField id="lookup-ods" label="ODS code" value={ods} onChange={setOds} />
        <ActionButton secondary small busy={lookup.busy} busyLabel="Looking up…" onClick={onLookup}>
          Look up
        </ActionButton>
        <ErrorMessage error={problem ?? lookup.error} title="The lookup did not run" />
        {results && results.length === 0 ? <p>No mailbox receives that workflow for that ODS code.</p> : null}
        {results && results.length > 0 ? (
          <ul className="nhsuk-list">
            {results.map((r) => (
              <li key={r.mailboxId}>
                <span className="app-mono">{r.mailboxId}</span> {r.mailboxName}{' '}
                <button type="button" className="app-link-button" onClick={() => onUse(r.mailboxId)}>
                  Use this mailbox
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
}
