// Registers exactly API_OPERATIONS on ipcMain: each call must come from the console's own window
// and page, its arguments must pass the operation's schema, and what goes back is an envelope
// ({ ok, value } or { ok: false, error: { message, kind } }) the preload unwraps.
// Electron is only imported for its types, so tests and the GUI harness can use this file under Node.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { API_OPERATIONS, EVENT_CHANNEL, PROGRAMMES, channelFor, type ApiEnvelope, type ApiOperation } from '../preload/api';
import type { ConsoleService } from './app/service';
import { AUDIT_KINDS, type ConsoleOperations, type Programme } from './domain';
import { whereInSettings } from './electron/where-settings-are';
import { isMeshError } from './mesh/errors';

export type { ConsoleService } from './app/service';

const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(256);
const programme = z.enum(PROGRAMMES as unknown as [Programme, ...Programme[]]);
const secretName = z.enum(['password', 'sharedKey', 'privateKey', 'privateKeyPassphrase']);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const instant = z.string().datetime({ offset: true });
/** Checked for its characters in main/profiles/profile-name.ts, with the sentence the operator reads. */
const profileName = z.string().min(1).max(100);
const auditFilter = z.strictObject({
  search: text(500).optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
  outcome: z.enum(['ok', 'failed']).optional(),
  since: instant.optional(),
  until: instant.optional(),
  olderFiles: z.boolean().optional(),
});

