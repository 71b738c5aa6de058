// The settings screen's operations: read (secrets only as set / not set), change, secrets in,
// files chosen in native dialogs, and a new key with its certificate signing request.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  notAMailboxId,
  parseMailboxId,
  type CsrRequest,
  type CsrResult,
  type SecretName,
  type SettingsFileKind,
  type SettingsPatch,
  type SettingsView,
} from '../../domain';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';
import { createCertificateSigningRequest, meshClientCommonName } from '../../settings/pki';
import { SettingsError } from '../../settings/settings-error';
import { inScreenWords } from './settings-screen-words';
import { applySettingsChange, settingsView, type SettingsChange } from '../../settings/settings-view';

const PEM_FILTER = [
  { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
  { name: 'All files', extensions: ['*'] },
];

export class SettingsOperations {
  constructor(
    private readonly runtime: ConsoleRuntime,
    private readonly dialogs: DialogPort,
    private readonly afterChange: () => Promise<void>,
  ) {}

  /** The embedded server's address stays out of the view (the overview shows it): saved, it would pin a port that changes. */
  view(): SettingsView {
    return settingsView(this.runtime.settings, this.runtime.vault);
  }

  async update(patch: SettingsPatch | SettingsChange): Promise<SettingsView> {
    await applySettingsChange(this.runtime.dataDir, patch, this.runtime.env).catch((error: unknown) => {
      throw inScreenWords(error);
    });
    await this.runtime.reloadSettings();
    this.runtime.stores.audit.append({ kind: 'settings', action: 'changed', outcome: 'ok', detail: Object.keys(patch).join(', ') });
    await this.afterChange();
    return this.view();
  }

  async setSecret(name: SecretName, value: string): Promise<SettingsView> {
    await this.runtime.vault.set(name, value, { plaintextAccepted: this.runtime.settings.plaintextSecretsAccepted });
    this.runtime.stores.audit.append({ kind: 'settings', action: `secret set: ${name}`, outcome: 'ok' });
    await this.runtime.reloadSettings();
    await this.afterChange();
    return this.view();
  }

  async clearSecret(name: SecretName): Promise<SettingsView> {
    await this.runtime.vault.clear(name);
    this.runtime.stores.audit.append({ kind: 'settings', action: `secret cleared: ${name}`, outcome: 'ok' });
    await this.runtime.reloadSettings();
    await this.afterChange();
    return this.view();
  }

  async chooseFile(kind: SettingsFileKind): Promise<SettingsView> {
    if (kind === 'inboundFolder') {
      const folder = await this.dialogs.openFolder({ title: 'Choose the folder to watch for record files' });
      return folder ? this.update({ inboundFolder: folder }) : this.view();
    }
    const titles: Record<Exclude<SettingsFileKind, 'inboundFolder'>, string> = {
      certificate: 'Choose the MESH client certificate (PEM)',
      privateKey: 'Choose the private key of the client certificate (PEM)',
      caBundle: 'Choose the CA bundle that signs the MESH server (PEM)',
    };
    const path = await this.dialogs.openFile({ title: titles[kind], filters: PEM_FILTER });
    if (!path) return this.view();
    if (kind === 'certificate') return this.update({ certificatePath: path });
    if (kind === 'privateKey') return this.update({ privateKeyPath: path });
    return this.update({ caBundlePath: path });
  }

  /** A new RSA key (encrypted with the passphrase) and a CSR, saved where the operator chooses. */
  async createCsr(request: CsrRequest): Promise<CsrResult | null> {
    if (request.passphrase.length < 8) throw new SettingsError('Choose a passphrase of at least 8 characters for the new private key.');
    if (!parseMailboxId(request.mailbox)) throw new SettingsError(notAMailboxId(request.mailbox));
    if (!/^[A-Za-z0-9]+$/.test(request.odsCode.trim())) throw new SettingsError('The ODS code is letters and digits only, e.g. X26.');
    const commonName = meshClientCommonName(request.mailbox, request.odsCode);
    const csrPath = await this.dialogs.saveFile({
      title: 'Save the certificate signing request',
      defaultName: `${commonName}.csr`,
      filters: [{ name: 'Certificate signing request', extensions: ['csr', 'pem'] }],
    });
    if (!csrPath) return null;
    const made = await createCertificateSigningRequest(commonName, request.passphrase);
    const keyPath = join(dirname(csrPath), `${basename(csrPath).replace(/\.(csr|pem)$/i, '')}.key.pem`);
    await writeFile(keyPath, made.encryptedPrivateKeyPem, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      throw new SettingsError(
        error.code === 'EEXIST'
          ? `A key file ${keyPath} already exists; choose another name so that no key is overwritten.`
          : `The private key could not be saved in ${dirname(keyPath)} (${error.code}); choose a folder you can write to.`,
      );
    });
    await writeFile(csrPath, made.csrPem, { mode: 0o644 });
    this.runtime.stores.audit.append({
      kind: 'settings',
      action: 'key and CSR created',
      outcome: 'ok',
      detail: `${commonName}: ${csrPath}`,
    });
    return { commonName, csrPath, keyPath };
  }
}
