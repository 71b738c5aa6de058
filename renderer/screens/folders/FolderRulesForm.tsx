// The Folders screen's form: how messages are written into IN, which messages the folders take,
// and where a file without a control file goes. Checked in main as settings.json is.
import { useState } from 'react';
import type { FolderLayout, FolderSettings, FoldersView } from '../../../preload/api';
import { api } from '../../client';
import { ActionButton, ErrorMessage } from '../../components/feedback';
import { SelectField, type SelectOption } from '../../components/Field';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks';

const LAYOUT_OPTIONS: readonly SelectOption<FolderLayout>[] = [
  { value: 'java', label: 'Java MESH client: message id.dat with its .ctl' },
  { value: 'plain', label: 'Plain: each message under its own file name' },
];

export function FolderRulesForm({ folders, onSaved }: { folders: FolderSettings; onSaved: (view: FoldersView) => void }) {
  const [layout, setLayout] = useState<FolderLayout>(folders.layout);
  const [workflowFilter, setWorkflowFilter] = useState(folders.workflowFilter ?? '');
  const [ruleTo, setRuleTo] = useState(folders.rule?.to ?? '');
  const [ruleWorkflowId, setRuleWorkflowId] = useState(folders.rule?.workflowId ?? '');
  const save = useAction();
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    setSaved(false);
    const view = await save.run(() => api().updateFolderRules({ layout, workflowFilter, ruleTo, ruleWorkflowId }));
    if (view) {
      setSaved(true);
      onSaved(view);
    }
  };

  return (
    <section aria-labelledby="rules-heading" className="app-section">
      <h2 id="rules-heading" className="nhsuk-heading-m">
        What the folders take and send
      </h2>
      <SelectField id="folders-layout" label="Layout" value={layout} options={LAYOUT_OPTIONS} onChange={setLayout} />
      <TextField
        id="folders-filter"
        label="Workflow filter"
        hint="Only messages whose workflow matches go into IN: WF, !WF, WF* or *WF*. Empty: every message."
        value={workflowFilter}
        onChange={setWorkflowFilter}
        width={20}
      />
      <TextField
        id="folders-rule-to"
        label="Send to"
        hint="The folder rule: where a file without a control file goes, with the workflow below. Both empty: to FAILED."
        value={ruleTo}
        onChange={setRuleTo}
        width={10}
      />
      <TextField id="folders-rule-workflow" label="Send with workflow" value={ruleWorkflowId} onChange={setRuleWorkflowId} width={20} />
      <ActionButton secondary busy={save.busy} busyLabel="Saving…" onClick={() => void submit()}>
        Save
      </ActionButton>
      <ErrorMessage error={save.error} title="The folder settings were not saved" />
      {saved && !save.error ? (
        <p role="status" className="app-hint">
          Saved.
        </p>
      ) : null}
    </section>
  );
}
