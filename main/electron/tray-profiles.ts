// What the tray says of each profile, read from the service. The profile on screen's jobs are
// known to the service and its unread count to the last inbox-changed event (asking for the
// overview could read MESH); a profile in the background shows its environment and whether its
// jobs are on.
import { trayLines, type ConsoleOperations } from '../domain';

type TrayService = Pick<ConsoleOperations, 'profiles' | 'jobs'>;

/** Never throws: the tray shows no profile lines rather than fail. */
export async function trayProfileLines(service: TrayService, unread?: number): Promise<string[]> {
  try {
    const view = await service.profiles();
    const jobs = await service.jobs().catch(() => undefined);
    return trayLines(
      view.profiles.map((profile) => ({
        name: profile.name,
        onScreen: profile.current,
        ...(profile.environment ? { environment: profile.environment } : {}),
        ...(profile.jobsEnabled !== undefined ? { jobsEnabled: profile.jobsEnabled } : {}),
        ...(profile.problem ? { problem: profile.problem } : {}),
        ...(profile.current && jobs ? { jobs } : {}),
        ...(profile.current && unread !== undefined ? { unread } : {}),
      })),
    );
  } catch {
    return [];
  }
}
