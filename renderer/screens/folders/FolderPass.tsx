// One pass over the mailbox folders: what it sent, received and failed, each failure with its sentence.
import type { FolderPassItem, FolderPassResult } from '../../../preload/api';
import { Tag, type TagColour } from '../../components/feedback';
import { TableHead } from '../../components/TableHead';
import { formatDateTime } from '../../format';

const OUTCOME_COLOURS: Record<FolderPassItem['outcome'], TagColour> = {
  sent: 'green',
  received: 'green',
  failed: 'red',
  waiting: 'yellow',
};

function count(pass: FolderPassResult, direction: FolderPassItem['direction'], outcome: FolderPassItem['outcome']): number {
  return pass.items.filter((item) => item.direction === direction && item.outcome === outcome).length;
}

/** "2 files sent, 1 message received, 1 failed", or that there was nothing to do. */
export function passSummary(pass: FolderPassResult): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const failed = pass.items.filter((item) => item.outcome === 'failed').length;
  const waiting = pass.items.filter((item) => item.outcome === 'waiting').length;
  const parts = [
    `${plural(count(pass, 'out', 'sent'), 'file')} sent`,
    `${plural(count(pass, 'in', 'received'), 'message')} received`,
    ...(failed ? [`${failed} failed`] : []),
    ...(waiting ? [`${waiting} waiting`] : []),
  ];
  return pass.items.length ? parts.join(', ') : 'Nothing to send in OUT and nothing waiting in the inbox';
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function FolderPass({ pass, label }: { pass: FolderPassResult; label: string }) {
  return (
    <div className="app-folder-pass">
      <p>
        <strong>{formatDateTime(pass.finishedAt)}</strong>: {passSummary(pass)}.
      </p>
      {pass.error ? <p className="app-error-text">The pass stopped: {pass.error}</p> : null}
      {pass.items.length ? (
        <table className="nhsuk-table app-table" aria-label={label}>
          <TableHead columns={['What', 'File', 'Outcome', 'Message id', 'Why']} />
          <tbody>
            {pass.items.map((item) => (
              <tr key={`${item.direction}-${item.name}`}>
                <td>{item.direction === 'out' ? 'From OUT' : 'Into IN'}</td>
                <td>{item.direction === 'out' ? item.name : (item.files?.map(fileName).join(', ') ?? '—')}</td>
                <td>
                  <Tag colour={OUTCOME_COLOURS[item.outcome]}>{item.outcome}</Tag>
                </td>
                <td className="app-mono">{item.messageId ?? '—'}</td>
                <td>{item.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
