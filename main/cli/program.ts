// The `mesh-console` command line: the same core as the desktop console, for scripts and
// machines without a desktop.
import { Command, CommanderError } from 'commander';
import { groupsFor } from './command-groups';
import { setProfileOption } from './context';
import { EXIT_OK, EXIT_USAGE } from './exit-codes';

export async function runCli(argv: string[]): Promise<number> {
  let pending: Promise<number> | undefined;
  const run = (code: Promise<number>) => {
    pending = code;
  };
  const program = new Command('mesh-console')
    .description(
      'NHS MESH operator console: mailbox, messages and the DPS export, from a terminal. ' +
        'Settings come from settings.json in the data folder (MESH_DATA_DIR) and MESH_* environment variables; ' +
        'with no mailbox configured it uses its own local MESH server, which is not NHS MESH. ' +
        'Add --json to a command for machine output. ' +
        'A data folder holds profiles (mesh-console profile list): --profile NAME or MESH_PROFILE chooses one, else the one last chosen.',
    )
    .option('--profile <name>', 'the profile to use (default: MESH_PROFILE, else the one last chosen)')
    .hook('preAction', (command) => setProfileOption((command.opts() as { profile?: string }).profile))
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('(run `mesh-console --help` for the commands)');
  // Only the code of the command being run is loaded (command-groups.ts).
  const groups = groupsFor(argv);
  for (const addCommands of await Promise.all(groups.map((group) => group.load()))) addCommands(program, run);
  program
    .command('help [command]', { isDefault: false })
    .description('show help')
    .action((name?: string) => {
      const command = name ? program.commands.find((c) => c.name() === name) : undefined;
      (command ?? program).outputHelp();
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT_OK
        : EXIT_USAGE;
    }
    throw error;
  }
  if (!pending) {
    program.outputHelp();
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  return pending;
}
