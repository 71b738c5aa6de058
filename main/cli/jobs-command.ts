// `mesh-console jobs`: the scheduled jobs of every profile whose jobs are on (or of the one
// --profile / MESH_PROFILE names), each with its inbound folder and mailbox folders, in the
// foreground until stopped.
import type { Command } from 'commander';
import { createConsoleScheduler } from '../app/console-jobs';
import type { ConsoleRuntime } from '../app/runtime';
import { keepConsoleFolders } from '../app/console-folders';
import { InboxCache } from '../operations/inbox';
import { watchInboundFolder } from '../operations/watch-inbound-folder';
import { sameJobTimes, unreadableSettingsSentence } from '../domain';
import { envForProfile } from '../profiles/profile-settings';
import { followProfiles } from '../profiles/follow-profiles';
import { findProfile, type Profile, type ProfileList } from '../profiles/profiles';
import { loadSettings, type Settings } from '../settings/load-settings';
import { cliProfiles, exitCodeFor, openCliRuntime, profileAsked, profileInUse, reportError } from './context';
import { EXIT_OK, UsageError } from './exit-codes';
import { listenForStop } from './foreground-commands';
import { createOutput, type Output } from './output';
import type { Run } from './command-groups';

interface RunningJobs {
  runningLabels(): string[];
  stop(): Promise<void>;
}

const stamp = () => new Date().toISOString();

/** Starts one profile's scheduler, inbound folder watcher and folder keeping; `say` prefixes its lines. */
async function startJobs(runtime: ConsoleRuntime, say: (line: string) => void, forceOn: boolean): Promise<RunningJobs> {
  // The mailbox folders, as the Java MESH client keeps them: OUT promptly; the inbox by the
  // inbox refresh job, which reads it once for both.
  const folders = runtime.settings.folders;
  const kept = keepConsoleFolders(runtime, 'mesh-console jobs', { log: (line) => say(`${stamp()} ${line}`) });
  const scheduler = createConsoleScheduler(runtime, new InboxCache(), {}, say, () => kept);
  if (forceOn && !runtime.settings.jobsEnabled) await scheduler.setEnabled(true);
  scheduler.onChange((state) => {
    if (state.running) say(`${stamp()} ${state.label}: running`);
    else if (state.lastRunAt)
      say(`${stamp()} ${state.label}: ${state.lastResult ?? ''} ${state.lastMessage ?? ''} (next ${state.nextRunAt ?? 'not scheduled'})`);
  });
  await scheduler.start();
  for (const state of scheduler.states()) say(`${state.label}: ${state.schedule}, next ${state.nextRunAt ?? 'not scheduled'}`);
  // A console left running headless must still take files dropped for the nightly export.
  const watcher = watchInboundFolder(runtime, (_level, text) => say(`${stamp()} ${text}`));
  if (watcher) say(`Watching the inbound folder ${watcher.folder} for record files.`);
  if (folders) say(`Keeping the mailbox folders: sending from ${folders.out}, receiving into ${folders.in}.`);
  return {
    runningLabels: () =>
      scheduler
        .states()
        .filter((state) => state.running)
        .map((state) => state.label),
    async stop() {
      await watcher?.stop();
      // Waits for a running job to finish; its locks go with it. Then the folders (the inbox job passes through them).
      await scheduler.stop();
      await kept?.stop();
    },
  };
}

/**
 * Which profiles run: at start the one asked for by name; else every profile whose jobs are on
 * (and, with --enable, the current one too). Once running (`following`), those whose jobs are on,
 * of the one asked for or of all. A profile whose settings cannot be read is said and left out.
 */
