// Files chosen with native dialogs (certificate, private key, CA bundle, inbound folder) and the certificate's details.
import type { SettingsFileKind, SettingsView } from '../../../preload/api';
import { api } from '../../client';
import { ActionButton, Busy, ErrorMessage, Tag } from '../../components/feedback';
import { SummaryRow } from '../../components/SummaryRow';
import { formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';

export function CertificatePanel({
  settings,
  generation,
  onSaved,
}: {
  settings: SettingsView;
  generation: number;
  onSaved: (s: SettingsView) => void;
}) {
  const certificate = useLoad(() => api().certificate(), [generation]);
  const c = certificate.data;
  return (
    <section className="app-section" aria-labelledby="certificate-settings-heading">
      <h2 id="certificate-settings-heading" className="nhsuk-heading-m">
        Certificate and keys
      </h2>
      <dl className="nhsuk-summary-list app-summary">
        <FileRow kind="certificate" label="Client certificate" value={settings.certificatePath} onSaved={onSaved} />
        <FileRow
          kind="privateKey"
          label="Private key"
          value={settings.secrets.privateKey ? 'Set (stored with the secrets)' : undefined}
          onSaved={onSaved}
          {...(settings.secrets.privateKey ? { clear: { label: 'Clear', run: () => api().clearSecret('privateKey') } } : {})}
        />
        <FileRow
          kind="caBundle"
          label="CA bundle"
          value={settings.caBundlePath ?? defaultCaBundle(settings)}
          onSaved={onSaved}
          {...(settings.caBundlePath
            ? { clear: { label: 'Use the environment’s default', run: () => api().updateSettings({ resetCaBundle: true }) } }
            : {})}
        />
        <FileRow
          kind="inboundFolder"
          label="Inbound folder for record files (imported as they arrive)"
          value={settings.inboundFolder}
          onSaved={onSaved}
        />
      </dl>

      <h3 className="nhsuk-heading-s">Certificate details</h3>
      <Busy busy={certificate.loading}>Reading the certificate…</Busy>
      <ErrorMessage error={certificate.error} title="The certificate could not be read" />
      {c === null ? <p>No certificate configured.</p> : null}
      {c ? (
        <dl className="nhsuk-summary-list app-summary" aria-label="Certificate details">
          <SummaryRow label="Subject">{c.subject}</SummaryRow>
          <SummaryRow label="Issuer">{c.issuer}</SummaryRow>
          <SummaryRow label="Common name">{c.commonName}</SummaryRow>
          <SummaryRow label="Valid from">{formatDateTime(c.validFrom)}</SummaryRow>
          <SummaryRow label="Expires">
            {formatDateTime(c.validTo)}{' '}
            {c.expired ? (
              <Tag colour="red">Expired</Tag>
            ) : c.daysUntilExpiry <= 30 ? (
              <Tag colour="orange">{c.daysUntilExpiry} days left</Tag>
            ) : (
              <Tag colour="green">{c.daysUntilExpiry} days left</Tag>
            )}
          </SummaryRow>
          <SummaryRow label="Private key">
            {c.keyMatches === true ? (
              <Tag colour="green">Matches the certificate</Tag>
            ) : c.keyMatches === false ? (
              <Tag colour="red">Does not match the certificate</Tag>
            ) : (
              'Cannot tell: set the private key (and its passphrase if it has one).'
            )}
          </SummaryRow>
          {c.problem ? <SummaryRow label="Problem">{c.problem}</SummaryRow> : null}
        </dl>
      ) : null}
    </section>
  );
}

/** What is used when no CA bundle is chosen: the NHS bundle of the environment, or the local server's own certificate. */
function defaultCaBundle(settings: SettingsView): string {
  if (settings.defaultCaBundle) return `The environment’s default: ${settings.defaultCaBundle}`;
  if (settings.environment === 'local' && !settings.baseUrl) return 'The environment’s default: the console’s own local server';
  return 'Not set: the system’s certificate authorities are trusted';
}

function FileRow(props: {
  kind: SettingsFileKind;
  label: string;
  value: string | undefined;
  onSaved: (s: SettingsView) => void;
  /** A second button that takes the setting back (clears the key, or the CA bundle back to its default). */
  clear?: { label: string; run: () => Promise<SettingsView> };
}) {
  const choose = useAction();
  const clear = useAction();
  return (
    <div className="nhsuk-summary-list__row" data-file-kind={props.kind}>
      <dt className="nhsuk-summary-list__key">{props.label}</dt>
      <dd className="nhsuk-summary-list__value">
        <span className="app-break">{props.value ?? 'Not set'}</span>
        <ErrorMessage error={choose.error ?? clear.error} title={`The ${props.label.toLowerCase()} was not changed`} />
      </dd>
      <dd className="nhsuk-summary-list__actions">
        <ActionButton
          secondary
          small
          busy={choose.busy}
          busyLabel="Choosing…"
          onClick={() => void choose.run(() => api().chooseSettingsFile(props.kind)).then((next) => next && props.onSaved(next))}
        >
          Choose<span className="nhsuk-u-visually-hidden"> {props.label.toLowerCase()}</span>
        </ActionButton>
        {props.clear ? (
          <ActionButton
            secondary
            small
            busy={clear.busy}
            busyLabel="Clearing…"
            onClick={() => void clear.run(props.clear!.run).then((next) => next && props.onSaved(next))}
          >
            {props.clear.label}
            <span className="nhsuk-u-visually-hidden"> for the {props.label.toLowerCase()}</span>
          </ActionButton>
        ) : null}
      </dd>
    </div>
  );
}
