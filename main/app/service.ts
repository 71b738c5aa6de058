// The console's operations in one typed object: what the GUI calls (through ipc.ts) and what
// the GUI tests bind window.meshConsole to. It stands on the same runtime and operations as the
// command line; here are only what a desktop adds: dialogs, file tokens, events, the scheduler.
import type {
  ConsoleEvent,
  HandshakeResult,
  InboxItem,
  InboxQuery,
  JobName,
  JobState,
  ConsoleOperations,
  Overview,
  Programme,
  ProfileOperationName,
} from '../domain';
import { NOTICE_TOPICS, unreadableSettingsSentence } from '../domain';
import { inScreenWords } from './service/settings-screen-words';
import { lastHandshake, validateMailbox } from '../operations/handshake';
import type { InboundFolderTiming } from '../operations/watch-inbound-folder';
import { InboxCache, oldestReceivedAt } from '../operations/inbox';
import type { DialogPort, FileManagerPort, NotificationPort, SecretEncryptor } from '../ports';
import { ConsoleRuntime } from './runtime';
import { createProfilesService } from './profiles-service';
import { chooseProfile, openProfiles } from '../profiles/profiles';
import { defaultDataDir } from '../settings/data-dir';
import { checkFolderUsable } from '../settings/private-folder';
import { refreshInbox } from './inbox-refresh';
import { startBackgroundWork } from './service/background-work';
import { certificateSummary } from './service/certificate-summary';
import { auditOperations } from './service/audit-operations';
import { sendOperations } from './service/send-operations';
import { withWhereInSettings } from './service/where-in-settings';
import { exportOperations } from './service/export-operations';
import { createInboxOperations } from './service/inbox-operations';
import { folderOperations } from './service/folder-operations';
import { SettingsOperations } from './service/settings-operations';
import { watchBackgroundSettings } from './service/background-settings-watch';
import { jobsChangeNotice } from './service/jobs-change-notice';
import { exportSummary } from '../exports/views';
import { createEventHub } from './event-hub';

export interface ConsoleServiceOptions {
  /** The whole data folder (default MESH_DATA_DIR, else the platform's); the service opens its current profile. */
  dataDir?: string;
  /** A profile other than the current one. */
  profile?: string;
  env?: NodeJS.ProcessEnv;
  /** `secrets` encrypts the vault; `legacySecrets` is what an earlier version encrypted it with (safeStorage). */
  ports: {
    dialogs: DialogPort;
    notifications?: NotificationPort;
    secrets: SecretEncryptor;
    legacySecrets?: SecretEncryptor;
    fileManager?: FileManagerPort;
  };
  /** Fill a new local MESH server with demo data (default true). */
  seedDemoData?: boolean;
  /** Start the scheduler (default true; it runs only what is switched on). */
  startScheduler?: boolean;
  localPort?: number;
  /** The packaged app's resources folder (where resources/ca is). */
  resourcesDir?: string;
  /** How often the inbound folder is looked at and how long a file must settle (defaults: 10 s and 5 s); tests make them short. */
  inboundFolderTiming?: InboundFolderTiming;
  /** The time the screens judge ages by (messages near expiry); default the system's. */
  now?: () => Date;
}

/** The console's one service: every domain operation, plus what the shell and tests need. */
export type ConsoleService = ConsoleOperations & {
  subscribe(listener: (event: ConsoleEvent) => void): () => void;
  wake(): void;
  close(): Promise<void>;
  /** The runtime underneath (the profile on screen's), for tests and the shell. */
  readonly runtime: ConsoleRuntime;
};

/** One profile's service: every operation but those about profiles (profiles-service.ts answers them). */
export type ProfileService = Omit<ConsoleService, ProfileOperationName> & {
  /** Messages never opened, as the last inbox read found them, without reading MESH; undefined before one. */
  unreadInInbox(): number | undefined;
};

/** The console's service: the profile on screen's, with the jobs of every profile that has them on (profiles-service.ts). */
export function createConsoleService(options: ConsoleServiceOptions): Promise<ConsoleService> {
  return createProfilesService(options, openProfileService);
}

const CERTIFICATE_WARNING_DAYS = 30;
/** Dates in notices read as words (1 December 2026), as on the screens. */
const UK_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
/** A listing younger than MESH's polling interval is shown again; "Check MESH now" always reads MESH. */
const INBOX_REUSE_MS = 5 * 60_000;

