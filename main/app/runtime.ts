// The console's core, put together from its settings: secrets, stores, the MESH client, and
// (when no real mailbox is configured) the local MESH server with demo data. The GUI's service
// and the command line both stand on this.
import { join } from 'node:path';
import type { AuditSource, SecretName } from '../domain';
import { exportStores, type ExportContext } from '../exports/context';
import type { VaccinationRecord } from '../dps/record';
import type { LocalMesh } from './local-mesh';
import { MeshClient, type MeshCall } from '../mesh';
import type { SecretEncryptor } from '../ports';
import { loadSettings, type Settings } from '../settings/load-settings';
import { meshClientOptions, resolveConnection, type MeshConnection } from '../settings/resolve-connection';
import { checkFolderUsable, ensurePrivateFolder } from '../settings/private-folder';
import { layeredSecrets, SecretsVault, type SecretSource } from '../settings/secrets-vault';
import { lockWaitFromEnv } from '../store/folder-lock';
import { meshStoresOf, openMeshStores, openStores, type MeshStores, type Stores } from '../store/open-stores';
import { storageProblem } from '../store/storage-errors';

export const CLIENT_NAME = 'mesh-console 0.1.0';

export interface RuntimeOptions {
  encryptor: SecretEncryptor;
  /** What an earlier version stored secrets with (the app's safeStorage): they are encrypted again with `encryptor`. */
  legacyEncryptor?: SecretEncryptor;
  env?: NodeJS.ProcessEnv;
  /** Default: MESH_DATA_DIR, else the platform's app data folder. */
  dataDir?: string;
  /** Secrets from the command line's secrets file; the environment and the vault come first. */
  extraSecrets?: Partial<Record<SecretName, string>>;
  /** Fill a new local MESH server and the records store with demo data. Default true. */
  seedDemoData?: boolean;
  /** Where resources/ca is (the packaged app's resources folder); default the source tree's. */
  resourcesDir?: string;
  /** Port for the embedded local MESH server; default a free one. */
  localPort?: number;
  log?: (line: string) => void;
  now?: () => Date;
  /** Who this process is, for the sentence another process shows while it waits for a lock. */
  purpose?: string;
  /** Where this process's audit entries come from (scheduled jobs mark their own as 'job'). Default 'cli'. */
  auditSource?: AuditSource;
  /** False where nothing reads the audit log's earlier entries (the command line only appends): see AuditLogOptions.history. */
  auditHistory?: boolean;
  /**
   * Open only the stores talking to MESH uses (`meshStores`: the command line's MESH commands): `stores` then
   * throws. Ignored when the console runs its own local server, whose demo data goes into the records.
   */
  meshStoresOnly?: boolean;
  /** With meshStoresOnly: told of a store file set aside when it is first used (after the startup notices). */
  onLateStoreNotice?: (sentence: string) => void;
}

export class ConsoleRuntime {
  private meshClient: MeshClient | undefined;
  private readonly notices: string[] = [];

  private constructor(
    private readonly options: RuntimeOptions,
    public settings: Settings,
    private readonly openedStores: Stores<VaccinationRecord> | undefined,
    /** The stores talking to MESH uses: those of `stores`, or opened alone (meshStoresOnly). */
    readonly meshStores: MeshStores,
    readonly vault: SecretsVault,
    public local: LocalMesh | undefined,
  ) {
    this.notices.push(...meshStores.notices.map((notice) => notice.message));
    if (vault.notice) this.notices.push(vault.notice);
  }

  /** The data folder's stores; absent when opened with meshStoresOnly (a programming error to ask then). */
  get stores(): Stores<VaccinationRecord> {
    if (!this.openedStores) throw new Error('The runtime was opened with meshStoresOnly: open it without for the stores.');
    return this.openedStores;
  }

