// The console's service across profiles: the operations of the profile on screen, the profile
// operations themselves, and a service running in the background for every other profile whose
// scheduled jobs are on, so its jobs run whichever profile is on screen. Switching opens the
// other profile's service (nothing stored is asked for again) and tells the screens to read
// everything afresh; a profile left with its jobs off is closed.
import {
  deleteProfileDataWords,
  PROFILE_OPERATIONS,
  sameJobTimes,
  type JobTimes,
  type ConsoleEvent,
  type NewProfile,
  type ProfileSummary,
  type ProfilesView,
} from '../domain';
import {
  addProfile,
  chooseProfile,
  profileNamed,
  openProfiles,
  removeProfile,
  renameProfile,
  useProfile,
  type Profile,
  type ProfileList,
} from '../profiles/profiles';
import {
  duplicateSettingsFile,
  envForProfile,
  newProfileSettingsFile,
  overridingVariables,
  writeProfileSettings,
} from '../profiles/profile-settings';
import { followProfiles } from '../profiles/follow-profiles';
import { backgroundProfileEvent } from './background-events';
import { defaultDataDir } from '../settings/data-dir';
import { loadSettings } from '../settings/load-settings';
import { checkFolderUsable } from '../settings/private-folder';
import { SettingsError } from '../settings/settings-error';
import type { ConsoleService, ConsoleServiceOptions, ProfileService } from './service';
import { createEventHub } from './event-hub';

type OpenProfileService = (options: ConsoleServiceOptions) => Promise<ProfileService>;

interface OpenService {
  service: ProfileService;
  unsubscribe: () => void;
  /** Opened as the profile on screen, with the MESH_* variables. */
  inUse: boolean;
  /** Its jobs' times as last told, so a change made elsewhere is told once. */
  jobTimes: JobTimes;
}

