// Profiles: each a mailbox connection with its own records, history and jobs. Add, rename,
// duplicate (without secrets), switch, and remove (its data kept unless the operator types the words).
import { useState } from 'react';
import { deleteProfileDataWords, lastJobRun, type EnvironmentName, type ProfileSummary, type ProfilesView } from '../../preload/api';
import { api } from '../client';
import { EnvironmentBadge } from '../components/EnvironmentBadge';
import { ActionButton, ErrorMessage, Loading, Tag } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { TextField } from '../components/TextField';
import { formatAgo, formatDateTime } from '../format';
import { useAction, useConsoleEvents, useLoad, useNow } from '../hooks';

const ENVIRONMENTS: EnvironmentName[] = ['local', 'integration', 'deployment', 'production', 'custom'];

export function ProfilesScreen() {
  const loaded = useLoad(() => api().profiles());
  const [view, setView] = useState<ProfilesView>();
  const shown = view ?? loaded.data;
  // A job finished or an inbox read, on screen or in the background: each profile's state is read again (never from MESH).
  useConsoleEvents((event) => {
    if ((event.type === 'job' && !event.job.running) || event.type === 'inbox-changed' || event.type === 'background-profile') {
      setView(undefined);
      loaded.reload();
    }
  });
  return (
    <>
      <PageHeading>Profiles</PageHeading>
      <p>
        Each profile is a mailbox connection with its own settings, secrets, records, export history, sent list and audit log. Scheduled
        jobs run for every profile that has them on, whichever is on screen.
      </p>
      <Loading loading={loaded.loading && !shown} what="the profiles" />
      <ErrorMessage error={loaded.error} title="The profiles could not be read" />
      {shown ? <ProfileTable view={shown} onChanged={setView} /> : null}
      {shown ? <Overrides view={shown} /> : null}
      <AddProfile onAdded={setView} />
    </>
  );
}

/** The MESH_* variables the console was started with override the profile on screen's settings: say which. */
function Overrides({ view }: { view: ProfilesView }) {
  const overridden = view.profiles.find((profile) => profile.current)?.overriddenBy;
  if (!overridden?.length) return null;
  const one = overridden.length === 1;
  return (
    <p className="app-profile-overrides" role="note">
      {`The console was started with ${overridden.join(', ')} set: ${one ? 'it overrides' : 'they override'} `}
      {`the settings of ${view.current} and of whichever profile is on screen, not those of the others. `}
      {`To use the stored settings, start the console without ${one ? 'it' : 'them'}.`}
    </p>
  );
}