  static async open(options: RuntimeOptions): Promise<ConsoleRuntime> {
    const env = options.env ?? process.env;
    if (options.dataDir) await checkFolderUsable(options.dataDir);
    const settings = await loadSettings({ env, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    await ensurePrivateFolder(settings.dataDir);
    const waitMs = lockWaitFromEnv(env);
    const storeOptions = {
      ...(options.now ? { now: options.now } : {}),
      ...(options.purpose ? { purpose: options.purpose } : {}),
      ...(options.log ? { onLockWait: options.log } : {}),
      ...(waitMs !== undefined ? { lockWaitMs: waitMs } : {}),
      audit: { source: options.auditSource ?? 'cli', ...(options.auditHistory === false ? { history: false } : {}) },
    };
    const meshStoresOnly = options.meshStoresOnly === true && !settings.embeddedServer;
    const stores = meshStoresOnly ? undefined : await openStores<VaccinationRecord>(settings.dataDir, storeOptions);
    const meshStores = stores
      ? meshStoresOf(stores)
      : await openMeshStores(settings.dataDir, {
          ...storeOptions,
          ...(options.onLateStoreNotice ? { onLateNotice: (notice) => options.onLateStoreNotice!(notice.message) } : {}),
        });
    const vault = await SecretsVault.open(settings.dataDir, options.encryptor, {
      ...(options.legacyEncryptor ? { legacyEncryptor: options.legacyEncryptor } : {}),
    });
    const runtime = new ConsoleRuntime(options, settings, stores, meshStores, vault, undefined);
    const historyProblem = await stores?.historyProblem();
    if (historyProblem) runtime.notices.push(historyProblem.message);
    try {
      await runtime.startLocalMeshIfNeeded();
    } catch (error) {
      await meshStores.close();
      throw error;
    }
    return runtime;
  }

  get dataDir(): string {
    return this.settings.dataDir;
  }

  /** The environment the settings are read with (its MESH_* variables override settings.json). */
  get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  /** Problems found while opening (store files set aside, ...), for the operator. */
  get startupNotices(): readonly string[] {
    return this.notices;
  }

  get secrets(): SecretSource {
    return layeredSecrets(this.options.extraSecrets, this.vault);
  }

  /** What the MESH client is built from; throws a SettingsError sentence when something is missing. */
  connection(): MeshConnection {
    const connection = resolveConnection(this.settings, this.secrets, {
      ...(this.options.resourcesDir ? { resourcesDir: this.options.resourcesDir } : {}),
      ...(this.local ? { embedded: { url: this.local.server.url, certificatePem: this.local.server.serverCertificatePem } } : {}),
    });
    if (this.local && !connection.certificatePem) {
      return {
        ...connection,
        certificatePem: this.local.clientIdentity.certificatePem,
        privateKeyPem: this.local.clientIdentity.privateKeyPem,
      };
    }
    return connection;
  }

  /** The client for the console's mailbox, built once per settings and secrets. */
  async client(): Promise<MeshClient> {
    // A secret another process set meanwhile (`mesh-console secret set`) is used from this connection on.
    if (await this.vault.refresh()) await this.dropClient();
    this.meshClient ??= this.clientFor(this.connection());
    return this.meshClient;
  }

  /** A client for another mailbox of the local server (demo data, tests). */
  localClient(mailbox: string): MeshClient {
    if (!this.local) throw new Error('There is no local MESH server: the console is set up for a real mailbox.');
    return this.clientFor({ ...this.connection(), mailbox, password: 'password', sharedKey: 'TestKey' }, false);
  }

  private clientFor(connection: MeshConnection, audited = true): MeshClient {
    return new MeshClient({
      ...meshClientOptions(connection),
      clientName: CLIENT_NAME,
      ...(this.options.log ? { log: this.options.log } : {}),
      ...(audited ? { onCall: (call: MeshCall) => this.auditCall(call) } : {}),
    });
  }

  private auditCall(call: MeshCall): void {
    this.meshStores.audit.append({
      kind: 'mesh',
      action: `${call.method} ${call.path}`,
      outcome: call.ok ? 'ok' : 'failed',
      ...(call.status !== undefined ? { status: call.status } : {}),
      ...(call.messageId ? { messageId: call.messageId } : {}),
      detail: `${call.ms} ms${call.attempt > 1 ? `, attempt ${call.attempt}` : ''}${call.error ? `: ${call.error}` : ''}`,
    });
  }

  exportContext(extra: Partial<ExportContext> = {}): ExportContext {
    return {
      ...exportStores(this.stores),
      client: () => this.client(),
      exportsDir: join(this.dataDir, 'exports'),
      dpsMailbox: this.settings.dpsMailbox,
      workflowId: this.settings.dpsWorkflowId,
      uniqueIdUri: this.settings.recordUri,
      ...(this.options.now ? { now: this.options.now } : {}),
      ...extra,
    };
  }

  /** Reads the settings again (after a change) and rebuilds the client; starts or stops the local server as needed. */
  async reloadSettings(): Promise<void> {
    this.settings = await loadSettings({ env: this.env, dataDir: this.dataDir });
    await this.dropClient();
    if (!this.settings.embeddedServer && this.local) {
      await this.local.server.close();
      this.local = undefined;
    }
    if (this.local) (await import('./local-mesh')).setLocalMeshStrict(this.local, this.settings.localServerStrict);
    await this.startLocalMeshIfNeeded();
  }

  private async startLocalMeshIfNeeded(): Promise<void> {
    if (!this.settings.embeddedServer || this.local) return;
    // Loaded only when needed: the server and certificate code are a good part of a CLI start.
    const { startLocalMesh } = await import('./local-mesh');
    this.local = await startLocalMesh(this.dataDir, {
      strict: this.settings.localServerStrict,
      ...(this.options.localPort !== undefined ? { port: this.options.localPort } : {}),
    });
    if (this.options.seedDemoData ?? true) {
      const { seedDemoData } = await import('./demo-seed');
      try {
        const seeded = await seedDemoData({
          local: this.local,
          records: this.stores.records,
          mailbox: this.settings.mailbox,
          clientFor: (mailbox) => this.localClient(mailbox),
        });
        if (seeded) this.notices.push(seeded);
      } catch (error) {
        // Demo data is a convenience: a sandbox for another mailbox (a second local profile) opens without it.
        this.notices.push(`The local sandbox was not filled with demo data: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async dropClient(): Promise<void> {
    const client = this.meshClient;
    this.meshClient = undefined;
    await client?.close();
  }

  /** Never throws: what could not be written on the way out is said in a sentence. */
  async close(): Promise<void> {
    await this.dropClient().catch(() => undefined);
    await this.local?.server.close().catch(() => undefined);
    try {
      await this.meshStores.close();
    } catch (error) {
      const why = storageProblem(error, this.dataDir) ?? (error instanceof Error ? error.message : String(error));
      (this.options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `The last audit log entries could not be written: ${why}.`,
      );
    }
  }
}
