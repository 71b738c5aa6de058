// A guided step: a new private key (encrypted with a passphrase) and a CSR for the NHS service desk.
import { useState } from 'react';
import type { CsrResult } from '../../../preload/api';
import { api } from '../../client';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks';

export function commonNameFor(mailbox: string, odsCode: string): string {
  return `${mailbox.trim().toLowerCase()}.${odsCode.trim().toLowerCase()}.api.mesh-client.nhs.uk`;
}

export function CsrWizard({ defaultMailbox }: { defaultMailbox: string }) {
  const [mailbox, setMailbox] = useState(defaultMailbox);
  const [ods, setOds] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<CsrResult | null>();
  const create = useAction();

  const onCreate = () => {
    if (!mailbox.trim() || !ods.trim()) return setProblem('Enter the mailbox id and the ODS code of the organisation that owns it.');
    if (passphrase.length < 12) return setProblem('Choose a passphrase of at least 12 characters to protect the new private key.');
    if (passphrase !== confirm) return setProblem('The two passphrases differ: type the same passphrase twice.');
    setProblem(undefined);
    void create
      .run(() => api().createCsr({ mailbox: mailbox.trim(), odsCode: ods.trim(), passphrase }))
      .then((r) => {
        if (r === undefined) return;
        setResult(r);
        if (r) {
          setPassphrase('');
          setConfirm('');
        }
      });
  };

  return (
    <section className="app-section" aria-labelledby="csr-heading">
      <h2 id="csr-heading" className="nhsuk-heading-m">
        New private key and certificate request
      </h2>
      <details className="nhsuk-details app-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Make a new key and CSR for the NHS service desk</span>
        </summary>
        <div className="nhsuk-details__text">
          <ol className="nhsuk-list nhsuk-list--number">
            <li>Enter the mailbox id and its organisation’s ODS code.</li>
            <li>Choose a passphrase: it encrypts the new private key. Keep it safe; the console cannot recover it.</li>
            <li>Choose where to save the files. Send only the .csr file to the NHS service desk; keep the key.</li>
          </ol>
          <TextField id="csr-mailbox" label="Mailbox id" width={20} value={mailbox} onChange={setMailbox} />
          <TextField id="csr-ods" label="ODS code" width={10} value={ods} onChange={setOds} />
          {mailbox.trim() && ods.trim() ? (
            <p>
              Common name: <span className="app-mono">{commonNameFor(mailbox, ods)}</span>
            </p>
          ) : null}
          <TextField
            id="csr-passphrase"
            label="Passphrase for the new key"
            type="password"
            width={20}
            autoComplete="new-password"
            value={passphrase}
            onChange={setPassphrase}
          />
          <TextField
            id="csr-confirm"
            label="Passphrase again"
            type="password"
            width={20}
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
          />
          <ErrorMessage error={problem} title="The request cannot be made yet" />
          <ActionButton busy={create.busy} busyLabel="Making the key and request…" onClick={onCreate}>
            Make the key and request
          </ActionButton>
          <ErrorMessage error={create.error} title="The key and request were not made" />
          {result === null ? <p className="app-hint">Nothing saved: the dialog was cancelled.</p> : null}
          {result ? (
            <div className="nhsuk-inset-text app-inset" role="status">
              <p>
                Made a request for <span className="app-mono">{result.commonName}</span>.
              </p>
              <p>Request (send to the NHS service desk): {result.csrPath}</p>
              <p>Private key (keep; encrypted with your passphrase): {result.keyPath}</p>
              <p>When the certificate comes back, choose it above as the client certificate and this file as the private key.</p>
            </div>
          ) : null}
        </div>
      </details>
    </section>
  );
}
