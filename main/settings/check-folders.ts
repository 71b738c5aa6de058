// settings.json `folders`: the mailbox folders (main/folders/), every problem one sentence naming
// `folders.<key>` (or, on a screen, its field).
import { dirname, join, resolve } from 'node:path';
import { parseMailboxId, type FolderSettings } from '../domain';
import { settingProblem, type SettingSentence } from './settings-error';
import type { SettingsFile } from './settings-file';
import { settingsFileWords } from './setting-words';

export function checkFolders(folders: SettingsFile['folders'], dataDir: string, filePath: string): FolderSettings | undefined {
  if (folders === undefined) return undefined;
  const words = settingsFileWords(filePath);
  const bad = (key: string, what: SettingSentence): never => {
    const setting = `folders.${key}`;
    throw settingProblem(setting, (w) => `${w.subject(setting, { source: 'file' })} ${what(w)}`, words);
  };
  const path = (key: 'out' | 'in' | 'sent' | 'failed'): string | undefined => {
    const value = folders[key]?.trim();
    return value ? resolve(dataDir, value) : undefined;
  };
  const out = path('out') ?? bad('out', () => "is missing: give the folder whose files are sent (the Java MESH client's OUT).");
  const inbox = path('in') ?? bad('in', () => "is missing: give the folder that receives messages (the Java MESH client's IN).");
  const sent = path('sent') ?? join(dirname(out), 'SENT');
  const failed = path('failed') ?? join(dirname(out), 'FAILED');
  const named = { out, in: inbox, sent, failed };
  const entries = Object.entries(named);
  for (const [index, [key, dir]] of entries.entries()) {
    const same = entries.slice(0, index).find(([, otherDir]) => otherDir === dir);
    if (same) {
      bad(key, (w) => `is the same folder as ${w.name(`folders.${same[0]}`)} (${dir}); each of OUT, IN, SENT and FAILED needs its own.`);
    }
  }
  const layout = (folders.layout ?? 'java').trim().toLowerCase();
  if (layout !== 'java' && layout !== 'plain') {
    bad('layout', () => 'must be java (name.dat with name.ctl, as the Java MESH client) or plain (the files under their own names).');
  }
  const filter = folders.workflow_filter?.trim();
  if (filter !== undefined && filter !== '' && !/^[\x20-\x7e]{2,255}$/.test(filter)) {
    bad('workflow_filter', () => 'must be a MESH workflow filter of 2 to 255 printable characters, like WF, !WF, WF* or *WF*.');
  }
  const to = folders.to?.trim();
  const workflow = folders.send_workflow?.trim();
  if (Boolean(to) !== Boolean(workflow)) {
    bad(
      to ? 'send_workflow' : 'to',
      (w) =>
        `is missing: the folder rule needs both a recipient (${w.name('folders.to')}) and a workflow ` +
        `(${w.name('folders.send_workflow')}), or neither.`,
    );
  }
  let rule: FolderSettings['rule'];
  if (to && workflow) {
    const mailbox = parseMailboxId(to);
    if (!mailbox) bad('to', () => `is "${to}", which is not a MESH mailbox id (like X26ABC2).`);
    if (!/^[\x20-\x7e]{1,255}$/.test(workflow)) bad('send_workflow', () => 'must be 1 to 255 printable characters, like TEST_WORKFLOW.');
    rule = { to: mailbox!, workflowId: workflow };
  }
  return {
    out,
    in: inbox,
    sent,
    failed,
    layout: layout as FolderSettings['layout'],
    ...(filter ? { workflowFilter: filter } : {}),
    ...(rule ? { rule } : {}),
  };
}
