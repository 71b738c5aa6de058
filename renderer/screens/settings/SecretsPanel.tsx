// Secrets are write-only: the view says set or not set, the inputs only ever send a value inwards.
import { useState } from 'react';
import type { SecretName, SettingsView } from '../../../preload/api';
import { PLAINTEXT_SECRETS_ACCEPTANCE } from '../../../preload/api';
import { api } from '../../client';
import { ActionButton, ErrorMessage, Tag, Warning } from '../../components/feedback';
import { useAction } from '../../hooks';

const TYPED_SECRETS: { name: Exclude<SecretName, 'privateKey'>; label: string; hint: string }[] = [
  { name: 'password', label: 'Mailbox password', hint: 'The password issued with the mailbox.' },
  { name: 'sharedKey', label: 'Environment shared key', hint: 'The shared secret of the MESH environment, used to sign each request.' },
  { name: 'privateKeyPassphrase', label: 'Private key passphrase', hint: 'Needed when the private key file is encrypted.' },
];

export function SecretsPanel({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const locked = settings.secretEncryption === 'unavailable' && !settings.plaintextSecretsAccepted;
  return (
    <section className="app-section" aria-labelledby="secrets-heading">
      <h2 id="secrets-heading" className="nhsuk-heading-m">
        Secrets
      </h2>
      <p>
        Secrets are stored {settings.secretEncryption === 'available' ? 'encrypted by the operating system' : 'on this computer'} and never
        shown again: this screen can only tell whether each one is set.
      </p>
      {settings.secretEncryption === 'unavailable' ? <PlaintextAcceptance settings={settings} onSaved={onSaved} /> : null}
      {TYPED_SECRETS.map((secret) => (
        <SecretField key={secret.name} {...secret} isSet={settings.secrets[secret.name]} disabled={locked} onSaved={onSaved} />
      ))}
    </section>
  );
}

function SecretStatus({ isSet }: { isSet: boolean }) {
  return isSet ? <Tag colour="green">Set</Tag> : <Tag colour="grey">Not set</Tag>;
}

function SecretField(props: {
  name: SecretName;
  label: string;
  hint: string;
  isSet: boolean;
  disabled: boolean;
  onSaved: (s: SettingsView) => void;
}) {
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string>();
  const action = useAction();
  const id = `secret-${props.name}`;
  const store = () => {
    if (!value) return;
    void action
      .run(() => api().setSecret(props.name, value))
      .then((next) => {
        setValue('');
        if (!next) return;
        setDone(`${props.label} saved.`);
        props.onSaved(next);
      });
  };
  const clear = () =>
    void action
      .run(() => api().clearSecret(props.name))
      .then((next) => {
        if (!next) return;
        setDone(`${props.label} cleared.`);
        props.onSaved(next);
      });
  return (
    <div className="nhsuk-form-group app-secret" data-secret={props.name}>
      <label className="nhsuk-label" htmlFor={id}>
        {props.label} <SecretStatus isSet={props.isSet} />
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        {props.hint}
      </div>
      <form
        className="app-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          store();
        }}
      >
        <input
          id={id}
          className="nhsuk-input nhsuk-input--width-20"
          type="password"
          autoComplete="new-password"
          aria-describedby={`${id}-hint`}
          value={value}
          disabled={props.disabled}
          placeholder={props.isSet ? 'Type a new value to replace it' : ''}
          onChange={(e) => {
            setValue(e.target.value);
            setDone(undefined);
          }}
        />
        <ActionButton
          type="submit"
          small
          busy={action.busy}
          busyLabel="Saving…"
          disabled={props.disabled || !value}
          onClick={() => undefined}
        >
          Save<span className="nhsuk-u-visually-hidden"> {props.label}</span>
        </ActionButton>
        {props.isSet ? (
          <ActionButton secondary small busy={action.busy} busyLabel="Clearing…" onClick={clear}>
            Clear<span className="nhsuk-u-visually-hidden"> {props.label}</span>
          </ActionButton>
        ) : null}
      </form>
      <ErrorMessage error={action.error} title={`The ${props.label.toLowerCase()} was not changed`} />
      {done ? (
        <p className="app-result" role="status">
          {done}
        </p>
      ) : null}
    </div>
  );
}

function PlaintextAcceptance({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const [words, setWords] = useState('');
  const accept = useAction();
  if (settings.plaintextSecretsAccepted)
    return (
      <Warning heading="Secrets are stored without encryption">
        <p>
          This system offers no real encryption, and you accepted storing secrets on disk without it. Anyone who can read your files can
          read them.
        </p>
      </Warning>
    );
  return (
    <Warning heading="This system cannot encrypt secrets">
      <p>
        The operating system offers no real encryption here (on Linux, no keyring such as GNOME Keyring or KWallet is running). Secrets
        would be stored in a file that anyone who can read your files can read. Start a keyring and restart the console, or accept the risk
        by typing these words exactly:
      </p>
      <p className="app-mono">{PLAINTEXT_SECRETS_ACCEPTANCE}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void accept.run(() => api().updateSettings({ acceptPlaintextSecrets: words })).then((next) => next && onSaved(next));
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="accept-plaintext">
            Type the words to accept
          </label>
          <input
            id="accept-plaintext"
            className="nhsuk-input"
            autoComplete="off"
            spellCheck={false}
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
        </div>
        <ActionButton type="submit" warning busy={accept.busy} busyLabel="Saving…" disabled={!words.trim()} onClick={() => undefined}>
          Store secrets without encryption
        </ActionButton>
      </form>
      <ErrorMessage error={accept.error} title="The acceptance was not saved" />
    </Warning>
  );
}
