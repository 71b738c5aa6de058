// The DPS section of the settings: where the nightly export goes (mailbox and workflow) and the
// address each record is identified by in the file.
import { checkMailbox, checkUrl } from './check-values';
import { fromFile, type SettingReader, type Value } from './setting-reader';
import type { SettingsFile } from './settings-file';

export const DEFAULT_DPS_WORKFLOW_ID = 'dps export';
export const DEFAULT_RECORD_URI = 'https://manage-vaccinations-in-schools.nhs.uk/vaccination-records';

export interface DpsSettings {
  dpsMailbox?: string;
  dpsWorkflowId: string;
  recordUri: string;
}

export function checkDps(r: SettingReader, file: SettingsFile): DpsSettings {
  const dpsValue = r.pick('dps_mailbox', 'MESH_DPS_MAILBOX', file.dps_mailbox) as Value<string> | undefined;
  const dpsMailbox = checkMailbox(r, 'dps_mailbox', dpsValue);

  const workflowValue = fromFile(file.dps_workflow_id);
  r.note('dps_workflow_id', workflowValue);
  const dpsWorkflowId = workflowValue ? workflowValue.value.trim() : DEFAULT_DPS_WORKFLOW_ID;
  if (!/^[\x20-\x7e]{1,255}$/.test(dpsWorkflowId)) {
    r.fail(
      'dps_workflow_id',
      workflowValue,
      (w) => `${w.subject('dps_workflow_id', workflowValue)} must be 1 to 255 printable characters, like ${DEFAULT_DPS_WORKFLOW_ID}.`,
    );
  }

  const uriValue = fromFile(file.record_uri);
  r.note('record_uri', uriValue);
  const recordUri = uriValue ? checkUrl(r, 'record_uri', uriValue, DEFAULT_RECORD_URI).toString() : DEFAULT_RECORD_URI;
  return { ...(dpsMailbox ? { dpsMailbox } : {}), dpsWorkflowId, recordUri };
}
