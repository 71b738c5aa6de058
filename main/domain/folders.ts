// Mailbox folders, as NHS's Java MESH client keeps them: files dropped in OUT are sent and moved
// to SENT (or FAILED, with a reason file), messages that arrive are written into IN.
import type { NearExpiry } from './expiry';

/** `java`: `<message id>.dat` + `<message id>.ctl`; `plain`: the message's own (sanitised) file name. */
export type FolderLayout = 'java' | 'plain';

export interface FolderSettings {
  out: string;
  in: string;
  sent: string;
  failed: string;
  layout: FolderLayout;
  /** A MESH workflow filter (`WF`, `!WF`, `WF*`, `*WF*`); absent: every message. */
  workflowFilter?: string;
  /** The folder rule: where a file with no control file goes, and on which workflow. */
  rule?: { to: string; workflowId: string };
}

/** What became of one file or message in a pass. */
export interface FolderPassItem {
  direction: 'out' | 'in';
  /** The file's name in OUT, or the message id. */
  name: string;
  outcome: 'sent' | 'received' | 'failed' | 'waiting';
  messageId?: string;
  /** Where its files are now. */
  files?: string[];
  /** One sentence: why it failed or waits. */
  reason?: string;
  /** It waits because MESH could not be reached or could not say (not because it is still being written). */
  blocked?: boolean;
}

export interface FolderPassResult {
  startedAt: string;
  finishedAt: string;
  items: FolderPassItem[];
  /** A failure of the pass as a whole (MESH unreachable, a folder missing), one sentence. */
  error?: string;
}

/** One of the four folders, as the Folders screen names it to open it. */
export type FolderName = 'out' | 'in' | 'sent' | 'failed';

/** What the Folders screen shows. */
export interface FoldersView {
  /** Absent: no folders are set. */
  folders?: FolderSettings;
  /** The app keeps them in the background now (they are set and scheduled jobs are on). */
  kept: boolean;
  /** One sentence: how they are kept, or why not and what to do. */
  keptNote: string;
  /** The last passes, newest first. */
  passes: FolderPassResult[];
  /** The inbox as last read (by the refresh job, the inbox screen or a pass), for the 5-day expiry warning. */
  inbox: { count: number; checkedAt?: string; nearExpiry: NearExpiry };
  /** The time the ages were judged at. */
  at: string;
}

/** The Folders screen's form: what the folders receive and how files without a control file go. Empty text clears. */
export interface FolderRulesChange {
  layout: FolderLayout;
  workflowFilter: string;
  /** The folder rule: both or neither. */
  ruleTo: string;
  ruleWorkflowId: string;
}
