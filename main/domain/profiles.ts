// Profiles as the screens see them: each a named mailbox connection with its own data.
import type { JobState } from './jobs';
import type { EnvironmentName } from './settings';

export interface ProfileSummary {
  name: string;
  /** The profile on screen (and the command line's default). */
  current: boolean;
  environment?: EnvironmentName;
  mailbox?: string;
  /** True when the embedded local MESH server serves it. */
  embedded?: boolean;
  jobsEnabled?: boolean;
  /** The MESH_* variables that override this profile's settings (the profile on screen only), by name. */
  overriddenBy?: string[];
  /** Why its settings cannot be read, when they cannot: one sentence. */
  problem?: string;
  /** Its jobs' states, when its service is open (the profile on screen, or one running its jobs in the background). */
  jobs?: JobState[];
  /** Messages in its inbox never opened, as its service's last inbox read found them (none read yet: not known). */
  unread?: number;
}

export interface ProfilesView {
  current: string;
  profiles: ProfileSummary[];
}

export interface NewProfile {
  name: string;
  environment: EnvironmentName;
  baseUrl?: string;
  mailbox: string;
  dpsMailbox?: string;
}

/** What the operator types to delete a profile's data with it: these words and the profile's name. */
export function deleteProfileDataWords(name: string): string {
  return `delete ${name}`;
}

/** The operations about profiles: the profiles layer answers them, not a profile's own service. */
export const PROFILE_OPERATIONS = [
  'profiles',
  'switchProfile',
  'addProfile',
  'renameProfile',
  'duplicateProfile',
  'removeProfile',
] as const;

export type ProfileOperationName = (typeof PROFILE_OPERATIONS)[number];

/** A running profile's settings.json that cannot be read (half-written by hand): what the app and `mesh-console jobs` say. */
export function unreadableSettingsSentence(profile: string, reason: string): string {
  return `Profile ${profile}: its settings cannot be read (${reason.replace(/\.$/, '')}); its jobs keep running as they were until they can.`;
}
