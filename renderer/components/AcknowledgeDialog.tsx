// The question before messages are acknowledged (MESH deletes them for good): how many, which
// were never saved or opened, and the choice to save them to the operator's folder first.
import { useState } from 'react';
import type { AcknowledgeCheck } from '../../preload/api';
import { api } from '../client';
import { ConfirmDialog } from './ConfirmDialog';

export interface AcknowledgeDialogProps {
  check: AcknowledgeCheck;
  onSaveAndAcknowledge: () => void;
  onAcknowledge: () => void;
  onCancel: () => void;
}

export function AcknowledgeDialog({ check, onSaveAndAcknowledge, onAcknowledge, onCancel }: AcknowledgeDialogProps) {
  const many = check.count > 1;
  const [folder, setFolder] = useState(check.saveFolder);
  const chooseFolder = () =>
    void api()
      .chooseSaveFolder()
      .then((chosen) => chosen && setFolder(chosen))
      .catch(() => undefined);
  const unsaved = check.neverSaved.length;
  return (
    <ConfirmDialog
      title={many ? `Acknowledge ${check.count} messages?` : 'Acknowledge this message?'}
      actions={[
        { label: 'Save and acknowledge', onClick: onSaveAndAcknowledge },
        { label: many ? `Acknowledge ${check.count} without saving` : 'Acknowledge without saving', onClick: onAcknowledge, warning: true },
      ]}
      onCancel={onCancel}
    >
      <p>MESH deletes acknowledged messages for good, so {many ? 'they' : 'it'} cannot be downloaded again.</p>
      {unsaved ? (
        <div className="nhsuk-warning-callout app-dialog__warning">
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Not saved
            </span>
          </h3>
          <p>
            {many
              ? `${unsaved} of these ${unsaved === 1 ? 'was' : 'were'} never saved or opened.`
              : 'This message was never saved or opened.'}
          </p>
        </div>
      ) : null}
      <p>
        {folder
          ? `Save and acknowledge saves ${many ? 'each message' : 'it'} to ${folder} first.`
          : 'Save and acknowledge asks once for a folder, saves to it, and acknowledges only what is on disk.'}{' '}
        {folder ? (
          <button type="button" className="app-link-button" onClick={chooseFolder}>
            Choose another folder
          </button>
        ) : null}
      </p>
    </ConfirmDialog>
  );
}
