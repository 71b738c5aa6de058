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
  { commands: ['sandbox', 'jobs'], load: async () => (await import('./foreground-commands')).addForegroundCommands },
  { commands: ['folders'], load: async () => (await import('./folder-commands')).addFolderCommands },
];

/** The groups to load for these arguments: the one defining the command named first, else all of them. */
export function groupsFor(argv: readonly string[]): readonly CommandGroup[] {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const group = COMMAND_GROUPS.find((g) => name !== undefined && g.commands.includes(name));
  return group ? [group] : COMMAND_GROUPS;
}
