// The console's API contract: every operation the renderer may call, with its input and
// result, and the events main sends back. `main/ipc.ts` registers exactly these names,
// `preload/index.ts` exposes exactly these names, and the renderer calls exactly these.
// Secrets cross only inwards (set, clear); reads tell whether a secret is set, never its value.

export type Programme = 'flu' | 'hpv' | 'menacwy' | 'td_ipv';
export const PROGRAMMES: readonly Programme[] = ['flu', 'hpv', 'menacwy', 'td_ipv'];

export type EnvironmentName = 'local' | 'integration' | 'deployment' | 'production' | 'custom';

export type ExportStatus = 'pending' | 'accepted' | 'acknowledged' | 'failed' | 'undeliverable' | 'error';

export type JobName = 'handshake' | 'dpsExport' | 'tracking' | 'inboxRefresh';

export interface JobState {
  name: JobName;
  label: string;
  /** Cron pattern in Europe/London, or an interval for the inbox refresh. */
  schedule: string;
  enabled: boolean;
  running: boolean;
  lastRunAt?: string;
  lastResult?: 'ok' | 'failed' | 'skipped';
  lastMessage?: string;
  nextRunAt?: string;
}

export interface HandshakeResult {
  ok: boolean;
  mailbox: string;
  at: string;
  /** A sentence an operator understands, when it failed. */
  error?: string;
  errorKind?: string;
}

export interface Overview {
  environment: EnvironmentName;
  baseUrl: string;
  mailbox: string;
  dpsMailbox: string;
  /** True when the console runs against its own local MESH server, not NHS MESH. */
  sandbox: boolean;
  lastHandshake?: HandshakeResult;
  certificate?: CertificateSummary;
  inbox: { count: number; oldestReceivedAt?: string; refreshedAt?: string; error?: string };
  jobsEnabled: boolean;
  jobs: JobState[];
  recentExports: ExportSummary[];
  unsentRecords: Record<Programme, number>;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  commonName: string;
  validFrom: string;
  validTo: string;
  expired: boolean;
  daysUntilExpiry: number;
  /** Whether the configured private key belongs to this certificate; undefined when it cannot be told (no key, or no passphrase). */
  keyMatches?: boolean;
  problem?: string;
}

export interface InboxQuery {
  /** A MESH workflow_filter: `WF`, `!WF`, `WF*`, `*ACK*`, ... */
  workflowFilter?: string;
  /** Ask MESH again instead of using the last listing. */
  refresh?: boolean;
}

export interface InboxItem {
  messageId: string;
  messageType: 'DATA' | 'REPORT';
  sender: string;
  recipient: string;
  workflowId: string;
  subject?: string;
  fileName?: string;
  localId?: string;
  /** When it reached the inbox (ISO), as far as MESH tells. */
  receivedAt?: string;
  chunkCount: number;
}

export type ContentView =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'table'; delimiter: ',' | '|'; header: string[]; rows: string[][]; totalRows: number; truncated: boolean }
  | { kind: 'binary'; hex: string; truncated: boolean }
  | { kind: 'empty' };

export interface ReportExplanation {
  statusCode?: string;
  statusEvent?: string;
  statusDescription?: string;
  /** The meaning of the code in words. */
  meaning: string;
  linkedMessageId?: string;
  /** The DPS export this report concerns, when one matches. */
  exportId?: string;
}

export interface MessageView extends InboxItem {
  contentType?: string;
  /** Size of the whole message in bytes, after gunzip. */
  size: number;
  statusSuccess?: string;
  statusTimestamp?: string;
  linkedMessageId?: string;
  checksum?: string;
  content: ContentView;
  report?: ReportExplanation;
}

export interface SavedFile {
  path: string;
  bytes: number;
}

export interface AckResult {
  messageId: string;
  ok: boolean;
  error?: string;
}

/** A file chosen in main's open dialog; the renderer only ever holds the opaque token. */
export interface ChosenFile {
  token: string;
  name: string;
  size: number;
}

export interface SendRequest {
  fileToken: string;
  to: string;
  workflowId: string;
  subject?: string;
  localId?: string;
  fileName?: string;
  compress: boolean;
  chunkSizeBytes?: number;
}

export interface SendResult {
  ok: boolean;
  messageId?: string;
  error?: string;
  /** True when a failure leaves it unknown whether MESH created the message (check by local id). */
  outcomeUnknown?: boolean;
  /** MESH has the message, but the console could not record it (a second sentence; do not send again). */
  warning?: string;
}

export interface MailboxLookupResult {
  mailboxId: string;
  mailboxName: string;
}

