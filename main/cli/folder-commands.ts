// `mesh-console folders set|show|sync`: the mailbox folders of NHS's Java MESH client (OUT, IN,
// SENT, FAILED with .dat/.ctl pairs), kept by the console (main/folders/).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FolderPassItem, FolderPassResult, FolderSettings } from '../domain';
import { runFolderPass } from '../folders/folder-pass';
import { readFolderPasses } from '../folders/folder-state';
import { checkFolders, loadSettings } from '../settings/load-settings';
import { lockWaitFromEnv } from '../store/folder-lock';
import { readSettingsFile, settingsFilePath, writeSettingsFile, type SettingsFile } from '../settings/settings-file';
import type { Run } from './command-groups';
import { UsageError } from './exit-codes';
import { cliProfileDir, runCommand, runWithoutCore, ReportedFailure, type CommandOptions } from './context';

interface SetOptions extends CommandOptions {
  out: string;
  in: string;
  sent?: string;
  failed?: string;
  layout?: string;
  workflow?: string;
  to?: string;
  sendWorkflow?: string;
}

function folderLines(folders: FolderSettings | undefined): string[] {
  if (!folders) return ['No mailbox folders are set: set them with mesh-console folders set --out DIR --in DIR.'];
  const rule = folders.rule
    ? `files without a control file go to ${folders.rule.to} on ${folders.rule.workflowId}`
    : 'none: a file without a control file goes to FAILED';
  return [
    `OUT      ${folders.out}`,
    `IN       ${folders.in}`,
    `SENT     ${folders.sent}`,
    `FAILED   ${folders.failed}`,
    `Layout   ${folders.layout === 'java' ? 'java (name.dat with name.ctl)' : 'plain (each file under its own name)'}`,
    `Receives ${folders.workflowFilter ? `messages whose workflow matches ${folders.workflowFilter}` : 'every message'}`,
    `Rule     ${rule}`,
  ];
}

function itemLine(item: FolderPassItem): string {
  const what = item.direction === 'out' ? item.name : `message ${item.name}`;
  const where = item.files?.length ? ` → ${item.files.join(', ')}` : '';
  const id = item.direction === 'out' && item.messageId ? ` (message ${item.messageId})` : '';
  const reason = item.reason ? `: ${item.reason}` : '';
  return `${item.outcome.padEnd(8)} ${what}${id}${where}${reason}`;
}

function passLines(pass: FolderPassResult): string[] {
  const lines = pass.items.map(itemLine);
  if (!pass.items.length) lines.push('Nothing to send in OUT and nothing waiting in the inbox.');
  if (pass.error) lines.push(`The pass stopped: ${pass.error}`);
  return lines;
}

/** Exit 1 when anything went to FAILED, MESH could not take a file, or the pass stopped. */
export function passFailed(pass: FolderPassResult): boolean {
  return Boolean(pass.error) || pass.items.some((item) => item.outcome === 'failed' || item.blocked);
}

export function addFolderCommands(program: Command, run: Run): void {
  const folders = program
    .command('folders')
    .description("the Java MESH client's mailbox folders: OUT is sent (to SENT or FAILED), messages arrive in IN");

  folders
    .command('set')
    .description('set the mailbox folders (settings.json "folders")')
    .requiredOption('--out <dir>', 'files here are sent (name.dat with name.ctl, or by the rule)')
    .requiredOption('--in <dir>', 'messages are written here')
    .option('--sent <dir>', 'sent files go here (default: SENT beside OUT)')
    .option('--failed <dir>', 'refused files go here with a reason file (default: FAILED beside OUT)')
    .option('--layout <layout>', 'java (<id>.dat + <id>.ctl) or plain (own file names)', 'java')
    .option('--workflow <filter>', 'receive only messages whose workflow matches (WF, !WF, WF*, *WF*)')
    .option('--to <mailbox>', 'the rule: where a file without a control file goes')
    .option('--send-workflow <id>', "the rule: that file's workflow")
    .option('--json', 'machine output')
    .action((options: SetOptions) =>
      run(
        runWithoutCore(options, async (out) => {
          const dataDir = await cliProfileDir();
          const file: SettingsFile = await readSettingsFile(dataDir);
          // Paths on the command line are the operator's, from where they stand.
          const section: NonNullable<SettingsFile['folders']> = {
            out: resolve(options.out),
            in: resolve(options.in),
            ...(options.sent ? { sent: resolve(options.sent) } : {}),
            ...(options.failed ? { failed: resolve(options.failed) } : {}),
            layout: options.layout ?? 'java',
            ...(options.workflow ? { workflow_filter: options.workflow } : {}),
            ...(options.to ? { to: options.to } : {}),
            ...(options.sendWorkflow ? { send_workflow: options.sendWorkflow } : {}),
          };
          const checked = checkFolders(section, dataDir, settingsFilePath(dataDir));
          await writeSettingsFile(dataDir, { ...file, folders: section });
          out.result(checked, () => [...folderLines(checked), `Saved in ${settingsFilePath(dataDir)}.`]);
        }),
      ),
    );

  folders
    .command('show')
    .description('the mailbox folders, the rule, and the last pass')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runWithoutCore(options, async (out) => {
          const settings = await loadSettings({ dataDir: await cliProfileDir() });
          const passes = await readFolderPasses(settings.dataDir);
          const last = passes[0];
          out.result({ folders: settings.folders ?? null, passes }, () => [
            ...folderLines(settings.folders),
            ...(last ? ['', `Last pass ${last.finishedAt}:`, ...passLines(last).map((line) => `  ${line}`)] : ['', 'No pass has run yet.']),
          ]);
        }),
      ),
    );

  folders
    .command('sync')
    .description('one pass: send what is complete in OUT, receive what matches into IN; exit 1 if anything went to FAILED')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runCommand(options, async (runtime, out) => {
          const settings = runtime.settings.folders;
          if (!settings)
            throw new UsageError('No mailbox folders are set: set them first with mesh-console folders set --out DIR --in DIR.');
          const waitMs = lockWaitFromEnv(process.env);
          const pass = await runFolderPass({
            client: () => runtime.client(),
            dataDir: runtime.dataDir,
            stores: { audit: runtime.stores.audit, sent: runtime.stores.sent },
            folders: settings,
            purpose: 'mesh-console folders sync',
            ...(waitMs !== undefined ? { lockWaitMs: waitMs } : {}),
          });
          out.result(pass, () => passLines(pass));
          if (passFailed(pass)) throw new ReportedFailure('a file or message did not go where it should');
        }),
      ),
    );
}