async function profilesToRun(
  list: ProfileList,
  enable: boolean,
  out: Output,
  following = false,
  running: ReadonlySet<string> = new Set(),
): Promise<Profile[]> {
  const asked = profileAsked();
  if (asked && !following) return [profileInUse(list)];
  // Once running, the profile asked for may have been removed meanwhile.
  const inUse = asked ? findProfile(list, asked) : profileInUse(list);
  const chosen: Profile[] = [];
  for (const profile of asked ? [inUse].filter((p) => p !== undefined) : list.profiles) {
    // Those running already are followed by followSettings (their settings unreadable: they go on as they were).
    if (running.has(profile.dir)) continue;
    if (profile.dir === inUse?.dir && enable) {
      chosen.push(profile);
      continue;
    }
    try {
      const settings = await loadSettings({ env: envForProfile(process.env, profile.dir === inUse?.dir), dataDir: profile.dir });
      if (settings.jobsEnabled) chosen.push(profile);
    } catch (error) {
      if (list.profiles.length === 1 && !following) throw error;
      out.note(`Profile ${profile.name}: its jobs are not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return chosen;
}

const JOBS_OFF = 'Scheduled jobs are switched off (mesh_jobs). Switch them on in Settings, or run `mesh-console jobs --enable`.';

/** A profile whose jobs run; `forced` when --enable runs them though its settings have them off. */
interface RunningProfile {
  name: string;
  runtime: ConsoleRuntime;
  jobs: RunningJobs;
  forced: boolean;
  say: (line: string) => void;
  /** Why its settings.json could not be read at the last look, said once until it can. */
  unreadable?: string;
}

/** The profiles whose jobs run, by folder. */
type Running = Map<string, RunningProfile>;

async function stopProfile(running: Running, dir: string): Promise<void> {
  const entry = running.get(dir);
  if (!entry) return;
  running.delete(dir);
  await entry.jobs.stop().catch(() => undefined);
  await entry.runtime.close();
}

/**
 * The profile's settings as its file says now; undefined while they cannot be read (a file being
 * edited by hand): its jobs keep running as they were, and a line says so once, and again when it can be read.
 */
async function settingsNow(entry: RunningProfile, out: Output): Promise<Settings | undefined> {
  try {
    const settings = await loadSettings({ env: entry.runtime.env, dataDir: entry.runtime.dataDir });
    if (entry.unreadable !== undefined) out.note(`${stamp()} Profile ${entry.name}: its settings can be read again.`);
    entry.unreadable = undefined;
    return settings;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason !== entry.unreadable) out.note(`${stamp()} ${unreadableSettingsSentence(entry.name, reason)}`);
    entry.unreadable = reason;
    return undefined;
  }
}

/**
 * A running profile's settings.json was replaced: jobs switched off stop it (a job under way
 * finishes first); new job times restart its scheduler with them.
 */
async function followSettings(running: Running, dir: string, out: Output): Promise<void> {
  const entry = running.get(dir)!;
  const settings = await settingsNow(entry, out);
  if (!settings) return;
  if (!settings.jobsEnabled && !entry.forced) {
    await stopProfile(running, dir);
    out.note(`${stamp()} Profile ${entry.name}: its jobs were switched off, so they stopped.`);
    return;
  }
  if (sameJobTimes(settings.jobTimes, entry.runtime.settings.jobTimes)) return;
  await entry.jobs.stop();
  try {
    await entry.runtime.reloadSettings();
    entry.jobs = await startJobs(entry.runtime, entry.say, entry.forced);
    out.note(`${stamp()} Profile ${entry.name}: its job times changed; its jobs run at the new times.`);
  } catch (error) {
    await stopProfile(running, dir);
    out.note(`${stamp()} Profile ${entry.name}: its jobs stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function addJobsCommand(program: Command, run: Run): void {
  program
    .command('jobs')
    .description('run the scheduled jobs of every profile whose jobs are on (or of --profile) in the foreground until stopped')
    .option('--enable', 'run them even though scheduled jobs are switched off in the settings (mesh_jobs)')
    .action((options: { enable?: boolean }) =>
      run(
        (async () => {
          const out = createOutput(false);
          const running: Running = new Map();
          let named = false;
          const start = async (list: ProfileList, profile: Profile) => {
            const runtime = await openCliRuntime(process.env, { only: { list, profile }, auditSource: 'job' });
            try {
              if (!runtime.settings.jobsEnabled && !options.enable) throw new UsageError(JOBS_OFF);
              const say = (line: string) => out.note(named ? `[${profile.name}] ${line}` : line);
              if (named) say(`Profile ${profile.name}: mailbox ${runtime.settings.mailbox} (${runtime.settings.environment}).`);
              // Only --enable runs jobs that are off, so a profile whose jobs were off when it started was forced on.
              const forced = !runtime.settings.jobsEnabled;
              running.set(profile.dir, { name: profile.name, runtime, say, forced, jobs: await startJobs(runtime, say, forced) });
            } catch (error) {
              await runtime.close();
              throw error;
            }
          };
          /**
           * profiles.json or a profile's settings changed: stop the jobs of profiles removed or switched off,
           * restart those whose times changed, start those added or switched on (with --profile, that one only).
           */
          const reconcile = async () => {
            const list = await cliProfiles();
            const asked = profileAsked();
            const listed = new Set(list.profiles.map((profile) => profile.dir));
            for (const [dir, { name }] of [...running]) {
              if (listed.has(dir)) {
                await followSettings(running, dir, out);
                continue;
              }
              await stopProfile(running, dir);
              out.note(`${stamp()} Profile ${name} was removed: its jobs stopped.`);
            }
            for (const profile of await profilesToRun(list, false, out, true, new Set(running.keys()))) {
              if (running.has(profile.dir)) continue;
              if (!asked) named = true;
              try {
                await start(list, profile);
                out.note(`${stamp()} Profile ${profile.name}: its jobs started.`);
              } catch (error) {
                out.note(`Profile ${profile.name}: its jobs are not run: ${error instanceof Error ? error.message : String(error)}`);
              }
            }
          };
          let follower: { stop(): Promise<void> } | undefined;
          // Listening before anything starts: the scheduler may run an overdue job at once.
          const stop = listenForStop();
          try {
            const list = await cliProfiles();
            const profiles = await profilesToRun(list, Boolean(options.enable), out);
            if (profiles.length === 0) throw new UsageError(JOBS_OFF);
            named = profiles.length > 1;
            for (const profile of profiles) await start(list, profile);
            follower = await followProfiles(list.dataDir, reconcile);
            out.note('Scheduled jobs running; stop with Ctrl+C.');
            const signal = await stop.stopped;
            await follower?.stop();
            const busy = [...running.values()].flatMap(({ name, jobs }) =>
              jobs.runningLabels().map((label) => (named ? `${label} (${name})` : label)),
            );
            out.note(`${stamp()} ${signal}: stopping${busy.length ? ` once ${busy.join(' and ')} has finished` : ''}.`);
            await Promise.all([...running.values()].map(({ jobs }) => jobs.stop()));
            out.note(`${stamp()} Stopped.`);
            return EXIT_OK;
          } catch (error) {
            await follower?.stop();
            reportError(out, error);
            return exitCodeFor(error);
          } finally {
            stop.dispose();
            for (const dir of [...running.keys()]) await stopProfile(running, dir);
          }
        })(),
      ),
    );
}
