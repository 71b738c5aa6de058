import { useState } from 'react';
import type { HandshakeResult } from '../../../preload/api';
import { api } from '../../client';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { formatDateTime } from '../../format';
import { useAction } from '../../hooks';

export function TestConnection() {
  const test = useAction();
  const [result, setResult] = useState<HandshakeResult>();
  return (
    <section className="app-section" aria-labelledby="test-heading">
      <h2 id="test-heading" className="nhsuk-heading-m">
        Test connection
      </h2>
      <p>Runs a handshake with MESH using the settings, secrets and certificate saved here.</p>
      <ActionButton
        secondary
        busy={test.busy}
        busyLabel="Testing the connection…"
        onClick={() => void test.run(() => api().testConnection()).then((r) => r && setResult(r))}
      >
        Test connection
      </ActionButton>
      <ErrorMessage error={test.error} title="The test did not run" />
      {result && !test.busy ? (
        result.ok ? (
          <div className="nhsuk-inset-text app-inset" role="status">
            <p>
              Connected: MESH accepted mailbox {result.mailbox} at {formatDateTime(result.at)}.
            </p>
          </div>
        ) : (
          <ErrorMessage title="The connection failed" error={result.error ?? 'MESH refused the handshake.'} />
        )
      ) : null}
    </section>
  );
}
