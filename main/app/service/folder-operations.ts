// What the Folders screen asks of the console: the mailbox folders and their last passes, a pass
// now, a folder shown in the file manager or chosen in the system's dialog (never a path typed in
// the renderer), and the inbox's messages near MESH's 5-day expiry.
import { mkdir } from 'node:fs/promises';
import type { ConsoleOperations, FolderName, FolderPassResult, FoldersView } from '../../domain';
import { nearExpiry } from '../../domain';
import { readFolderPasses } from '../../folders/folder-state';
import type { KeptFolders } from '../../folders/keep-folders';
import { MIN_FOLDER_INBOX_MINUTES } from '../../folders/keep-folders';
import type { InboxCache } from '../../operations/inbox';
import type { DialogPort, FileManagerPort } from '../../ports';
import { readSettingsFile, type SettingsFile } from '../../settings/settings-file';
import { foldersForOnePass, refreshInboxAndFolders } from '../console-folders';
import type { JobHooks } from '../inbox-refresh';
import type { ConsoleRuntime } from '../runtime';

/** How many passes the screen lists. */
const PASSES_SHOWN = 5;

const NOT_SET =
  'No mailbox folders are set: choose the OUT and IN folders here, or set them with mesh-console folders set --out DIR --in DIR.';

const CHOOSE_TITLES: Record<FolderName, string> = {
  out: 'Choose the OUT folder: files put here are sent',
  in: 'Choose the IN folder: messages that arrive are written here',
  sent: 'Choose the SENT folder: files sent from OUT are moved here',
  failed: 'Choose the FAILED folder: files MESH could not take are moved here, with the reason',
};

export interface FolderOperationsDeps {
  runtime: ConsoleRuntime;
  inbox: InboxCache;
  hooks: JobHooks;
  /** The folders kept in the background now, if they are. */
  kept: () => KeptFolders | undefined;
  onPass: (pass: FolderPassResult) => void;
  fileManager?: FileManagerPort;
  dialogs: DialogPort;
  /** Saves settings.json `folders` (checked first) and keeps the folders anew. */
  saveFolders: (section: NonNullable<SettingsFile['folders']>) => Promise<unknown>;
  /** The time ages are judged by. */
  now: () => Date;
}

function keptNote(deps: FolderOperationsDeps): string {
  if (!deps.runtime.settings.folders) return NOT_SET;
  if (!deps.kept())
    return 'Scheduled jobs are off, so the console does not keep the folders: switch them on in Settings, or use Run now for one pass.';
  const minutes = Math.max(MIN_FOLDER_INBOX_MINUTES, deps.runtime.settings.jobTimes.inboxRefreshMinutes);
  return (
    `The console keeps them: OUT as soon as a file is complete (and every minute), ` +
    `the inbox every ${minutes} minutes with the inbox refresh.`
  );
}

type FolderOperations = Pick<ConsoleOperations, 'folders' | 'runFolderPass' | 'openFolder' | 'chooseFolder' | 'updateFolderRules'>;

export function folderOperations(deps: FolderOperationsDeps): FolderOperations {
  const { runtime, inbox } = deps;
  const operations: FolderOperations = {
    async folders(): Promise<FoldersView> {
      const snapshot = inbox.snapshot;
      const folders = runtime.settings.folders;
      const now = deps.now();
      return {
        ...(folders ? { folders } : {}),
        kept: Boolean(folders && deps.kept()),
        keptNote: keptNote(deps),
        passes: (await readFolderPasses(runtime.dataDir)).slice(0, PASSES_SHOWN),
        inbox: {
          count: snapshot?.items.length ?? 0,
          ...(snapshot ? { checkedAt: snapshot.refreshedAt } : {}),
          nearExpiry: nearExpiry(snapshot?.items ?? [], now),
        },
        at: now.toISOString(),
      };
    },

    async runFolderPass(): Promise<FolderPassResult> {
      const folders = deps.kept() ?? foldersForOnePass(runtime, 'the console app (Run now)', deps.onPass);
      if (!folders) throw new Error(NOT_SET);
      const result = await refreshInboxAndFolders(runtime, inbox, deps.hooks, folders, 'both');
      if (!result.pass) throw new Error(`The folder pass did not run: ${result.passProblem ?? 'try again.'}`);
      return result.pass;
    },

    async openFolder(which): Promise<void> {
      const folders = runtime.settings.folders;
      if (!folders) throw new Error(NOT_SET);
      if (!deps.fileManager) throw new Error(`This console cannot open a file manager; the folder is ${folders[which]}.`);
      // A pass makes the folders; before the first one, opening one makes it.
      await mkdir(folders[which], { recursive: true });
      await deps.fileManager.showFolder(folders[which]);
    },

    async chooseFolder(which): Promise<FoldersView | null> {
      const section = (await readSettingsFile(runtime.dataDir)).folders;
      if (section?.out && section.in) {
        const path = await deps.dialogs.openFolder({ title: CHOOSE_TITLES[which] });
        if (!path) return null;
        await deps.saveFolders({ ...section, [which]: path });
        return operations.folders();
      }
      // None set yet: OUT and IN are both needed, the others default to SENT and FAILED beside OUT.
      const out = await deps.dialogs.openFolder({ title: CHOOSE_TITLES.out });
      if (!out) return null;
      const into = await deps.dialogs.openFolder({ title: CHOOSE_TITLES.in });
      if (!into) return null;
      await deps.saveFolders({ ...section, out, in: into });
      return operations.folders();
    },

    async updateFolderRules(change): Promise<FoldersView> {
      const section = (await readSettingsFile(runtime.dataDir)).folders;
      if (!section?.out || !section.in) throw new Error(NOT_SET);
      const { workflow_filter: _filter, to: _to, send_workflow: _workflow, ...paths } = section;
      const text = (value: string) => value.trim() || undefined;
      const filter = text(change.workflowFilter);
      const to = text(change.ruleTo);
      const workflow = text(change.ruleWorkflowId);
      await deps.saveFolders({
        ...paths,
        layout: change.layout,
        ...(filter ? { workflow_filter: filter } : {}),
        ...(to ? { to } : {}),
        ...(workflow ? { send_workflow: workflow } : {}),
      });
      return operations.folders();
    },
  };
  return operations;
}
