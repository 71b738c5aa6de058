// What the overview and settings show of the configured client certificate.
import type { CertificateSummary } from '../../domain';
import { readPem } from '../../settings/resolve-connection';
import { certificateDetails, keyMatchesCertificate, loadPrivateKey } from '../../settings/pki';
import type { ConsoleRuntime } from '../runtime';

export function certificateSummary(runtime: ConsoleRuntime): CertificateSummary | null {
  let certificatePem: string | undefined;
  let privateKeyPem: string | undefined;
  let passphrase: string | undefined;
  try {
    const connection = runtime.connection();
    certificatePem = connection.certificatePem;
    privateKeyPem = connection.privateKeyPem;
    passphrase = connection.privateKeyPassphrase;
  } catch {
    // Settings incomplete: show what can be read of the certificate alone.
    if (runtime.settings.certificate) {
      try {
        certificatePem = readPem(runtime.settings.certificate, 'client certificate');
      } catch (error) {
        return problemOnly(error);
      }
    }
  }
  if (!certificatePem) return null;
  let details;
  try {
    details = certificateDetails(certificatePem);
  } catch {
    return problemOnly(
      new Error('The client certificate is not a PEM certificate this console can read; choose the certificate file again.'),
    );
  }
  let keyMatches: boolean | undefined;
  let problem: string | undefined;
  if (privateKeyPem) {
    try {
      keyMatches = keyMatchesCertificate(certificatePem, loadPrivateKey(privateKeyPem, passphrase));
      if (!keyMatches)
        problem = 'The private key does not belong to this certificate; choose the key that was made with its certificate signing request.';
    } catch {
      problem = 'The private key cannot be opened: its passphrase is missing or wrong.';
    }
  }
  if (details.expired) problem = `The certificate expired on ${details.validTo.slice(0, 10)}; ask the NHS service desk for a new one.`;
  return { ...details, ...(keyMatches !== undefined ? { keyMatches } : {}), ...(problem ? { problem } : {}) };
}

function problemOnly(error: unknown): CertificateSummary {
  return {
    subject: '',
    issuer: '',
    commonName: '',
    validFrom: '',
    validTo: '',
    expired: false,
    daysUntilExpiry: 0,
    problem: error instanceof Error ? error.message : String(error),
  };
}
