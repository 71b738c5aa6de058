// The console's API contract across IPC: the operations of the domain (main/domain/operations.ts)
// plus the event subscription, and the channel names. `main/ipc.ts` registers exactly these
// names, `preload/index.ts` exposes exactly these names, and the renderer calls exactly these.
// Secrets cross only inwards (set, clear); reads tell whether a secret is set, never its value.
import { PROFILE_OPERATIONS, type ChosenFile, type ConsoleEvent, type ConsoleOperations } from '../main/domain';

// The renderer speaks the domain's types; it reaches them here, never in main/ itself.
export * from '../main/domain';

export interface MeshConsoleApi extends Omit<ConsoleOperations, 'chooseDroppedFile'> {
  onEvent(listener: (event: ConsoleEvent) => void): () => void;
  /**
   * A file dropped on the window. The renderer hands over the File; the preload asks Electron
   * where it is on disk (webUtils.getPathForFile: only files the operator dropped or picked have
   * a path) and main checks that path and reads the file itself. The renderer never names a path.
   */
  chooseDroppedFile(file: File): Promise<ChosenFile>;
}

/** Every request/response operation, in one list: the allow-list for IPC and preload. */
export const API_OPERATIONS = [
  'overview',
  'validateMailbox',
  'inbox',
  'message',
  'saveMessage',
  'acknowledge',
  'acknowledgeCheck',
  'saveAndAcknowledge',
  'chooseSaveFolder',
  'chooseFileToSend',
  'sendFile',
  'cancelSend',
  'chooseDroppedFile',
  'sendSuggestions',
  'lookupMailbox',
  'sentMessages',
  'trackSent',
  'records',
  'importRecords',
  'exports',
  'exportDetail',
  'runExport',
  'retryExport',
  'trackExports',
  'saveExportCsv',
  'exportHistoryCheck',
  'recoverExportHistory',
  'settings',
  'updateSettings',
  'setSecret',
  'clearSecret',
  'chooseSettingsFile',
  'certificate',
  'createCsr',
  'testConnection',
  'folders',
  'runFolderPass',
  'openFolder',
  'chooseFolder',
  'updateFolderRules',
  'jobs',
  'runJob',
  'audit',
  'saveAuditCsv',
  ...PROFILE_OPERATIONS,
] as const satisfies readonly Exclude<keyof MeshConsoleApi, 'onEvent'>[];

export type ApiOperation = (typeof API_OPERATIONS)[number];

/** What the operator reads when a dropped item has no path on disk (text, a link, a file made in the page). */
export const NOT_A_DROPPED_FILE = 'What was dropped is not a file on this computer: drop a file, or use “Choose a file”.';

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
