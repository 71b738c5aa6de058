import { useState } from 'react';
import type { EnvironmentName, SettingsView } from '../../../preload/api';
import { api } from '../../client';
import { Checkbox } from '../../components/Checkbox';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks';

const ENVIRONMENTS: { value: EnvironmentName; label: string }[] = [
  { value: 'local', label: 'Local MESH server (sandbox)' },
  { value: 'integration', label: 'Integration (INT)' },
  { value: 'deployment', label: 'Deployment (DEP)' },
  { value: 'production', label: 'Production (live)' },
  { value: 'custom', label: 'Custom' },
];

export function ConnectionForm({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const [environment, setEnvironment] = useState(settings.environment);
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [mailbox, setMailbox] = useState(settings.mailbox);
  const [dpsMailbox, setDpsMailbox] = useState(settings.dpsMailbox);
  const [dpsWorkflowId, setDpsWorkflowId] = useState(settings.dpsWorkflowId);
  const [noVerify, setNoVerify] = useState(settings.disableSslVerification);
  const [strict, setStrict] = useState(settings.localServerStrict);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const local = environment === 'local';

  const onSave = () =>
    void save
      .run(() =>
        api().updateSettings({
          environment,
          baseUrl: baseUrl.trim(),
          mailbox: mailbox.trim(),
          dpsMailbox: dpsMailbox.trim(),
          dpsWorkflowId: dpsWorkflowId.trim(),
          disableSslVerification: local && noVerify,
          ...(local ? { localServerStrict: strict } : {}),
        }),
      )
      .then((next) => {
        if (!next) return;
        setSaved(true);
        setBaseUrl(next.baseUrl);
        onSaved(next);
      });

  return (
    <section className="app-section" aria-labelledby="connection-heading">
      <h2 id="connection-heading" className="nhsuk-heading-m">
        Connection
      </h2>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="settings-environment">
          Environment
        </label>
        <select
          id="settings-environment"
          className="nhsuk-select"
          value={environment}
          onChange={(e) => {
            setEnvironment(e.target.value as EnvironmentName);
            setSaved(false);
          }}
        >
          {ENVIRONMENTS.map((env) => (
            <option key={env.value} value={env.value}>
              {env.label}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="settings-base-url"
        label="Base URL"
        type="url"
        width={30}
        hint={
          local
            ? 'Leave empty to use the console’s own local MESH server; fill it in to use another one on this computer.'
            : 'Filled in for the NHS environments; change it only for a custom server.'
        }
        value={baseUrl}
        onChange={setBaseUrl}
      />
      <TextField id="settings-mailbox" label="Mailbox id" width={20} value={mailbox} onChange={setMailbox} />
      <TextField
        id="settings-dps-mailbox"
        label="DPS mailbox id"
        width={20}
        hint="Where the nightly vaccination export is sent."
        value={dpsMailbox}
        onChange={setDpsMailbox}
      />
      <TextField id="settings-dps-workflow" label="DPS workflow id" width={20} value={dpsWorkflowId} onChange={setDpsWorkflowId} />
      {local ? (
        <Checkbox
          id="settings-no-verify"
          label="Do not verify the local server’s TLS certificate"
          hint="Only offered for a server on this computer; NHS MESH is always verified."
          checked={noVerify}
          onChange={setNoVerify}
        />
      ) : null}
      {local && !baseUrl.trim() ? (
        <Checkbox
          id="settings-local-strict"
          label="The local server refuses what NHS MESH refuses (strict)"
          hint="Single-use tokens, registered workflows, messages expire after 5 days unread, no download after acknowledging."
          checked={strict}
          onChange={setStrict}
        />
      ) : null}
      <ActionButton busy={save.busy} busyLabel="Saving…" onClick={onSave}>
        Save connection settings
      </ActionButton>
      <ErrorMessage error={save.error} title="The connection settings were not saved" />
      {saved && !save.busy && !save.error ? (
        <p className="app-result" role="status">
          Connection settings saved.
        </p>
      ) : null}
    </section>
  );
}
