// The mailbox folders, as NHS's Java MESH client keeps them: where they are, how files and
// messages are picked, whether the console keeps them, the last passes, and a pass now. It warns
// when messages in the inbox are near MESH's 5-day expiry.
import { useState } from 'react';
import type { FolderName, FolderPassResult, FoldersView } from '../../preload/api';
import { api } from '../client';
import { ActionButton, ErrorMessage, Loading, Warning } from '../components/feedback';
import { PageHeading } from '../components/PageHeading';
import { SummaryRow } from '../components/SummaryRow';
import { formatAgo, formatDateTime } from '../format';
import { useAction, useConsoleEvents, useLoad } from '../hooks';
import type { Navigate } from '../navigation';
import { FolderPass } from './folders/FolderPass';
import { FolderRulesForm } from './folders/FolderRulesForm';

const FOLDER_LABELS: Record<FolderName, string> = { out: 'OUT', in: 'IN', sent: 'SENT', failed: 'FAILED' };

export function FoldersScreen({ navigate }: { navigate: Navigate }) {
  const view = useLoad(() => api().folders());
  const run = useAction();
  const openFolder = useAction();
  const choose = useAction();
  const [outcome, setOutcome] = useState<FolderPassResult>();

  useConsoleEvents((event) => {
    if (event.type === 'folders' || event.type === 'inbox-changed') view.reload();
  });

  const runNow = async () => {
    const pass = await run.run(() => api().runFolderPass());
    if (pass) setOutcome(pass);
    view.reload();
  };

  const chooseFolder = async (name: FolderName) => {
    if (await choose.run(() => api().chooseFolder(name))) view.reload();
  };

  const v = view.data;
  return (
    <>
      <PageHeading>Mailbox folders</PageHeading>
      <Loading loading={view.loading && !v} what="the mailbox folders" />
      <ErrorMessage error={view.error} title="The mailbox folders could not be read" />
      {v ? <ExpiryWarning view={v} onOpenInbox={() => navigate({ screen: 'inbox' })} /> : null}
      {v && !v.folders ? (
        <>
          <p>{v.keptNote}</p>
          <ActionButton busy={choose.busy} busyLabel="Choosing the folders…" onClick={() => void chooseFolder('out')}>
            Choose the OUT and IN folders
          </ActionButton>
        </>
      ) : null}
      <ErrorMessage error={choose.error} title="The folders were not changed" />
      {v?.folders ? (
        <>
          <dl className="nhsuk-summary-list app-summary">
            {(Object.keys(FOLDER_LABELS) as FolderName[]).map((name) => (
              <SummaryRow key={name} label={FOLDER_LABELS[name]}>
                <span className="app-mono">{v.folders![name]}</span>{' '}
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
                  disabled={openFolder.busy}
                  onClick={() => void openFolder.run(() => api().openFolder(name))}
                >
                  Open<span className="nhsuk-u-visually-hidden"> the {FOLDER_LABELS[name]} folder</span>
                </button>{' '}
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button"
                  disabled={choose.busy}
                  onClick={() => void chooseFolder(name)}
                >
                  Change<span className="nhsuk-u-visually-hidden"> the {FOLDER_LABELS[name]} folder</span>
                </button>
              </SummaryRow>
            ))}
            <SummaryRow label="Layout">
              {v.folders.layout === 'java'
                ? 'Java MESH client: each message as <message id>.dat with its .ctl control file'
                : 'Plain: each message under its own file name'}
            </SummaryRow>
            <SummaryRow label="Receives">
              {v.folders.workflowFilter ? `Messages whose workflow matches ${v.folders.workflowFilter}` : 'Every message'}
            </SummaryRow>
            <SummaryRow label="Folder rule">
              {v.folders.rule
                ? `A file without a control file goes to ${v.folders.rule.to} on workflow ${v.folders.rule.workflowId}`
                : 'None: a file without a control file goes to FAILED'}
            </SummaryRow>
          </dl>
          <ErrorMessage error={openFolder.error} title="The folder could not be opened" />
          <p className={v.kept ? undefined : 'app-hint'}>{v.keptNote}</p>
          <ActionButton busy={run.busy} busyLabel="Running a pass…" onClick={() => void runNow()}>
            Run now
          </ActionButton>
          <ErrorMessage error={run.error} title="The pass could not run" />
          {outcome ? (
            <section aria-labelledby="outcome-heading" className="app-section" role="status">
              <h2 id="outcome-heading" className="nhsuk-heading-m">
                This pass
              </h2>
              <FolderPass pass={outcome} label="What this pass did" />
            </section>
          ) : null}
          <FolderRulesForm folders={v.folders} onSaved={() => view.reload()} />
          <section aria-labelledby="passes-heading" className="app-section">
            <h2 id="passes-heading" className="nhsuk-heading-m">
              Last passes
            </h2>
            {v.passes.length === 0 ? <p>No pass has run yet.</p> : null}
            {v.passes.map((pass, index) => (
              <FolderPass key={`${pass.startedAt}-${index}`} pass={pass} label={`Pass at ${formatDateTime(pass.finishedAt)}`} />
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}

function ExpiryWarning({ view, onOpenInbox }: { view: FoldersView; onOpenInbox: () => void }) {
  const { count, oldestReceivedAt } = view.inbox.nearExpiry;
  if (!count) return null;
  return (
    <Warning heading="Messages close to expiry">
      <p>
        {count === 1 ? '1 message has' : `${count} messages have`} waited in the inbox for more than 4 days; the oldest arrived{' '}
        {formatDateTime(oldestReceivedAt)} ({formatAgo(oldestReceivedAt, Date.parse(view.at))}). MESH deletes a message left unacknowledged
        for 5 days. If the folders should take {count === 1 ? 'it' : 'them'}, check the workflow they receive and use Run now; otherwise
        read and acknowledge {count === 1 ? 'it' : 'them'} in the inbox today.
      </p>
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onOpenInbox}>
        Open inbox
      </button>
    </Warning>
  );
}
