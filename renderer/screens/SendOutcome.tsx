// What became of a send: its ids to copy, a cancellation with what MESH now holds, or why it failed.
import type { SendResult } from '../../preload/api';
import { CopyButton } from '../components/CopyButton';
import { ErrorMessage } from '../components/feedback';

export function SendOutcome({ result, sent }: { result: SendResult; sent: { fileName: string; to: string } }) {
  if (result.ok)
    return (
      <div className="nhsuk-inset-text app-inset" role="status" aria-label="Sent">
        <p>
          Sent. MESH message id: <strong className="app-mono">{result.messageId}</strong>
          <CopyButton value={result.messageId!} what="message id" />
        </p>
        <p>
          {sent.fileName} to <span className="app-mono">{sent.to}</span>.
        </p>
        {result.localId ? (
          <p>
            Local id: <strong className="app-mono">{result.localId}</strong>
            <CopyButton value={result.localId} what="local id" />
          </p>
        ) : null}
        {result.warning ? <p>{result.warning}</p> : null}
      </div>
    );
  const title = result.cancelled
    ? 'The send was cancelled'
    : result.outcomeUnknown
      ? 'It is not known whether MESH received the file'
      : 'The file was not sent';
  return <ErrorMessage title={title} error={result.error ?? 'MESH did not accept the file.'} />;
}
