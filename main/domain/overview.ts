// The overview screen's summary of the console.
import type { EnvironmentName, CertificateSummary } from './settings';
import type { HandshakeResult } from './messages';
import type { JobState } from './jobs';
import type { ExportSummary } from './exports';
import type { Programme } from './records';

export interface Overview {
  environment: EnvironmentName;
  baseUrl: string;
  mailbox: string;
  dpsMailbox: string;
  /** True when the console runs against its own local MESH server, not NHS MESH. */
  sandbox: boolean;
  lastHandshake?: HandshakeResult;
  certificate?: CertificateSummary;
  /** `unread`: how many of them were never opened in the console. */
  inbox: { count: number; unread?: number; oldestReceivedAt?: string; refreshedAt?: string; error?: string };
  jobsEnabled: boolean;
  jobs: JobState[];
  recentExports: ExportSummary[];
  unsentRecords: Record<Programme, number>;
}