export interface SentItem {
  messageId: string;
  to: string;
  workflowId: string;
  fileName?: string;
  subject?: string;
  localId?: string;
  bytes: number;
  sentAt: string;
  /** MESH tracking status, lower case, as last read. */
  status?: string;
  trackedAt?: string;
  trackingError?: string;
}

export interface ExportStatusChange {
  status: ExportStatus;
  at: string;
  note?: string;
}

export interface ExportSummary {
  id: string;
  programme: Programme;
  fileName: string;
  localId: string;
  messageId?: string;
  recordCount: number;
  bytes: number;
  status: ExportStatus;
  createdAt: string;
  updatedAt: string;
  lastError?: string;
}

export interface ExportDetail extends ExportSummary {
  history: ExportStatusChange[];
  reportCode?: string;
}

export interface ExportRunResult {
  programme: Programme;
  exportId?: string;
  fileName?: string;
  recordCount: number;
  messageId?: string;
  status?: ExportStatus;
  error?: string;
  /** MESH has the file, but the console could not record it: the next run confirms it by local id. */
  warning?: string;
}

/** The export history and the records' own sent marks disagree: exports refuse until it is rebuilt. */
export interface ExportHistoryCheck {
  /** One sentence: what is wrong and what to do; absent when they agree. */
  problem?: string;
}

export interface ExportRecoveryResult {
  /** True when the history agrees with the records again and exports run. */
  recovered: boolean;
  message: string;
  exports: { exportId: string; programme: string; recordCount: number; status: ExportStatus | 'unknown'; messageId?: string; note: string }[];
}

export interface RowError {
  /** The file's line; 0 for a problem with the whole file (it could not be read or stored). */
  line: number;
  field: string;
  reason: string;
}

export interface ImportResult {
  ok: boolean;
  fileName: string;
  added: number;
  updated: number;
  unchanged: number;
  /** Records already sent whose re-import differs: reported, not resent. */
  changedAfterSent: { recordId: string; fields: string[] }[];
  errors: RowError[];
}

export interface RecordSummary {
  programme: Programme;
  unsent: number;
  total: number;
}

export type SecretName = 'password' | 'sharedKey' | 'privateKey' | 'privateKeyPassphrase';

/** Daily times as `HH:MM` (24-hour, Europe/London); the inbox refresh as an interval in minutes. */
export interface JobTimes {
  handshake: string;
  dpsExport: string;
  tracking: string;
  inboxRefreshMinutes: number;
}

export interface SettingsView {
  environment: EnvironmentName;
  baseUrl: string;
  mailbox: string;
  dpsMailbox: string;
  dpsWorkflowId: string;
  certificatePath?: string;
  caBundlePath?: string;
  disableSslVerification: boolean;
  dataDir: string;
  inboundFolder?: string;
  jobsEnabled: boolean;
  jobTimes: JobTimes;
  secrets: Record<SecretName, boolean>;
  /** Whether the system offers real encryption for secrets at rest. */
  secretEncryption: 'available' | 'unavailable';
  /** The operator accepted storing secrets without real encryption. */
  plaintextSecretsAccepted: boolean;
}

export interface SettingsPatch {
  environment?: EnvironmentName;
  baseUrl?: string;
  mailbox?: string;
  dpsMailbox?: string;
  dpsWorkflowId?: string;
  disableSslVerification?: boolean;
  jobsEnabled?: boolean;
  jobTimes?: Partial<JobTimes>;
  /** The exact words the operator typed to accept unencrypted secrets: PLAINTEXT_SECRETS_ACCEPTANCE. */
  acceptPlaintextSecrets?: string;
}

/** What an operator types, word for word, to store secrets where the system offers no real encryption. */
export const PLAINTEXT_SECRETS_ACCEPTANCE = 'I accept that secrets are stored unencrypted';

export type SettingsFileKind = 'certificate' | 'privateKey' | 'caBundle' | 'inboundFolder';

export interface CsrRequest {
  mailbox: string;
  odsCode: string;
  passphrase: string;
}

export interface CsrResult {
  commonName: string;
  csrPath: string;
  keyPath: string;
}

export interface AuditEntry {
  at: string;
  kind: 'mesh' | 'export' | 'import' | 'settings' | 'job' | 'message';
  action: string;
  outcome: 'ok' | 'failed';
  detail?: string;
  messageId?: string;
  exportId?: string;
  status?: number;
}

export interface AuditQuery {
  search?: string;
  limit?: number;
}

