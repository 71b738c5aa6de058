// What the core tells the screens as it happens: progress, status changes, notices, alerts.
import type { ExportStatus } from './exports';
import type { FolderPassResult } from './folders';
import type { JobState } from './jobs';
import type { ConsoleOperationName } from './operations';

export type ConsoleEvent =
  /**
   * Long work moving along. `operation` is the API operation's name ('sendFile', 'saveMessage',
   * 'importRecords', 'runExport', ...); `id` says which one (the file token for sendFile, the
   * message id for saveMessage, the export id for exports); done and total in bytes or rows.
   */
  | {
      type: 'progress';
      operation: ConsoleOperationName;
      id: string;
      done: number;
      /** 0 when not known yet: a message's size is known only once downloaded, so saving one tells its chunks instead. */
      total: number;
      /** For a chunked download: the chunk being fetched, of how many. */
      chunk?: { index: number; count: number };
    }
  | { type: 'export-status'; exportId: string; status: ExportStatus }
  /** The inbox listing or its read marks changed: how many messages wait, and how many of them were never opened. */
  | { type: 'inbox-changed'; count: number; unread: number }
  /**
   * A listing found messages that were not there at the last one: the shell shows a notification.
   * `profile` names a profile running in the background; absent, it is the profile on screen.
   */
  | { type: 'messages-arrived'; count: number; messageIds: string[]; profile?: string }
  | { type: 'job'; job: JobState }
  /** A pass over the mailbox folders finished (in the background or asked for). */
  | { type: 'folders'; pass: FolderPassResult }
  /** `topic` names what it is about, so a later word on the same topic replaces it and 'resolved' clears it. */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string; topic?: string }
  /**
   * Another profile is on screen now: every screen reads its data again. `notice` says why when the
   * operator did not switch (the profile on screen was removed elsewhere): the page that follows says it.
   */
  | { type: 'profile-switched'; profile: string; notice?: string }
  /** A profile in the background ran a job or read its inbox: what profiles() says of it changed (the tray reads it again). */
  | { type: 'background-profile'; profile: string }
  /** Something the operator should hear about even with the window closed: main shows a native notification. */
  | { type: 'alert'; alert: AlertKind; title: string; text: string; exportId?: string; messageId?: string; topic?: string }
  /** What the notices on this topic reported is fixed (the mailbox answers again, the export went through, ...). */
  | { type: 'resolved'; topic: string };

/** The happenings that warrant a native notification. */
export type AlertKind = 'export-failed' | 'report-arrived' | 'certificate-expiring' | 'mailbox-unreachable';

/** The topics notices and alerts are about, shared by whoever says them and whoever clears them. */
export const NOTICE_TOPICS = {
  mailbox: 'mailbox-unreachable',
  certificate: 'certificate-expiring',
  exportFailed: (exportId: string) => `export-failed:${exportId}`,
  /** A file the inbound folder refused or could not handle; the next good import clears it. */
  inboundFolder: 'inbound-folder',
  /** The mailbox folders' pass stopped; the next pass that finishes clears it. */
  folderPass: 'folder-pass',
  /** A file of OUT went to FAILED; the next pass that sends a file of that name clears it. */
  folderFileFailed: (name: string) => `folder-file-failed:${name}`,
  /** Scheduled jobs switched on or off, or given new times, by another process (a later change replaces it). */
  jobsChanged: 'jobs-changed',
  /** The profile's settings.json cannot be read while it runs; cleared once it can. The sentence names the profile. */
  settingsUnreadable: 'settings-unreadable',
} as const;
