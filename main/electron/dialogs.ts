// Native open / save dialogs, attached to the console's window when there is one.
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { DialogPort } from '../ports';

export function createDialogPort(dialog: Dialog, getWindow: () => BrowserWindow | null): DialogPort {
  const open = async (options: OpenDialogOptions) => {
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions) => {
    const window = getWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  return {
    openFile: ({ title, filters }) => open({ title, filters, properties: ['openFile'] }),
    openFolder: ({ title }) => open({ title, properties: ['openDirectory', 'createDirectory'] }),
    saveFile: ({ title, defaultName, filters }) =>
      save({ title, defaultPath: defaultName, filters, properties: ['showOverwriteConfirmation', 'createDirectory'] }),
  };
}