/** The arguments each operation accepts, as a tuple. */
export const OPERATION_ARGUMENTS = {
  overview: z.tuple([]),
  validateMailbox: z.tuple([]),

  inbox: z.tuple([z.strictObject({ workflowFilter: text(200).optional(), refresh: z.boolean().optional() })]),
  message: z.tuple([id]),
  saveMessage: z.tuple([id]),
  acknowledge: z.tuple([z.array(id).min(1).max(10_000)]),
  acknowledgeCheck: z.tuple([z.array(id).min(1).max(10_000)]),
  saveAndAcknowledge: z.tuple([z.array(id).min(1).max(10_000)]),
  chooseSaveFolder: z.tuple([]),

  chooseFileToSend: z.tuple([]),
  sendFile: z.tuple([
    z.strictObject({
      fileToken: id,
      to: z.string().min(1).max(64),
      workflowId: z.string().min(1).max(256),
      subject: text(500).optional(),
      localId: text(256).optional(),
      fileName: text(500).optional(),
      compress: z.boolean(),
      chunkSizeBytes: z
        .number()
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .optional(),
    }),
  ]),
  cancelSend: z.tuple([id]),
  chooseDroppedFile: z.tuple([z.string().min(1).max(4096)]),
  sendSuggestions: z.tuple([]),
  lookupMailbox: z.tuple([z.string().min(1).max(32), z.string().min(1).max(256)]),
  sentMessages: z.tuple([]),
  trackSent: z.tuple([id]),

  records: z.tuple([]),
  importRecords: z.tuple([]),
  exports: z.tuple([]),
  exportDetail: z.tuple([id]),
  runExport: z.tuple([programme.optional()]),
  retryExport: z.tuple([id]),
  trackExports: z.tuple([]),
  saveExportCsv: z.tuple([id]),
  exportHistoryCheck: z.tuple([]),
  recoverExportHistory: z.tuple([]),

  settings: z.tuple([]),
  updateSettings: z.tuple([
    z.strictObject({
      environment: z.enum(['local', 'integration', 'deployment', 'production', 'custom']).optional(),
      baseUrl: text(2048).optional(),
      mailbox: text(64).optional(),
      dpsMailbox: text(64).optional(),
      dpsWorkflowId: text(256).optional(),
      disableSslVerification: z.boolean().optional(),
      localServerStrict: z.boolean().optional(),
      jobsEnabled: z.boolean().optional(),
      jobTimes: z
        .strictObject({
          handshake: hhmm.optional(),
          dpsExport: hhmm.optional(),
          tracking: hhmm.optional(),
          // Any whole number gets through: the settings check says the limits, naming the field.
          inboxRefreshMinutes: z.number().int().nonnegative().max(1_000_000).optional(),
        })
        .optional(),
      resetCaBundle: z.literal(true).optional(),
      acceptPlaintextSecrets: text(500).optional(),
    }),
  ]),
  setSecret: z.tuple([secretName, z.string().min(1).max(100_000)]),
  clearSecret: z.tuple([secretName]),
  chooseSettingsFile: z.tuple([z.enum(['certificate', 'privateKey', 'caBundle', 'inboundFolder'])]),
  certificate: z.tuple([]),
  createCsr: z.tuple([
    z.strictObject({ mailbox: z.string().min(1).max(64), odsCode: z.string().min(1).max(16), passphrase: z.string().min(1).max(1024) }),
  ]),
  testConnection: z.tuple([]),

  folders: z.tuple([]),
  runFolderPass: z.tuple([]),
  openFolder: z.tuple([z.enum(['out', 'in', 'sent', 'failed'])]),
  chooseFolder: z.tuple([z.enum(['out', 'in', 'sent', 'failed'])]),
  updateFolderRules: z.tuple([
    z.strictObject({ layout: z.enum(['java', 'plain']), workflowFilter: text(255), ruleTo: text(64), ruleWorkflowId: text(255) }),
  ]),

  jobs: z.tuple([]),
  runJob: z.tuple([z.enum(['handshake', 'dpsExport', 'tracking', 'inboxRefresh'])]),

  profiles: z.tuple([]),
  switchProfile: z.tuple([profileName]),
  addProfile: z.tuple([
    z.strictObject({
      name: profileName,
      environment: z.enum(['local', 'integration', 'deployment', 'production', 'custom']),
      baseUrl: text(2048).optional(),
      mailbox: z.string().min(1).max(64),
      dpsMailbox: text(64).optional(),
    }),
  ]),
  renameProfile: z.tuple([profileName, profileName]),
  duplicateProfile: z.tuple([profileName, profileName]),
  removeProfile: z.tuple([profileName, text(200).optional()]),

  audit: z.tuple([
    auditFilter.extend({
      offset: z.number().int().min(0).max(10_000_000).optional(),
      asOf: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ]),
  saveAuditCsv: z.tuple([auditFilter]),
} satisfies { [K in ApiOperation]: z.ZodType<Parameters<ConsoleOperations[K]>> };

// The other direction: every argument list the operation's type allows passes its schema's type,
// so a schema and its operation cannot drift apart without the type check saying so.
type SchemaAccepts<K extends ApiOperation> = Parameters<ConsoleOperations[K]> extends z.input<(typeof OPERATION_ARGUMENTS)[K]> ? true : K;
type Drifted = { [K in ApiOperation]: SchemaAccepts<K> }[ApiOperation];
export const schemasMatchOperations: [Exclude<Drifted, true>] extends [never] ? true : Exclude<Drifted, true> = true;

const ALLOWED = new Set<string>(API_OPERATIONS);

function refusal(message: string, kind: string): ApiEnvelope {
  return { ok: false, error: { message, kind } };
}

/**
 * A thrown error as the operator's sentence; the kind from the error when it carries one. A MESH
 * error naming settings to check is followed by where they are in Settings.
 */
export function errorEnvelope(error: unknown): ApiEnvelope {
  const kind = error && typeof error === 'object' && 'kind' in error && typeof error.kind === 'string' ? error.kind : 'error';
  const message =
    error instanceof Error && error.message
      ? error.message
      : 'The console hit a problem it could not describe: try again, and check the audit log.';
  const where = isMeshError(error) ? whereInSettings(error.settings) : undefined;
  return refusal(where ? `${message} ${where}` : message, kind);
}

/**
 * Validates and runs one operation against the service. Shared by the IPC handlers and the GUI
 * test harness, so both cross the same boundary.
 */
export function createOperationInvoker(service: ConsoleService) {
  return async function invoke(operation: string, args: unknown[]): Promise<ApiEnvelope> {
    if (!ALLOWED.has(operation)) return refusal(`The console does not offer an operation called “${operation}”.`, 'unknown-operation');
    const op = operation as ApiOperation;
    const parsed = OPERATION_ARGUMENTS[op].safeParse(args);
    if (!parsed.success) {
      // Say where the request was wrong, never what it held (it may carry a secret).
      const where = parsed.error.issues.map((issue) => [op, ...issue.path].join('.')).join(', ');
      return refusal(`The console refused a malformed request (${where}): restart the application and try again.`, 'invalid-request');
    }
    try {
      const method = service[op] as (...a: unknown[]) => Promise<unknown>;
      const value = await method.apply(service, parsed.data as unknown[]);
      return { ok: true, value };
    } catch (error) {
      return errorEnvelope(error);
    }
  };
}

/** The parts of a BrowserWindow the sender check needs (structural, so tests need no Electron). */
export interface AppWindowLike {
  isDestroyed(): boolean;
  webContents: { id: number; mainFrame: unknown; isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

/**
 * True when an IPC call comes from the main frame of the console's own window, showing the
 * console's own page (`appUrl`, app://console/index.html, compared without hash or query).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: AppWindowLike | null,
  appUrl: string,
): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return samePage(frame.url, appUrl);
}

export function samePage(url: string, appUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  service: ConsoleService;
  getWindow: () => AppWindowLike | null;
  appUrl: string;
}

/** Registers every operation and forwards service events to the window; returns an undo. */
export function registerIpc({ ipcMain, service, getWindow, appUrl }: IpcOptions): () => void {
  const invoke = createOperationInvoker(service);
  for (const operation of API_OPERATIONS) {
    ipcMain.handle(channelFor(operation), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, getWindow(), appUrl))
        return refusal('This request did not come from the console’s own window, so it was refused.', 'forbidden');
      return invoke(operation, args);
    });
  }
  const unsubscribe = service.subscribe((event) => {
    const window = getWindow();
    if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const operation of API_OPERATIONS) ipcMain.removeHandler(channelFor(operation));
  };
}
