// The profile on screen, in the header: choosing another switches to it at once (nothing stored
// is asked for again); the page then reads everything afresh for the new profile.
import { useState } from 'react';
import type { ProfilesView } from '../../preload/api';
import { api, errorText } from '../client';

export function ProfileSwitcher({ profiles }: { profiles: ProfilesView }) {
  const [error, setError] = useState<string>();
  const overridden = profiles.profiles.find((profile) => profile.current)?.overriddenBy;
  return (
    <label className="app-header__profile">
      <span>Profile</span>
      <select
        value={profiles.current}
        onChange={(event) => {
          void api()
            .switchProfile(event.target.value)
            .catch((e: unknown) => setError(errorText(e)));
        }}
      >
        {profiles.profiles.map((profile) => (
          <option key={profile.name} value={profile.name}>
            {profile.name}
            {profile.mailbox ? ` (${profile.mailbox})` : ''}
          </option>
        ))}
      </select>
      {overridden?.length ? <span className="app-header__profile-overrides">Overridden by {overridden.join(', ')}</span> : null}
      {error ? (
        <span className="app-header__profile-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
