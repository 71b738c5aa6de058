// What the core tells the screens as it happens: progress, status changes, notices, alerts.
import type { ExportStatus } from './exports';
import type { JobState } from './jobs';
import type { ConsoleOperationName } from './operations';

export type ConsoleEvent =
  /**
   * Long work moving along. `operation` is the API operation's name ('sendFile', 'saveMessage',
   * 'importRecords', 'runExport', ...); `id` says which one (the file token for sendFile, the
   * message id for saveMessage, the export id for exports); done and total in bytes or rows.
   */
  | { type: 'progress'; operation: ConsoleOperationName; id: string; done: number; total: number }
  | { type: 'export-status'; exportId: string; status: ExportStatus }
  | { type: 'inbox-changed'; count: number }
  | { type: 'job'; job: JobState }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** Something the operator should hear about even with the window closed: main shows a native notification. */
  | { type: 'alert'; alert: AlertKind; title: string; text: string; exportId?: string; messageId?: string };

/** The happenings that warrant a native notification. */
export type AlertKind = 'export-failed' | 'report-arrived' | 'certificate-expiring' | 'mailbox-unreachable';
