// What the folder pass's two directions share: its dependencies, MESH's time format, and the
// sentence for a failure (a file system error names the path and the cause, never a stack).
import type { FolderSettings } from '../domain';
import { isMeshError, type MessageMetadata } from '../mesh';
import type { SendDeps } from '../operations/send';

/** How long a file must keep its size and modification time between the pass's two looks at OUT. */
export const DEFAULT_SETTLE_MS = 1000;

export interface FolderPassDeps extends SendDeps {
  folders: FolderSettings;
  /** Who this process is, for the sentence another pass shows while it waits. */
  purpose?: string;
  lockWaitMs?: number;
  /** Between the two looks at OUT; default: wait DEFAULT_SETTLE_MS. */
  settle?: () => Promise<void>;
  /** Uncompressed bytes per chunk; default the client's (20 MiB). */
  chunkSizeBytes?: number;
  /** Only one direction; default both. */
  direction?: 'out' | 'in' | 'both';
  /**
   * The inbox as already read by someone else (the app's inbox refresh), called once the pass holds
   * its lock; the pass then receives those of them that match the workflow filter, without listing
   * the inbox or asking their metadata again. Default: the pass lists the inbox itself.
   */
  readInbox?: () => Promise<MessageMetadata[]>;
  /** Called once MESH has accepted a file, before it is moved to SENT. */
  afterSend?: (name: string, messageId: string) => Promise<void>;
  /** Called once a message's files are written and flushed, before it is acknowledged. */
  beforeAcknowledge?: (messageId: string) => Promise<void>;
  now?: () => Date;
}

export function meshTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'is not there',
  EACCES: 'may not be read or written by this user',
  EPERM: 'may not be read or written by this user',
  ENOSPC: 'is on a full disk',
  EROFS: 'is on a read-only disk',
  EBUSY: 'is in use by another program',
  ENOTDIR: 'is not a folder (part of its path is a file)',
};

/** The sentence for what went wrong; a file system error names the path and the cause, never a stack. */
export function message(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code && path && !isMeshError(error)) {
    const problem = FILE_PROBLEMS[code] ?? `could not be used (${code})`;
    return `${path} ${problem}: check the mailbox folders and their permissions.`;
  }
  return error instanceof Error ? error.message : String(error);
}