/** The service of one profile: `options.profile`, else the current one. */
export async function openProfileService(options: ConsoleServiceOptions): Promise<ProfileService> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env);
  await checkFolderUsable(dataDir);
  const profile = chooseProfile(await openProfiles(dataDir), options.profile);
  const runtime = await ConsoleRuntime.open({
    encryptor: options.ports.secrets,
    ...(options.ports.legacySecrets ? { legacyEncryptor: options.ports.legacySecrets } : {}),
    // The profiles layer has already taken the MESH_* variables away from a profile they are not for.
    env,
    dataDir: profile.dir,
    ...(options.seedDemoData !== undefined ? { seedDemoData: options.seedDemoData } : {}),
    ...(options.localPort !== undefined ? { localPort: options.localPort } : {}),
    ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
    purpose: 'the console app',
    auditSource: 'app',
  });
  const { dialogs } = options.ports;
  const events = createEventHub();
  const emit = events.emit;
  const inbox = new InboxCache();
  const inboxOperations = createInboxOperations({ runtime, inbox, dialogs, emit });
  let inboxError: string | undefined;

  runtime.stores.exports.onStatus((exported, previous) => {
    emit({ type: 'export-status', exportId: exported.id, status: exported.status });
    if (previous && ['failed', 'undeliverable', 'error'].includes(exported.status)) {
      emit({
        type: 'alert',
        alert: 'export-failed',
        title: `DPS export ${exported.status}`,
        text: `${exported.fileName}: ${exported.lastError ?? exported.status}`,
        exportId: exported.id,
        topic: NOTICE_TOPICS.exportFailed(exported.id),
      });
    } else if (previous) emit({ type: 'resolved', topic: NOTICE_TOPICS.exportFailed(exported.id) });
  });

  const hooks = {
    onInbox: (snapshot: { items: InboxItem[] }) => {
      inboxError = undefined;
      inboxOperations.listed(snapshot);
    },
    onReports: (applied: { reportId: string; exportId: string; status: string }[]) => {
      for (const report of applied) {
        emit({
          type: 'alert',
          alert: 'report-arrived',
          title: 'MESH REPORT about a DPS export',
          text: `Export ${report.exportId} is ${report.status}.`,
          exportId: report.exportId,
          messageId: report.reportId,
        });
      }
    },
    onExportProgress: (exportId: string, done: number, total: number) =>
      emit({ type: 'progress', operation: 'runExport', id: exportId, done, total }),
  };

  const background = await startBackgroundWork({
    runtime,
    inbox,
    hooks,
    // A scheduled handshake that succeeds clears the notice that the mailbox could not be reached.
    emit: (event) => {
      emit(event);
      if (event.type === 'job' && event.job.name === 'handshake' && !event.job.running && event.job.lastResult === 'ok')
        emit({ type: 'resolved', topic: NOTICE_TOPICS.mailbox });
    },
    startScheduler: options.startScheduler ?? true,
    ...(options.inboundFolderTiming ? { inboundFolderTiming: options.inboundFolderTiming } : {}),
  });

  const settingsChanged = async () => {
    // New settings: a new client (done by the runtime), a fresh inbox and a scheduler with the new times.
    inbox.clear();
    inboxOperations.reset();
    await background.restart();
    if (!certificateExpiring()) emit({ type: 'resolved', topic: NOTICE_TOPICS.certificate });
  };
  const settingsOperations = new SettingsOperations(runtime, dialogs, settingsChanged);
  // Another process changed what the background work runs on: the scheduler (a job under way finishes first) and folders anew.
  const backgroundSettings = watchBackgroundSettings(
    runtime,
    async (next) => {
      const notice = jobsChangeNotice(runtime.settings, next);
      await runtime.reloadSettings();
      await settingsChanged();
      if (notice) emit({ type: 'notice', level: 'info', text: notice, topic: NOTICE_TOPICS.jobsChanged });
    },
    (reason) =>
      emit(
        reason === undefined
          ? { type: 'resolved', topic: NOTICE_TOPICS.settingsUnreadable }
          : {
              type: 'notice',
              level: 'warning',
              text: unreadableSettingsSentence(profile.name, reason),
              topic: NOTICE_TOPICS.settingsUnreadable,
            },
      ),
  );

  const firstInboxRead = background.readInboxAtStart().then(
    () => undefined,
    (error: unknown) => {
      inboxError = error instanceof Error ? error.message : String(error);
    },
  );

  for (const notice of runtime.startupNotices) emit({ type: 'notice', level: 'warning', text: notice });
  function certificateExpiring() {
    const certificate = certificateSummary(runtime);
    return certificate && !certificate.problem && certificate.daysUntilExpiry <= CERTIFICATE_WARNING_DAYS ? certificate : undefined;
  }
  const certificate = certificateExpiring();
  if (certificate) {
    emit({
      type: 'alert',
      alert: 'certificate-expiring',
      title: 'MESH certificate expires soon',
      text:
        `The client certificate expires in ${certificate.daysUntilExpiry} days (${UK_DATE.format(Date.parse(certificate.validTo))}); ` +
        `ask the NHS service desk for a new one.`,
      topic: NOTICE_TOPICS.certificate,
    });
  }

  /** A handshake; a failure is also an alert unless the operator is testing the connection (the screen says it in place). */
  async function handshake(alertOnFailure: boolean): Promise<HandshakeResult> {
    const result = withWhereInSettings(await validateMailbox(runtime, (error) => String((inScreenWords(error) as Error).message ?? error)));
    if (result.ok) emit({ type: 'resolved', topic: NOTICE_TOPICS.mailbox });
    else if (alertOnFailure) {
      emit({
        type: 'alert',
        alert: 'mailbox-unreachable',
        title: 'MESH mailbox cannot be reached',
        text: result.error ?? 'The handshake failed.',
        topic: NOTICE_TOPICS.mailbox,
      });
    }
    return result;
  }

  async function listInbox(query: InboxQuery): Promise<InboxItem[]> {
    try {
      if (query.workflowFilter) return inboxOperations.withMarks((await inbox.refresh(await runtime.client(), query.workflowFilter)).items);
      const snapshot = inbox.snapshot;
      if (query.refresh || !snapshot || Date.now() - Date.parse(snapshot.refreshedAt) > INBOX_REUSE_MS) {
        return inboxOperations.withMarks((await refreshInbox(runtime, inbox, hooks)).items);
      }
      return inboxOperations.withMarks(snapshot.items);
    } catch (error) {
      inboxError = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  const service: ProfileService = {
    runtime,

    async overview(): Promise<Overview> {
      await runtime.stores.refresh();
      const settings = runtime.settings;
      const snapshot = inbox.snapshot;
      const unsentRecords = Object.fromEntries(runtime.stores.records.summary().map((s) => [s.programme, s.unsent])) as Record<
        Programme,
        number
      >;
      const handshakeResult = lastHandshake(runtime);
      const cert = certificateSummary(runtime);
      const oldest = snapshot ? oldestReceivedAt(snapshot.items) : undefined;
      return {
        environment: settings.environment,
        baseUrl: runtime.local?.server.url ?? settings.baseUrl,
        mailbox: settings.mailbox,
        dpsMailbox: settings.dpsMailbox,
        sandbox: settings.environment === 'local',
        ...(handshakeResult ? { lastHandshake: handshakeResult } : {}),
        ...(cert ? { certificate: cert } : {}),
        inbox: {
          count: snapshot?.items.length ?? 0,
          ...(snapshot ? { unread: inboxOperations.unreadCount(snapshot.items) } : {}),
          ...(oldest ? { oldestReceivedAt: oldest } : {}),
          ...(snapshot ? { refreshedAt: snapshot.refreshedAt } : {}),
          ...(inboxError ? { error: inboxError } : {}),
        },
        jobsEnabled: settings.jobsEnabled,
        jobs: background.scheduler().states(),
        recentExports: runtime.stores.exports.list({ limit: 5 }).map(exportSummary),
        unsentRecords,
      };
    },

    validateMailbox: () => handshake(true),
    testConnection: () => handshake(false),

    inbox: listInbox,

    ...inboxOperations.operations,

    ...sendOperations(runtime, dialogs, emit),

    ...exportOperations(runtime, dialogs, hooks),

    async settings() {
      return settingsOperations.view();
    },
    async updateSettings(patch) {
      return settingsOperations.update(patch);
    },
    async setSecret(name, value) {
      return settingsOperations.setSecret(name, value);
    },
    async clearSecret(name) {
      return settingsOperations.clearSecret(name);
    },
    async chooseSettingsFile(kind) {
      return settingsOperations.chooseFile(kind);
    },
    async certificate() {
      return certificateSummary(runtime);
    },
    async createCsr(request) {
      return settingsOperations.createCsr(request);
    },

    ...folderOperations({
      runtime,
      inbox,
      hooks,
      kept: background.kept,
      onPass: background.onFolderPass,
      dialogs,
      saveFolders: (section) => settingsOperations.update({ folders: section }),
      ...(options.ports.fileManager ? { fileManager: options.ports.fileManager } : {}),
      now: options.now ?? (() => new Date()),
    }),

    async jobs(): Promise<JobState[]> {
      return background.scheduler().states();
    },

    unreadInInbox() {
      const snapshot = inbox.snapshot;
      return snapshot ? inboxOperations.unreadCount(snapshot.items) : undefined;
    },

    async runJob(name: JobName): Promise<JobState> {
      return background.scheduler().runNow(name);
    },

    ...auditOperations(runtime, dialogs),

    subscribe: events.subscribe,

    wake() {
      background.scheduler().wake();
    },

    async close() {
      await backgroundSettings.stop();
      await firstInboxRead;
      await inboxOperations.settle();
      await background.stop();
      await runtime.close();
      events.clear();
    },
  };
  return service;
}
