// The console's settings as the screens see them (secrets only as set or not), and certificates.
import type { JobTimes } from './jobs';

export type EnvironmentName = 'local' | 'integration' | 'deployment' | 'production' | 'custom';

/**
 * A connection setting an operator may have to change to get past a MESH error: the mailbox id,
 * the base URL, the password, the shared key, the client certificate, its key and passphrase, the
 * CA bundle, the proxy. Each surface says in its own words where it is set.
 */
export type ConnectionSetting =
  'mailbox' | 'baseUrl' | 'password' | 'sharedKey' | 'certificate' | 'privateKey' | 'privateKeyPassphrase' | 'caBundle' | 'proxy';

export type SecretName = 'password' | 'sharedKey' | 'privateKey' | 'privateKeyPassphrase';

export interface SettingsView {
  environment: EnvironmentName;
  baseUrl: string;
  mailbox: string;
  dpsMailbox: string;
  dpsWorkflowId: string;
  certificatePath?: string;
  caBundlePath?: string;
  disableSslVerification: boolean;
  /** The console's own local MESH server refuses what NHS MESH refuses (strict mode). */
  localServerStrict: boolean;
  dataDir: string;
  inboundFolder?: string;
  jobsEnabled: boolean;
  jobTimes: JobTimes;
  secrets: Record<SecretName, boolean>;
  /** Whether the system offers real encryption for secrets at rest. */
  secretEncryption: 'available' | 'unavailable';
  /** The operator accepted storing secrets without real encryption. */
  plaintextSecretsAccepted: boolean;
  /** The environments to choose from, each with its fixed address (the NHS ones). */
  environments: EnvironmentChoice[];
  /** The CA bundle used when none is chosen: the NHS bundle of the environment; none for local and custom. */
  defaultCaBundle?: string;
}

export interface EnvironmentChoice {
  name: EnvironmentName;
  label: string;
  /** The NHS environments' own address; none for local and custom. */
  baseUrl?: string;
}

export interface SettingsPatch {
  environment?: EnvironmentName;
  baseUrl?: string;
  mailbox?: string;
  dpsMailbox?: string;
  dpsWorkflowId?: string;
  disableSslVerification?: boolean;
  localServerStrict?: boolean;
  jobsEnabled?: boolean;
  jobTimes?: Partial<JobTimes>;
  /** Forget the chosen CA bundle: the environment's own is used again. */
  resetCaBundle?: true;
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