export type ConsoleEvent =
  /**
   * Long work moving along. `operation` is the API operation's name ('sendFile', 'saveMessage',
   * 'importRecords', 'runExport', ...); `id` says which one (the file token for sendFile, the
   * message id for saveMessage, the export id for exports); done and total in bytes or rows.
   */
  | { type: 'progress'; operation: ApiOperation; id: string; done: number; total: number }
  | { type: 'export-status'; exportId: string; status: ExportStatus }
  | { type: 'inbox-changed'; count: number }
  | { type: 'job'; job: JobState }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string }
  /** Something the operator should hear about even with the window closed: main shows a native notification. */
  | { type: 'alert'; alert: AlertKind; title: string; text: string; exportId?: string; messageId?: string };

/** The happenings that warrant a native notification. */
export type AlertKind = 'export-failed' | 'report-arrived' | 'certificate-expiring' | 'mailbox-unreachable';

export interface MeshConsoleApi {
  overview(): Promise<Overview>;
  validateMailbox(): Promise<HandshakeResult>;

  inbox(query: InboxQuery): Promise<InboxItem[]>;
  message(id: string): Promise<MessageView>;
  saveMessage(id: string): Promise<SavedFile | null>;
  acknowledge(ids: string[]): Promise<AckResult[]>;

  chooseFileToSend(): Promise<ChosenFile | null>;
  sendFile(request: SendRequest): Promise<SendResult>;
  lookupMailbox(odsCode: string, workflowId: string): Promise<MailboxLookupResult[]>;
  sentMessages(): Promise<SentItem[]>;
  trackSent(messageId: string): Promise<SentItem>;

  records(): Promise<RecordSummary[]>;
  importRecords(): Promise<ImportResult | null>;
  exports(): Promise<ExportSummary[]>;
  exportDetail(id: string): Promise<ExportDetail>;
  runExport(programme?: Programme): Promise<ExportRunResult[]>;
  retryExport(id: string): Promise<ExportRunResult>;
  trackExports(): Promise<ExportSummary[]>;
  saveExportCsv(id: string): Promise<SavedFile | null>;
  exportHistoryCheck(): Promise<ExportHistoryCheck>;
  /** Rebuilds a lost or damaged history from the records and MESH tracking; sends nothing. */
  recoverExportHistory(): Promise<ExportRecoveryResult>;

  settings(): Promise<SettingsView>;
  updateSettings(patch: SettingsPatch): Promise<SettingsView>;
  setSecret(name: SecretName, value: string): Promise<SettingsView>;
  clearSecret(name: SecretName): Promise<SettingsView>;
  chooseSettingsFile(kind: SettingsFileKind): Promise<SettingsView>;
  certificate(): Promise<CertificateSummary | null>;
  createCsr(request: CsrRequest): Promise<CsrResult | null>;
  testConnection(): Promise<HandshakeResult>;

  jobs(): Promise<JobState[]>;
  runJob(name: JobName): Promise<JobState>;

  audit(query: AuditQuery): Promise<AuditEntry[]>;

  onEvent(listener: (event: ConsoleEvent) => void): () => void;
}

/** Every request/response operation, in one list: the allow-list for IPC and preload. */
export const API_OPERATIONS = [
  'overview', 'validateMailbox',
  'inbox', 'message', 'saveMessage', 'acknowledge',
  'chooseFileToSend', 'sendFile', 'lookupMailbox', 'sentMessages', 'trackSent',
  'records', 'importRecords', 'exports', 'exportDetail', 'runExport', 'retryExport', 'trackExports', 'saveExportCsv',
  'exportHistoryCheck', 'recoverExportHistory',
  'settings', 'updateSettings', 'setSecret', 'clearSecret', 'chooseSettingsFile', 'certificate', 'createCsr', 'testConnection',
  'jobs', 'runJob',
  'audit',
] as const satisfies readonly Exclude<keyof MeshConsoleApi, 'onEvent'>[];

export type ApiOperation = (typeof API_OPERATIONS)[number];

/** The one channel main sends events on. */
export const EVENT_CHANNEL = 'mesh-console:event';

/** The IPC channel for an operation. */
export function channelFor(operation: ApiOperation): string {
  return `mesh-console:${operation}`;
}

/** Thrown across the bridge: a sentence for the operator and a stable kind for code. */
export interface ApiErrorShape {
  message: string;
  kind: string;
}

/**
 * What crosses IPC for each call: main never lets an error escape as a rejection (Electron would
 * wrap its message in "Error invoking remote method ..."); the preload unwraps and re-throws.
 */
export type ApiEnvelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// Compile-time check that API_OPERATIONS lists every operation of MeshConsoleApi.
type UnlistedOperation = Exclude<Exclude<keyof MeshConsoleApi, 'onEvent'>, ApiOperation>;
export const everyOperationListed: [UnlistedOperation] extends [never] ? true : never = true;
