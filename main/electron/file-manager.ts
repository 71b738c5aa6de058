// The system's file manager, through Electron's shell: shows a mailbox folder to the operator.
import type { Shell } from 'electron';
import type { FileManagerPort } from '../ports';

export function createFileManagerPort(shell: Pick<Shell, 'openPath'>): FileManagerPort {
  return {
    async showFolder(path) {
      // openPath answers an empty string on success, else what went wrong.
      const problem = await shell.openPath(path);
      if (problem) throw new Error(`The folder ${path} could not be opened (${problem}); open it from the file manager instead.`);
    },
  };
}
