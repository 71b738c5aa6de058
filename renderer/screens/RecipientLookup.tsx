// Find a recipient mailbox by ODS code and workflow (MESH's endpoint lookup), inside the send form.
import { useState } from 'react';
import type { MailboxLookupResult } from '../../preload/api';
import { api } from '../client';
import { ActionButton, ErrorMessage } from '../components/feedback';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks';

export function RecipientLookup({ workflowId, onUse }: { workflowId: string; onUse: (mailbox: string) => void }) {
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
