// The sandboxed preload: exposes exactly API_OPERATIONS (and onEvent) as `window.meshConsole`.
// Bundled to CommonJS by scripts/build-main.js; it may only require 'electron'.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_OPERATIONS,
  EVENT_CHANNEL,
  NOT_A_DROPPED_FILE,
  channelFor,
  type ApiEnvelope,
  type ConsoleEvent,
  type MeshConsoleApi,
} from './api';

function unwrap(envelope: ApiEnvelope): unknown {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    if (envelope.ok) return envelope.value;
    // Only the message survives the context bridge: it is the operator's sentence.
    throw new Error(envelope.error.message);
  }
  throw new Error('The console received an answer it does not understand: restart the application.');
}

const bridge: Record<string, unknown> = {};
for (const operation of API_OPERATIONS) {
  const channel = channelFor(operation);
  bridge[operation] = async (...args: unknown[]) => unwrap((await ipcRenderer.invoke(channel, ...args)) as ApiEnvelope);
}
// The renderer hands over a File, never a path: only a file the operator dropped has one.
bridge.chooseDroppedFile = async (file: File) => {
  // No instanceof check: the File arrives copied across the context bridge, from the page's realm.
  let path = '';
  try {
    path = webUtils.getPathForFile(file);
  } catch {
    // Not a File at all.
  }
  if (!path) throw new Error(NOT_A_DROPPED_FILE);
  return unwrap((await ipcRenderer.invoke(channelFor('chooseDroppedFile'), path)) as ApiEnvelope);
};
bridge.onEvent = (listener: (event: ConsoleEvent) => void) => {
  const handler = (_event: IpcRendererEvent, payload: ConsoleEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('meshConsole', bridge as unknown as MeshConsoleApi);
