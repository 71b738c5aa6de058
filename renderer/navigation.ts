// Where the operator is: one of the side navigation's screens, or a message / export opened from a list.
export type Route =
  | { screen: 'overview' }
  | { screen: 'inbox' }
  | {
      screen: 'message';
      id: string;
      /** The message just acknowledged before this one opened, and where it was saved first. */
      acknowledged?: { label: string; savedTo?: string };
    }
  | { screen: 'send' }
  | { screen: 'folders' }
  | { screen: 'exports' }
  | { screen: 'export'; id: string }
  | { screen: 'settings' }
  | { screen: 'audit' }
  | { screen: 'profiles' };

export type Navigate = (route: Route) => void;

export const NAVIGATION: { screen: Route['screen']; label: string }[] = [
  { screen: 'overview', label: 'Overview' },
  { screen: 'inbox', label: 'Inbox' },
  { screen: 'send', label: 'Send file' },
  { screen: 'folders', label: 'Mailbox folders' },
  { screen: 'exports', label: 'DPS exports' },
  { screen: 'settings', label: 'Settings' },
  { screen: 'audit', label: 'Audit log' },
  { screen: 'profiles', label: 'Profiles' },
];

/** The navigation entry a route belongs to (a message belongs to the inbox). */
export function sectionOf(route: Route): Route['screen'] {
  if (route.screen === 'message') return 'inbox';
  if (route.screen === 'export') return 'exports';
  return route.screen;
}
