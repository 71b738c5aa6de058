// What the tray says of each profile, read from the service: every profile's environment and
// whether its jobs are on; for each whose service is open (the profile on screen, and those
// running their jobs in the background) how its last job went and how many messages are unread,
// as its service last knew them (asking for them never reads MESH).
import { trayLines, type ConsoleOperations } from '../domain';

type TrayService = Pick<ConsoleOperations, 'profiles'>;

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
