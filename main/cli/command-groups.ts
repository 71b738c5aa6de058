// Which module defines which commands. program.ts imports only the group of the command being
// run (every group for help or an unknown command), so `mesh-console count` never loads the DPS
// export, the local server or the scheduler. A test holds these names to what each group defines.
import type { Command } from 'commander';

export type Run = (code: Promise<number>) => void;
type AddCommands = (program: Command, run: Run) => void;

export interface CommandGroup {
  commands: readonly string[];
  load: () => Promise<AddCommands>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    commands: ['validate', 'inbox', 'count', 'show', 'get', 'ack', 'send', 'track', 'lookup'],
    load: async () => (await import('./mesh-commands')).addMeshCommands,
  },
  {
    commands: ['import', 'dps-export', 'dps-recover', 'dps-track', 'exports', 'records', 'demo-data'],
    load: async () => (await import('./dps-commands')).addDpsCommands,
  },
  { commands: ['sandbox'], load: async () => (await import('./foreground-commands')).addSandboxCommand },
  { commands: ['jobs'], load: async () => (await import('./jobs-command')).addJobsCommand },
  { commands: ['folders'], load: async () => (await import('./folder-commands')).addFolderCommands },
  { commands: ['profile'], load: async () => (await import('./profile-commands')).addProfileCommands },
  { commands: ['secret'], load: async () => (await import('./secret-commands')).addSecretCommands },
  { commands: ['audit'], load: async () => (await import('./audit-command')).addAuditCommand },
];

/** The groups to load for these arguments: the one defining the command named first, else all of them. */
export function groupsFor(argv: readonly string[]): readonly CommandGroup[] {
  // `--profile NAME` before the command: NAME is the option's value, not a command.
  const name = argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--profile');
  const group = COMMAND_GROUPS.find((g) => name !== undefined && g.commands.includes(name));
  return group ? [group] : COMMAND_GROUPS;
}
