import { useState } from 'react';
import { INBOX_REFRESH_MINUTES, type SettingsView } from '../../../preload/api';
import { api } from '../../client';
import { Checkbox } from '../../components/Checkbox';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks';

const { min: MIN_REFRESH, max: MAX_REFRESH } = INBOX_REFRESH_MINUTES;

export function JobsForm({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const [enabled, setEnabled] = useState(settings.jobsEnabled);
  const [handshake, setHandshake] = useState(settings.jobTimes.handshake);
  const [dpsExport, setDpsExport] = useState(settings.jobTimes.dpsExport);
  const [tracking, setTracking] = useState(settings.jobTimes.tracking);
  const [refresh, setRefresh] = useState(String(settings.jobTimes.inboxRefreshMinutes));
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useAction();

  const onSave = () => {
    const minutes = Number(refresh);
    // Only whether it is a number is looked at here; the limits are main's to check (one check, the hint's numbers).
    if (!/^\s*\d{1,6}\s*$/.test(refresh))
      return setProblem(`“Inbox refresh (minutes)” must be a whole number of minutes from ${MIN_REFRESH} to ${MAX_REFRESH}.`);
    setProblem(undefined);
    void save
      .run(() => api().updateSettings({ jobsEnabled: enabled, jobTimes: { handshake, dpsExport, tracking, inboxRefreshMinutes: minutes } }))
      .then((next) => {
        if (!next) return;
        setSaved(true);
        onSaved(next);
      });
  };

  return (
    <section className="app-section" aria-labelledby="jobs-settings-heading">
      <h2 id="jobs-settings-heading" className="nhsuk-heading-m">
        Scheduled jobs
      </h2>
      <Checkbox
        id="jobs-enabled"
        label="Run scheduled jobs"
        hint="While on, closing the window keeps the console running in the system tray so the jobs still run. Times are UK time."
        checked={enabled}
        onChange={setEnabled}
      />
      <div className="app-field-row">
        <TextField id="jobs-handshake" label="Mailbox handshake" type="time" value={handshake} onChange={setHandshake} />
        <TextField id="jobs-export" label="DPS export" type="time" value={dpsExport} onChange={setDpsExport} />
        <TextField id="jobs-tracking" label="Export tracking" type="time" value={tracking} onChange={setTracking} />
        <TextField
          id="jobs-refresh"
          label="Inbox refresh (minutes)"
          hint={`${MIN_REFRESH} to ${MAX_REFRESH}: MESH asks for no more than one look every ${MIN_REFRESH} minutes.`}
          type="number"
          width={10}
          value={refresh}
          onChange={setRefresh}
        />
      </div>
      <ErrorMessage error={problem} title="The schedule cannot be saved yet" />
      <ActionButton busy={save.busy} busyLabel="Saving…" onClick={onSave}>
        Save schedule
      </ActionButton>
      <ErrorMessage error={save.error} title="The schedule was not saved" />
      {saved && !save.busy && !save.error ? (
        <p className="app-result" role="status">
          Schedule saved{enabled ? '' : ': scheduled jobs are off'}.
        </p>
      ) : null}
    </section>
  );
}
