// Every operation the console offers its screens (and the GUI tests), in domain terms. The
// service implements them; the IPC contract adds the event subscription and the channel names.
import type { AuditFilter, AuditPage, AuditQuery } from './audit';
import type { ExportDetail, ExportHistoryCheck, ExportRecoveryResult, ExportRunResult, ExportSummary } from './exports';
import type { FolderName, FolderPassResult, FolderRulesChange, FoldersView } from './folders';
import type { JobName, JobState } from './jobs';
import type {
  AckResult,
  AcknowledgeCheck,
  ChosenFile,
  HandshakeResult,
  InboxItem,
  InboxQuery,
  MailboxLookupResult,
  MessageView,
  SavedFile,
  SaveAndAcknowledgeResult,
  SendRequest,
  SendResult,
  SendSuggestions,
  SentItem,
} from './messages';
import type { Overview } from './overview';
import type { NewProfile, ProfilesView } from './profiles';
import type { ImportResult, Programme, RecordSummary } from './records';
import type { CertificateSummary, CsrRequest, CsrResult, SecretName, SettingsFileKind, SettingsPatch, SettingsView } from './settings';

export interface ConsoleOperations {
  overview(): Promise<Overview>;
  validateMailbox(): Promise<HandshakeResult>;

  inbox(query: InboxQuery): Promise<InboxItem[]>;
  message(id: string): Promise<MessageView>;
  saveMessage(id: string): Promise<SavedFile | null>;
  acknowledge(ids: string[]): Promise<AckResult[]>;
  /** How many, which never saved or opened, and the save folder: what the screen asks about before acknowledging. */
  acknowledgeCheck(ids: string[]): Promise<AcknowledgeCheck>;
  /**
   * Saves each message into the operator's folder (asking for it the first time), then acknowledges
   * those on disk; null when the folder dialog was cancelled.
   */
  saveAndAcknowledge(ids: string[]): Promise<SaveAndAcknowledgeResult | null>;
  /** Asks for the folder "Save and acknowledge" saves to; null when cancelled. */
  chooseSaveFolder(): Promise<string | null>;

  chooseFileToSend(): Promise<ChosenFile | null>;
  sendFile(request: SendRequest): Promise<SendResult>;
  /** Stops the send of this chosen file after the chunk on the wire; false when it is not being sent. */
  cancelSend(fileToken: string): Promise<boolean>;
  /** The file the operator dropped on the window (its path as the preload found it); main checks it is a readable file. */
  chooseDroppedFile(path: string): Promise<ChosenFile>;
  sendSuggestions(): Promise<SendSuggestions>;
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

  /** The mailbox folders, the last passes and the inbox's messages near expiry. */
  folders(): Promise<FoldersView>;
  /** One pass now: OUT, then the inbox (read once, shared with the inbox screen). */
  runFolderPass(): Promise<FolderPassResult>;
  /** Shows one of the folders in the system's file manager. */
  openFolder(folder: FolderName): Promise<void>;
  /**
   * Changes one folder to one chosen in the system's dialog; with no folders set yet, asks for OUT
   * and then IN. Null when a dialog was cancelled (nothing changed).
   */
  chooseFolder(folder: FolderName): Promise<FoldersView | null>;
  /** Saves the layout, workflow filter and folder rule, checked as settings.json is. */
  updateFolderRules(change: FolderRulesChange): Promise<FoldersView>;

  jobs(): Promise<JobState[]>;
  runJob(name: JobName): Promise<JobState>;

  /** The profiles, which is on screen, and each one's environment and mailbox. */
  profiles(): Promise<ProfilesView>;
  /** Puts another profile on screen; nothing stored is asked for again. Its jobs, and others', keep running. */
  switchProfile(name: string): Promise<ProfilesView>;
  addProfile(profile: NewProfile): Promise<ProfilesView>;
  renameProfile(name: string, newName: string): Promise<ProfilesView>;
  /** A new profile with the same connection settings, without secrets, folders or jobs. */
  duplicateProfile(name: string, newName: string): Promise<ProfilesView>;
  /** Takes a profile off the list; its data is deleted only when `deleteDataWords` is deleteProfileDataWords(name). */
  removeProfile(name: string, deleteDataWords?: string): Promise<ProfilesView>;

  /** One page of the entries matching the query, newest first, with how many match. */
  audit(query: AuditQuery): Promise<AuditPage>;
  /** Every entry matching the filter, as CSV, where the operator chooses (save dialog); null when cancelled. */
  saveAuditCsv(filter: AuditFilter): Promise<SavedFile | null>;
}

export type ConsoleOperationName = keyof ConsoleOperations;