export async function createProfilesService(options: ConsoleServiceOptions, open: OpenProfileService): Promise<ConsoleService> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env);
  await checkFolderUsable(dataDir);
  let list: ProfileList = await openProfiles(dataDir);
  // The MESH_* variables override the mailbox in use: the profile on screen, whichever it is (docs/profiles.md).
  const overrides = overridingVariables(env);
  let onScreen: Profile = chooseProfile(list, options.profile);
  const services = new Map<string, OpenService>();

  const events = createEventHub();
  const emit = events.emit;
  const nameOf = (dir: string) => list.profiles.find((p) => p.dir === dir)?.name ?? dir;
  /** The profile on screen speaks to the screens; the others through their alerts and notices, named (background-events.ts). */
  const forward = (dir: string, event: ConsoleEvent) => {
    if (dir === onScreen.dir) return emit(event);
    const named = backgroundProfileEvent(nameOf(dir), event);
    if (named) emit(named);
  };

  async function openService(profile: Profile, inUse: boolean): Promise<ProfileService> {
    const service = await open({ ...options, dataDir, profile: profile.name, env: envForProfile(env, inUse) });
    const unsubscribe = service.subscribe((event) => forward(profile.dir, event));
    services.set(profile.dir, { service, unsubscribe, inUse, jobTimes: service.runtime.settings.jobTimes });
    return service;
  }

  const backgroundFailed = (profile: Profile, error: unknown) =>
    emit({
      type: 'notice',
      level: 'error',
      text: `The scheduled jobs of profile ${profile.name} could not start: ${error instanceof Error ? error.message : String(error)}`,
    });

  /** A profile's service, opened (again, when MESH_* variables are set) for its part: on screen or in the background. */
  async function serviceOf(profile: Profile, inUse: boolean): Promise<ProfileService> {
    const existing = services.get(profile.dir);
    if (existing && (existing.inUse === inUse || overrides.length === 0)) return existing.service;
    if (existing) await closeService(profile.dir);
    try {
      return await openService(profile, inUse);
    } catch (error) {
      if (existing) await openService(profile, existing.inUse).catch((again: unknown) => backgroundFailed(profile, again));
      throw error;
    }
  }

  async function closeService(dir: string): Promise<void> {
    const open = services.get(dir);
    if (!open) return;
    services.delete(dir);
    open.unsubscribe();
    await open.service.close();
  }

  const active = () => services.get(onScreen.dir)!.service;

  /** A switch, a removal and following a change made elsewhere each decide which profile is on screen: one at a time. */
  let changing: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const done = changing.then(work, work);
    changing = done.catch(() => undefined);
    return done;
  }

  async function summary(profile: Profile): Promise<ProfileSummary> {
    const current = profile.dir === onScreen.dir;
    const base = { name: profile.name, current, ...(current && overrides.length > 0 ? { overriddenBy: overrides } : {}) };
    try {
      const settings = await loadSettings({ env: envForProfile(env, current), dataDir: profile.dir });
      const open = services.get(profile.dir)?.service;
      const unread = open?.unreadInInbox();
      return {
        ...base,
        environment: settings.environment,
        mailbox: settings.mailbox,
        embedded: settings.embeddedServer,
        jobsEnabled: settings.jobsEnabled,
        ...(open ? { jobs: await open.jobs() } : {}),
        ...(unread !== undefined ? { unread } : {}),
      };
    } catch (error) {
      return { ...base, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  async function view(): Promise<ProfilesView> {
    list = await openProfiles(dataDir);
    onScreen = list.profiles.find((p) => p.dir === onScreen.dir) ?? onScreen;
    return { current: onScreen.name, profiles: await Promise.all(list.profiles.map(summary)) };
  }

  await serviceOf(onScreen, true);
  const backgroundJobs = options.startScheduler ?? true;
  // Every other profile whose jobs are on runs them in the background.
  if (backgroundJobs) {
    for (const profile of list.profiles) {
      if (profile.dir === onScreen.dir || !(await summary(profile)).jobsEnabled) continue;
      await serviceOf(profile, false).catch((error: unknown) => backgroundFailed(profile, error));
    }
  }

  /** The profile on screen was removed elsewhere: the current one (else the first that opens) is shown instead. */
  async function showAnotherProfile(removedName: string): Promise<void> {
    const removed = onScreen;
    let failure: unknown;
    for (const next of [chooseProfile(list), ...list.profiles]) {
      try {
        await serviceOf(next, true);
      } catch (error) {
        failure = error;
        continue;
      }
      onScreen = next;
      await closeService(removed.dir).catch(() => undefined);
      const text = `Profile ${removedName} was removed elsewhere; now showing ${next.name}.`;
      emit({ type: 'notice', level: 'info', text });
      emit({ type: 'profile-switched', profile: next.name, notice: text });
      return;
    }
    const reason = failure instanceof Error ? failure.message : String(failure);
    emit({
      type: 'notice',
      level: 'error',
      text: `Profile ${removedName} was removed elsewhere, and no other profile could be opened: ${reason}`,
    });
  }

  /** A background profile's settings changed elsewhere: jobs switched off stop (its service closes); new times are told. */
  async function followBackgroundJobs(profile: Profile, open: OpenService): Promise<void> {
    const settings = await loadSettings({ env: envForProfile(env, false), dataDir: profile.dir }).catch(() => undefined);
    if (!settings) return;
    if (!settings.jobsEnabled) {
      await closeService(profile.dir);
      emit({
        type: 'notice',
        level: 'info',
        text: `The scheduled jobs of profile ${profile.name} were switched off elsewhere, so they stopped.`,
      });
    } else if (!sameJobTimes(open.jobTimes, settings.jobTimes)) {
      // Its own service has restarted its scheduler with them (background-settings-watch.ts).
      open.jobTimes = settings.jobTimes;
      emit({ type: 'notice', level: 'info', text: `The scheduled jobs of profile ${profile.name} run at their new times now.` });
    }
  }

  /**
   * Another process (`mesh-console profile ...`, another window, an editor) changed the profiles: the profile on
   * screen removed is replaced; background jobs of profiles removed or switched off stop, those added or switched on start.
   */
  async function followChanges(): Promise<void> {
    const before = list;
    list = await openProfiles(dataDir);
    const nameBefore = (dir: string) => before.profiles.find((profile) => profile.dir === dir)?.name ?? dir;
    const stillListed = (dir: string) => list.profiles.find((profile) => profile.dir === dir);
    const shown = stillListed(onScreen.dir);
    if (shown) onScreen = shown;
    else await showAnotherProfile(nameBefore(onScreen.dir));
    for (const [dir, open] of [...services]) {
      if (dir === onScreen.dir) continue;
      const profile = stillListed(dir);
      if (profile) {
        await followBackgroundJobs(profile, open);
        continue;
      }
      await closeService(dir).catch(() => undefined);
      emit({ type: 'notice', level: 'info', text: `Profile ${nameBefore(dir)} was removed elsewhere, so its scheduled jobs stopped.` });
    }
    for (const profile of backgroundJobs ? list.profiles : []) {
      if (services.has(profile.dir) || !(await summary(profile)).jobsEnabled) continue;
      await serviceOf(profile, false)
        .then(() => emit({ type: 'notice', level: 'info', text: `The scheduled jobs of profile ${profile.name} started.` }))
        .catch((error: unknown) => backgroundFailed(profile, error));
    }
  }
  const follower = await followProfiles(dataDir, () => oneAtATime(followChanges));

  const own = {
    get runtime() {
      return active().runtime;
    },
    subscribe: events.subscribe,
    wake() {
      for (const { service } of services.values()) service.wake();
    },
    async close() {
      await follower.stop();
      for (const dir of [...services.keys()]) await closeService(dir);
    },

    async profiles() {
      return view();
    },
    async switchProfile(name: string) {
      return oneAtATime(async () => {
        list = await openProfiles(dataDir);
        const next = profileNamed(list, name);
        await serviceOf(next, true);
        const previous = onScreen;
        onScreen = next;
        await useProfile(dataDir, next.name);
        if (previous.dir !== next.dir) {
          // The profile left keeps its jobs in the background, without the variables that were for the profile on screen.
          if ((await summary(previous)).jobsEnabled)
            await serviceOf(previous, false).catch((error: unknown) => backgroundFailed(previous, error));
          else await closeService(previous.dir);
        }
        emit({ type: 'profile-switched', profile: next.name });
        return view();
      });
    },
    async addProfile(profile: NewProfile) {
      const file = newProfileSettingsFile(
        {
          environment: profile.environment,
          mailbox: profile.mailbox,
          ...(profile.baseUrl?.trim() ? { baseUrl: profile.baseUrl.trim() } : {}),
          ...(profile.dpsMailbox?.trim() ? { dpsMailbox: profile.dpsMailbox.trim() } : {}),
        },
        dataDir,
      );
      await addProfile(dataDir, profile.name, (folder) => writeProfileSettings(folder, file, {}));
      return view();
    },
    async renameProfile(name: string, newName: string) {
      await renameProfile(dataDir, name, newName);
      return view();
    },
    async duplicateProfile(name: string, newName: string) {
      const source = profileNamed(list, name);
      await addProfile(dataDir, newName, async (folder) => writeProfileSettings(folder, await duplicateSettingsFile(source.dir), {}));
      return view();
    },
    async removeProfile(name: string, deleteDataWords?: string) {
      return oneAtATime(async () => {
        const profile = profileNamed(list, name);
        if (profile.dir === onScreen.dir) {
          throw new SettingsError(`${profile.name} is the profile on screen; switch to another profile before removing it.`);
        }
        const deleteData = deleteDataWords !== undefined && deleteDataWords.trim() !== '';
        if (deleteData && deleteDataWords.trim() !== deleteProfileDataWords(profile.name)) {
          throw new SettingsError(
            `To delete the data of ${profile.name}, type “${deleteProfileDataWords(profile.name)}” exactly; nothing was removed.`,
          );
        }
        // Its jobs stop before its data can go.
        await closeService(profile.dir);
        await removeProfile(dataDir, profile.name, { deleteData });
        return view();
      });
    },
  };

  return new Proxy(own, {
    get(target, property, receiver) {
      if (property in target || (PROFILE_OPERATIONS as readonly (string | symbol)[]).includes(property)) {
        return Reflect.get(target, property, receiver) as unknown;
      }
      const service = active() as unknown as Record<string | symbol, unknown>;
      const value = service[property];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(service) : value;
    },
  }) as unknown as ConsoleService;
}
