// What the tray says of each profile, read from the service: every profile's environment and
// whether its jobs are on; for each whose service is open (the profile on screen, and those
// running their jobs in the background) how its last job went and how many messages are unread,
// as its service last knew them (asking for them never reads MESH). Plain Node: the shell hands
// in what shows the lines.
import { trayLines, type ConsoleEvent, type ConsoleOperations } from '../domain';

type TrayService = Pick<ConsoleOperations, 'profiles'>;
type FollowedService = TrayService & { subscribe(listener: (event: ConsoleEvent) => void): () => void };

/** Never throws: the tray shows no profile lines rather than fail. */
export async function trayProfileLines(service: TrayService): Promise<string[]> {
  try {
    const view = await service.profiles();
    return trayLines(
      view.profiles.map((profile) => ({
        name: profile.name,
        onScreen: profile.current,
        ...(profile.environment ? { environment: profile.environment } : {}),
        ...(profile.jobsEnabled !== undefined ? { jobsEnabled: profile.jobsEnabled } : {}),
        ...(profile.problem ? { problem: profile.problem } : {}),
        ...(profile.jobs ? { jobs: profile.jobs } : {}),
        ...(profile.unread !== undefined ? { unread: profile.unread } : {}),
      })),
    );
  } catch {
    return [];
  }
}

/** A job finished or an inbox was read (on screen or in the background), or another profile came on screen. */
function changesTrayLines(event: ConsoleEvent): boolean {
  if (event.type === 'job') return !event.job.running;
  return event.type === 'inbox-changed' || event.type === 'profile-switched' || event.type === 'background-profile';
}

/**
 * Shows the tray's lines now and again after each event that changes them, until the returned
 * function is called. Lines are read afresh each time (so a switch carries nothing of the profile
 * left), and lines read for an earlier event never replace those read for a later one.
 */
export function followTrayLines(service: FollowedService, show: (lines: string[]) => void): () => void {
  let latest = 0;
  let stopped = false;
  const refresh = () => {
    const asked = ++latest;
    void trayProfileLines(service).then((lines) => {
      if (!stopped && asked === latest) show(lines);
    });
  };
  const unsubscribe = service.subscribe((event) => {
    if (changesTrayLines(event)) refresh();
  });
  refresh();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