function ProfileTable({ view, onChanged }: { view: ProfilesView; onChanged: (view: ProfilesView) => void }) {
  const now = useNow();
  return (
    <table className="nhsuk-table app-table" aria-label="Profiles">
      <thead>
        <tr>
          <th scope="col">Profile</th>
          <th scope="col">Environment</th>
          <th scope="col">Mailbox</th>
          <th scope="col">Jobs</th>
          <th scope="col">Last job</th>
          <th scope="col">Unread</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {view.profiles.map((profile) => (
          <ProfileRow key={profile.name} profile={profile} now={now} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}

type Editing = 'rename' | 'duplicate' | 'remove' | undefined;

/** How its last job went, when its service is open (on screen, or running its jobs in the background); a failure stands out. */
function LastJob({ profile, now }: { profile: ProfileSummary; now: number }) {
  if (!profile.jobs) return <span className="app-hint">Not running here</span>;
  const last = lastJobRun(profile.jobs);
  if (!last) return <>None yet</>;
  const failed = last.lastResult === 'failed';
  const colour = last.lastResult === 'ok' ? 'green' : failed ? 'red' : 'grey';
  return (
    <>
      {last.label} <Tag colour={colour}>{failed ? 'Failed' : last.lastResult}</Tag>{' '}
      <span title={formatDateTime(last.lastRunAt)}>{formatAgo(last.lastRunAt, now)}</span>
      {failed && last.lastMessage ? <span className="app-block app-error-text">{last.lastMessage}</span> : null}
    </>
  );
}

function ProfileRow({ profile, now, onChanged }: { profile: ProfileSummary; now: number; onChanged: (view: ProfilesView) => void }) {
  const action = useAction();
  const [editing, setEditing] = useState<Editing>();
  const [newName, setNewName] = useState('');
  const [words, setWords] = useState('');
  const done = (view: ProfilesView | undefined) => {
    if (!view) return;
    setEditing(undefined);
    setNewName('');
    setWords('');
    onChanged(view);
  };
  return (
    <tr>
      <th scope="row">
        {profile.name} {profile.current ? <Tag colour="blue">On screen</Tag> : null}
      </th>
      <td>{profile.environment ? <EnvironmentBadge environment={profile.environment} /> : (profile.problem ?? '')}</td>
      <td>{profile.mailbox ?? ''}</td>
      <td>{profile.jobsEnabled ? 'On' : 'Off'}</td>
      <td className={lastJobRun(profile.jobs)?.lastResult === 'failed' ? 'app-cell-failed' : undefined}>
        <LastJob profile={profile} now={now} />
      </td>
      <td>{profile.unread === undefined ? '' : profile.unread === 0 ? 'None' : <strong>{profile.unread}</strong>}</td>
      <td>
        {profile.current ? null : (
          <ActionButton
            small
            busy={action.busy}
            busyLabel="Switching…"
            onClick={() => void action.run(() => api().switchProfile(profile.name))}
          >
            Switch to {profile.name}
          </ActionButton>
        )}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
          onClick={() => setEditing(editing === 'rename' ? undefined : 'rename')}
        >
          Rename
        </button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
          onClick={() => setEditing(editing === 'duplicate' ? undefined : 'duplicate')}
        >
          Duplicate
        </button>
        {profile.current ? null : (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
            onClick={() => setEditing(editing === 'remove' ? undefined : 'remove')}
          >
            Remove
          </button>
        )}
        {editing === 'rename' || editing === 'duplicate' ? (
          <div className="app-inline-form">
            <TextField
              id={`${editing}-${profile.name}`}
              label={editing === 'rename' ? `New name for ${profile.name}` : `Name of the copy of ${profile.name}`}
              hint={editing === 'duplicate' ? 'The copy has the same connection, without secrets, folders or jobs.' : undefined}
              value={newName}
              onChange={setNewName}
              width={20}
            />
            <ActionButton
              small
              busy={action.busy}
              busyLabel="Saving…"
              onClick={() =>
                void action
                  .run(() =>
                    editing === 'rename' ? api().renameProfile(profile.name, newName) : api().duplicateProfile(profile.name, newName),
                  )
                  .then(done)
              }
            >
              {editing === 'rename' ? 'Rename' : 'Duplicate'}
            </ActionButton>
          </div>
        ) : null}
        {editing === 'remove' ? (
          <div className="app-inline-form">
            <p>
              {profile.name} leaves the list; its records, export history and audit log stay on this computer. To delete them too, type “
              {deleteProfileDataWords(profile.name)}” below.
            </p>
            <TextField
              id={`remove-${profile.name}`}
              label="To delete its data too (optional)"
              value={words}
              onChange={setWords}
              width={20}
            />
            <ActionButton
              small
              warning
              busy={action.busy}
              busyLabel="Removing…"
              onClick={() => void action.run(() => api().removeProfile(profile.name, words.trim() || undefined)).then(done)}
            >
              {words.trim() ? `Remove ${profile.name} and delete its data` : `Remove ${profile.name}, keeping its data`}
            </ActionButton>
          </div>
        ) : null}
        <ErrorMessage error={action.error} />
      </td>
    </tr>
  );
}

function AddProfile({ onAdded }: { onAdded: (view: ProfilesView) => void }) {
  const action = useAction();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<EnvironmentName>('integration');
  const [baseUrl, setBaseUrl] = useState('');
  const [mailbox, setMailbox] = useState('');
  const [dpsMailbox, setDpsMailbox] = useState('');
  const add = async () => {
    const view = await action.run(() =>
      api().addProfile({
        name,
        environment,
        mailbox,
        ...(baseUrl.trim() ? { baseUrl } : {}),
        ...(dpsMailbox.trim() ? { dpsMailbox } : {}),
      }),
    );
    if (!view) return;
    setName('');
    setMailbox('');
    setBaseUrl('');
    setDpsMailbox('');
    onAdded(view);
  };
  return (
    <section aria-labelledby="add-profile">
      <h2 id="add-profile">Add a profile</h2>
      <TextField
        id="profile-name"
        label="Name"
        hint="Letters, digits, - and _, like integration or X26ABC1."
        value={name}
        onChange={setName}
        width={20}
      />
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="profile-environment">
          Environment
        </label>
        <select
          id="profile-environment"
          className="nhsuk-select"
          value={environment}
          onChange={(event) => setEnvironment(event.target.value as EnvironmentName)}
        >
          {ENVIRONMENTS.map((env) => (
            <option key={env} value={env}>
              {env}
            </option>
          ))}
        </select>
      </div>
      <TextField id="profile-mailbox" label="Mailbox" value={mailbox} onChange={setMailbox} width={10} />
      <TextField
        id="profile-base-url"
        label="MESH address (optional)"
        hint="Only for a custom server, or a local server of your own; NHS environments have theirs."
        value={baseUrl}
        onChange={setBaseUrl}
        type="url"
      />
      <TextField id="profile-dps-mailbox" label="DPS mailbox (optional)" value={dpsMailbox} onChange={setDpsMailbox} width={10} />
      <ErrorMessage error={action.error} title="The profile was not added" />
      <ActionButton busy={action.busy} busyLabel="Adding…" onClick={() => void add()}>
        Add profile
      </ActionButton>
      <p className="app-hint">Set its secrets and certificates in Settings once you have switched to it.</p>
    </section>
  );
}
