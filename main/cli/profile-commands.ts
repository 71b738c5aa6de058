// `mesh-console profile list|add|use|rename|duplicate|remove|jobs`: the data folder's profiles (main/profiles/).
import type { Command } from 'commander';
import { loadSettings } from '../settings/load-settings';
import {
  addProfile,
  findProfile,
  profileNamed,
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
  writeProfileSettings,
  type NewProfileSettings,
} from '../profiles/profile-settings';
import { applySettingsChange } from '../settings/settings-view';
import { cliDataDir, cliProfiles, exitCodeFor, profileInUse, reportError, type CommandOptions } from './context';
import { EXIT_OK, UsageError } from './exit-codes';
import { createOutput, table, type Output } from './output';

type Run = (code: Promise<number>) => void;

export interface ProfileSummary {
  name: string;
  current: boolean;
  inUse: boolean;
  folder: string;
  environment?: string;
  mailbox?: string;
  jobs?: boolean;
  /** Why the profile's settings cannot be loaded, when they cannot. */
  problem?: string;
}

/** Each profile with what its settings say (the MESH_* variables count for the profile in use only). */
export async function summarise(list: ProfileList, env: NodeJS.ProcessEnv = process.env): Promise<ProfileSummary[]> {
  const inUse = profileInUse(list, env);
  return Promise.all(
    list.profiles.map(async (profile: Profile) => {
      const summary: ProfileSummary = {
        name: profile.name,
        current: profile.name === list.current,
        inUse: profile === inUse,
        folder: profile.dir,
      };
      try {
        const settings = await loadSettings({ env: envForProfile(env, profile === inUse), dataDir: profile.dir });
        return {
          ...summary,
          environment: settings.embeddedServer ? 'local (embedded)' : settings.environment,
          mailbox: settings.mailbox,
          jobs: settings.jobsEnabled,
        };
      } catch (error) {
        return { ...summary, problem: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

function listLines(summaries: ProfileSummary[]): string[] {
  return table(
    ['', 'profile', 'environment', 'mailbox', 'jobs'],
    summaries.map((s) => [
      s.current ? '*' : '',
      s.name,
      s.problem ? `(${s.problem})` : (s.environment ?? ''),
      s.mailbox ?? '',
      s.jobs === undefined ? '' : s.jobs ? 'on' : 'off',
    ]),
  );
}

function action(run: Run, options: CommandOptions, body: (out: Output) => Promise<void>): void {
  run(
    (async () => {
      const out = createOutput(Boolean(options.json));
      try {
        await body(out);
        return EXIT_OK;
      } catch (error) {
        reportError(out, error);
        return exitCodeFor(error);
      }
    })(),
  );
}

function onOrOff(state: string): boolean {
  const word = state.trim().toLowerCase();
  if (word === 'on' || word === 'off') return word === 'on';
  throw new UsageError(`Say whether the jobs go on or off: \`mesh-console profile jobs NAME on\` or \`... off\`, not "${state}".`);
}

interface AddOptions extends CommandOptions {
  environment: string;
  baseUrl?: string;
  mailbox: string;
  dpsMailbox?: string;
  workflow?: string;
  caBundle?: string;
  cert?: string;
  key?: string;
  use?: boolean;
}

export function addProfileCommands(program: Command, run: Run): void {
  const profile = program
    .command('profile')
    .description('the mailbox profiles of this data folder: each its own mailbox, settings, secrets, records and history');

  profile
    .command('list')
    .description('the profiles; * marks the one used when --profile and MESH_PROFILE are not given')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      action(run, options, async (out) => {
        const summaries = await summarise(await cliProfiles());
        out.result(summaries, () => listLines(summaries));
      }),
    );

  profile
    .command('add <name>')
    .description('add a profile (letters, digits, - and _); set its secrets with `mesh-console secret set ... --profile NAME`')
    .requiredOption('--environment <env>', 'local, integration, deployment, production or custom')
    .option('--base-url <url>', "the MESH server's address (custom, or a local server of your own)")
    .requiredOption('--mailbox <id>', 'the MESH mailbox id')
    .option('--dps-mailbox <id>', 'the DPS mailbox the export goes to')
    .option('--workflow <w>', 'the DPS workflow id (default "dps export")')
    .option('--ca-bundle <file>', "the CA bundle (PEM) the server's certificate is checked against")
    .option('--cert <file>', 'the client certificate (PEM)')
    .option('--key <file>', "the client certificate's private key (PEM)")
    .option('--use', 'make it the profile used from now on')
    .option('--json', 'machine output')
    .action((name: string, options: AddOptions) =>
      action(run, options, async (out) => {
        const input: NewProfileSettings = {
          environment: options.environment,
          mailbox: options.mailbox,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.dpsMailbox ? { dpsMailbox: options.dpsMailbox } : {}),
          ...(options.workflow ? { workflow: options.workflow } : {}),
          ...(options.caBundle ? { caBundle: options.caBundle } : {}),
          ...(options.cert ? { certificate: options.cert } : {}),
          ...(options.key ? { privateKey: options.key } : {}),
        };
        const file = newProfileSettingsFile(input, process.cwd());
        const list = await addProfile(cliDataDir(), name, (folder) => writeProfileSettings(folder, file, process.env), {
          makeCurrent: Boolean(options.use),
        });
        const added = list.profiles[list.profiles.length - 1]!;
        out.result({ name: added.name, folder: added.dir, current: list.current === added.name }, () => [
          `Added profile ${added.name} (${added.dir}).`,
          `Set its secrets with: mesh-console secret set password --profile ${added.name}`,
        ]);
      }),
    );

  profile
    .command('use <name>')
    .description('use this profile from now on when --profile and MESH_PROFILE are not given (the app switches too)')
    .option('--json', 'machine output')
    .action((name: string, options: CommandOptions) =>
      action(run, options, async (out) => {
        const list = await useProfile(cliDataDir(), name);
        out.result({ current: list.current }, () => [`Now using profile ${list.current}.`]);
      }),
    );

  profile
    .command('rename <name> <new-name>')
    .description('give a profile another name; its folder, data and jobs stay as they are')
    .option('--json', 'machine output')
    .action((name: string, newName: string, options: CommandOptions) =>
      action(run, options, async (out) => {
        const list = await renameProfile(cliDataDir(), name, newName);
        const renamed = findProfile(list, newName)?.name ?? newName;
        out.result({ renamed, current: list.current }, () => [`Renamed profile ${name.trim()} to ${renamed}.`]);
      }),
    );

  profile
    .command('duplicate <name> <new-name>')
    .description('a new profile with the same connection, without its secrets, mailbox folders, inbound folder or jobs')
    .option('--json', 'machine output')
    .action((name: string, newName: string, options: CommandOptions) =>
      action(run, options, async (out) => {
        const before = await cliProfiles();
        const source = profileNamed(before, name);
        const list = await addProfile(cliDataDir(), newName, async (folder) =>
          writeProfileSettings(folder, await duplicateSettingsFile(source.dir), {}),
        );
        const added = findProfile(list, newName)?.name ?? newName;
        out.result({ added, from: source.name, current: list.current }, () => [
          `Added profile ${added}, a copy of ${source.name}'s connection.`,
          `Set its secrets with \`mesh-console secret set … --profile ${added}\`.`,
        ]);
      }),
    );

  profile
    .command('jobs <name> <on|off>')
    .description("switch a profile's scheduled jobs on or off for good (its settings.json, as the app's Settings writes it)")
    .option('--json', 'machine output')
    .action((name: string, state: string, options: CommandOptions) =>
      action(run, options, async (out) => {
        const on = onOrOff(state);
        const list = await cliProfiles();
        const target = profileNamed(list, name);
        // The profile's own settings are checked, never the MESH_* variables of this shell.
        const env = envForProfile(process.env, false);
        const before = await loadSettings({ env, dataDir: target.dir });
        if (before.jobsEnabled !== on) await applySettingsChange(target.dir, { jobsEnabled: on }, env);
        const words = on ? 'on' : 'off';
        out.result({ profile: target.name, jobs: words, changed: before.jobsEnabled !== on }, () =>
          before.jobsEnabled === on
            ? [`The scheduled jobs of profile ${target.name} were already ${words}; nothing changed.`]
            : [
                `The scheduled jobs of profile ${target.name} are ${words} now.`,
                on
                  ? 'A running app or `mesh-console jobs` starts them within seconds.'
                  : 'A running app or `mesh-console jobs` stops them within seconds, once a job under way has finished.',
              ],
        );
      }),
    );

  profile
    .command('remove <name>')
    .description('take a profile off the list; its records, export history and audit log stay in its folder unless --delete-data')
    .option('--delete-data', "also delete the profile's folder: its records, export history, sent list and audit log")
    .option('--json', 'machine output')
    .action((name: string, options: CommandOptions & { deleteData?: boolean }) =>
      action(run, options, async (out) => {
        const before = await cliProfiles();
        const removed = before.profiles.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
        const list = await removeProfile(cliDataDir(), name, { deleteData: Boolean(options.deleteData) });
        out.result({ removed: removed?.name ?? name, dataDeleted: Boolean(options.deleteData), current: list.current }, () => [
          options.deleteData
            ? `Removed profile ${removed?.name ?? name} and deleted its folder.`
            : `Removed profile ${removed?.name ?? name}; its data stays in ${removed?.dir ?? 'its folder'}.`,
          `The current profile is ${list.current}.`,
        ]);
      }),
    );
}
