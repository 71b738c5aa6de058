// What the command line asks before an irreversible step: the count, the environment, the
// mailboxes and the records per programme, as the screens' confirmation dialogs say them.
import type { EnvironmentName, RecordSummary } from '../domain';

const ENVIRONMENT_NAMES: Record<EnvironmentName, string> = {
  local: 'the local sandbox (not NHS MESH)',
  integration: 'NHS MESH integration (INT)',
  deployment: 'NHS MESH deployment (DEP)',
  production: 'NHS MESH PRODUCTION (live)',
  custom: 'a MESH server of your own',
};

export function environmentName(environment: EnvironmentName, baseUrl: string): string {
  const name = ENVIRONMENT_NAMES[environment];
  return baseUrl && environment !== 'local' ? `${name}, ${baseUrl}` : name;
}

export function acknowledgeQuestion(count: number, mailbox: string, environment: string): string {
  return (
    `Acknowledge ${count} messages in mailbox ${mailbox} on ${environment}? ` +
    `MESH then takes them off the inbox for good: they cannot be downloaded again.`
  );
}

export function exportQuestion(
  environment: string,
  mailbox: string,
  dpsMailbox: string,
  waiting: Pick<RecordSummary, 'programme' | 'unsent'>[],
): string {
  const records = waiting.filter((w) => w.unsent > 0);
  const count = records.reduce((sum, w) => sum + w.unsent, 0);
  const perProgramme = records.length ? records.map((w) => `${w.programme} ${w.unsent}`).join(', ') : 'none waiting';
  return (
    `Send ${count} vaccination records to DPS on ${environment}, from mailbox ${mailbox} to the DPS mailbox ${dpsMailbox} ` +
    `(records per programme: ${perProgramme})? A file MESH accepts cannot be taken back.`
  );
}
