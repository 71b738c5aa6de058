// The health of the console at a glance: mailbox, handshake, certificate, inbox, jobs, exports.
import type { CertificateSummary, HandshakeResult, JobState, Overview } from '../../preload/api';
import { PROGRAMMES } from '../../preload/api';
import { api } from '../client';
import { ActionButton, ErrorMessage, Loading, Tag, Warning } from '../components/feedback';
import { ExportTable } from '../components/ExportTable';
import { PageHeading } from '../components/PageHeading';
import { TableHead } from '../components/TableHead';
import { ageInDays, formatAgo, formatDateTime, INBOX_EXPIRY_DAYS, PROGRAMME_LABELS } from '../format';
import { useAction, useConsoleEvents, useLoad, useNow } from '../hooks';
import type { Navigate } from '../navigation';

export function OverviewScreen({ navigate }: { navigate: Navigate }) {
  const overview = useLoad(() => api().overview());
  const validate = useAction();
  const now = useNow();

  useConsoleEvents((event) => {
    if (event.type === 'job' || event.type === 'inbox-changed' || event.type === 'export-status') overview.reload();
  });

  const o = overview.data;
  return (
    <>
      <PageHeading>Overview</PageHeading>
      <Loading loading={overview.loading && !o} what="the overview" />
      <ErrorMessage error={overview.error} />
      {o ? (
        <div className="app-cards">
          <MailboxCard overview={o} />
          <section className="app-card" aria-labelledby="handshake-heading">
            <h2 id="handshake-heading" className="nhsuk-heading-s">
              Last handshake
            </h2>
            <Handshake result={o.lastHandshake} />
            <ActionButton
              secondary
              small
              busy={validate.busy}
              busyLabel="Validating the mailbox…"
              onClick={() => void validate.run(() => api().validateMailbox()).then(() => overview.reload())}
            >
              Validate mailbox now
            </ActionButton>
            <ErrorMessage error={validate.error} title="The mailbox could not be validated" />
          </section>
          <CertificateCard certificate={o.certificate} />
          <InboxCard overview={o} now={now} onOpen={() => navigate({ screen: 'inbox' })} />
          <JobsCard overview={o} onChanged={overview.reload} />
          <section className="app-card app-card--wide" aria-labelledby="exports-heading">
            <h2 id="exports-heading" className="nhsuk-heading-s">
              Recent exports
            </h2>
            <p>Unsent records: {PROGRAMMES.map((p) => `${PROGRAMME_LABELS[p]} ${o.unsentRecords[p] ?? 0}`).join(' · ')}</p>
            {o.recentExports.length === 0 ? (
              <p>No exports yet.</p>
            ) : (
              <ExportTable exports={o.recentExports} navigate={navigate} label="Recent exports" full={false} />
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}

function MailboxCard({ overview: o }: { overview: Overview }) {
  return (
    <section className="app-card" aria-labelledby="mailbox-heading">
      <h2 id="mailbox-heading" className="nhsuk-heading-s">
        Mailbox
      </h2>
      <dl className="app-facts">
        <dt>Environment</dt>
        <dd>{o.environment}</dd>
        <dt>Mailbox</dt>
        <dd>{o.mailbox || 'Not set'}</dd>
        <dt>DPS mailbox</dt>
        <dd>{o.dpsMailbox || 'Not set'}</dd>
        <dt>Server</dt>
        <dd>{o.baseUrl}</dd>
      </dl>
      {o.sandbox ? <p className="app-sandbox-note">Local MESH sandbox — not NHS MESH.</p> : null}
    </section>
  );
}

function Handshake({ result }: { result: HandshakeResult | undefined }) {
  if (!result) return <p>No handshake yet.</p>;
  return (
    <>
      <p>
        {result.ok ? <Tag colour="green">Succeeded</Tag> : <Tag colour="red">Failed</Tag>} {formatDateTime(result.at)}
      </p>
      {result.error ? <p className="app-error-text">{result.error}</p> : null}
    </>
  );
}

function CertificateCard({ certificate }: { certificate: CertificateSummary | undefined }) {
  return (
    <section className="app-card" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading" className="nhsuk-heading-s">
        Client certificate
      </h2>
      {!certificate ? (
        <p>No certificate configured.</p>
      ) : (
        <>
          <p>{certificate.commonName}</p>
          <p>
            {certificate.expired ? (
              <Tag colour="red">Expired</Tag>
            ) : certificate.daysUntilExpiry <= 30 ? (
              <Tag colour="orange">Expires in {certificate.daysUntilExpiry} days</Tag>
            ) : (
              <Tag colour="green">Valid</Tag>
            )}{' '}
            until {formatDateTime(certificate.validTo)}
          </p>
          {certificate.problem ? <p className="app-error-text">{certificate.problem}</p> : null}
        </>
      )}
    </section>
  );
}

function InboxCard({ overview: o, now, onOpen }: { overview: Overview; now: number; onOpen: () => void }) {
  const oldestDays = ageInDays(o.inbox.oldestReceivedAt, now);
  return (
    <section className="app-card" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading" className="nhsuk-heading-s">
        Inbox
      </h2>
      {o.inbox.refreshedAt ? (
        <p className="app-big-number">
          {o.inbox.count} <span>message{o.inbox.count === 1 ? '' : 's'}</span>
        </p>
      ) : (
        <p>Not checked since the console started: open the inbox to check MESH.</p>
      )}
      {o.inbox.oldestReceivedAt ? <p>Oldest: received {formatAgo(o.inbox.oldestReceivedAt, now)}</p> : null}
      {oldestDays !== undefined && oldestDays >= INBOX_EXPIRY_DAYS - 1 ? (
        <Warning heading="Messages close to expiry">
          <p>MESH deletes messages left unacknowledged for {INBOX_EXPIRY_DAYS} days. Read and acknowledge the oldest messages today.</p>
        </Warning>
      ) : null}
      {o.inbox.error ? <p className="app-error-text">{o.inbox.error}</p> : null}
      {o.inbox.refreshedAt ? <p className="app-hint">Checked {formatDateTime(o.inbox.refreshedAt)}</p> : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onOpen}>
        Open inbox
      </button>
    </section>
  );
}

function JobsCard({ overview: o, onChanged }: { overview: Overview; onChanged: () => void }) {
  return (
    <section className="app-card app-card--wide" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading" className="nhsuk-heading-s">
        Scheduled jobs
      </h2>
      {!o.jobsEnabled ? (
        <div className="nhsuk-inset-text app-inset">
          <p>
            Scheduled jobs are off: nothing runs on its own, including the nightly DPS export. To switch them on, open Settings, tick “Run
            scheduled jobs” and save.
          </p>
        </div>
      ) : null}
      <table className="nhsuk-table app-table">
        <TableHead columns={['Job', 'Schedule', 'Last run', 'Next run']} actions />
        <tbody>
          {o.jobs.map((job) => (
            <JobRow key={job.name} job={job} jobsEnabled={o.jobsEnabled} onRan={onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function JobRow({ job, jobsEnabled, onRan }: { job: JobState; jobsEnabled: boolean; onRan: () => void }) {
  const run = useAction();
  return (
    <tr>
      <td>{job.label}</td>
      <td>{job.schedule}</td>
      <td>
        {job.running ? (
          <Tag colour="blue">Running</Tag>
        ) : job.lastRunAt ? (
          <>
            {formatDateTime(job.lastRunAt)}{' '}
            {job.lastResult ? (
              <Tag colour={job.lastResult === 'ok' ? 'green' : job.lastResult === 'failed' ? 'red' : 'grey'}>{job.lastResult}</Tag>
            ) : null}
            {job.lastMessage ? <span className="app-hint app-block">{job.lastMessage}</span> : null}
          </>
        ) : (
          'Never'
        )}
      </td>
      <td>{jobsEnabled && job.enabled ? formatDateTime(job.nextRunAt) : 'Off'}</td>
      <td>
        <ActionButton
          secondary
          small
          busy={run.busy || job.running}
          busyLabel="Running…"
          onClick={() => void run.run(() => api().runJob(job.name)).then(onRan)}
        >
          Run now<span className="nhsuk-u-visually-hidden"> {job.label}</span>
        </ActionButton>
        {run.error ? <span className="app-error-text app-block">{run.error}</span> : null}
      </td>
    </tr>
  );
}
