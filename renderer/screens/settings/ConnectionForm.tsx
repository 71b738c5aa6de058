import { useState } from 'react';
import { MAILBOX_ID_RULE, type EnvironmentName, type SettingsView } from '../../../preload/api';
import { api } from '../../client';
import { Checkbox } from '../../components/Checkbox';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { SelectField } from '../../components/Field';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks';

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
  const addressOf = (name: EnvironmentName) => settings.environments.find((env) => env.name === name)?.baseUrl;

  /** An NHS environment brings its own address; local starts empty (the console's own server); custom keeps only an address of its own. */
  const chooseEnvironment = (next: EnvironmentName) => {
    setEnvironment(next);
    const own = addressOf(next);
    const wasAnNhsAddress = settings.environments.some((env) => env.baseUrl && env.baseUrl === baseUrl.trim());
    if (own) setBaseUrl(own);
    else if (next === 'local' || wasAnNhsAddress) setBaseUrl('');
    setSaved(false);
  };

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
      <SelectField
        id="settings-environment"
        label="Environment"
        value={environment}
        options={settings.environments.map((env) => ({ value: env.name, label: env.label }))}
        onChange={chooseEnvironment}
      />
      <TextField
        id="settings-base-url"
        label="Base URL"
        type="url"
        width={30}
        hint={
          local
            ? 'Leave empty to use the console’s own local MESH server, or give the address of another one on this computer.'
            : addressOf(environment)
              ? 'The address of the environment chosen above. To use another server, choose Custom.'
              : 'The MESH server’s address, starting https://. Plain http:// is accepted only for a server on this computer.'
        }
        value={baseUrl}
        onChange={setBaseUrl}
      />
      <TextField
        id="settings-mailbox"
        label="Mailbox id"
        width={20}
        hint={`Your MESH mailbox: ${MAILBOX_ID_RULE}.`}
        value={mailbox}
        onChange={setMailbox}
      />
      <TextField
        id="settings-dps-mailbox"
        label="DPS mailbox id"
        width={20}
        hint={`Where the nightly vaccination export is sent: ${MAILBOX_ID_RULE.replace(/, like .*/, '')}.`}
        value={dpsMailbox}
        onChange={setDpsMailbox}
      />
      <TextField
        id="settings-dps-workflow"
        label="DPS workflow id"
        width={20}
        hint="1 to 255 printable characters; DPS expects dps export."
        value={dpsWorkflowId}
        onChange={setDpsWorkflowId}
      />
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
