// Settings: connection, secrets (write-only), certificate files, a new key and CSR, scheduled jobs.
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../preload/api';
import { api } from '../client';
import { ErrorMessage, Loading } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { useLoad } from '../hooks';
import { CertificatePanel } from './settings/CertificatePanel';
import { ConnectionForm } from './settings/ConnectionForm';
import { CsrWizard } from './settings/CsrWizard';
import { JobsForm } from './settings/JobsForm';
import { SecretsPanel } from './settings/SecretsPanel';
import { TestConnection } from './settings/TestConnection';

export function SettingsScreen({ onChanged }: { onChanged: () => void }) {
  const loaded = useLoad(() => api().settings());
  const [settings, setSettings] = useState<SettingsView>();
  const [certificateGeneration, setCertificateGeneration] = useState(0);

  useEffect(() => {
    if (loaded.data) setSettings(loaded.data);
  }, [loaded.data]);

  /** Every change returns the new view: keep it, and let the header and certificate catch up. */
  const changed = (next: SettingsView) => {
    setSettings(next);
    setCertificateGeneration((g) => g + 1);
    onChanged();
  };

  return (
    <>
      <PageHeading>Settings</PageHeading>
      <Loading loading={loaded.loading && !settings} what="the settings" />
      <ErrorMessage error={loaded.error} title="The settings could not be read" />
      {settings ? (
        <>
          <ConnectionForm settings={settings} onSaved={changed} />
          <TestConnection />
          <SecretsPanel settings={settings} onSaved={changed} />
          <CertificatePanel settings={settings} generation={certificateGeneration} onSaved={changed} />
          <CsrWizard defaultMailbox={settings.mailbox} />
          <JobsForm settings={settings} onSaved={changed} />
          <p className="app-hint">Data folder: {settings.dataDir}</p>
        </>
      ) : null}
    </>
  );
}
