// The DialogPort for headless runs: answers each dialog with the next path a test queued, as an
// operator would pick it; null (cancelled) when none is queued.
import type { DialogPort } from '../../main/ports';

export interface ScriptedDialogs extends DialogPort {
  willOpen(path: string): void;
  willSave(path: string): void;
  asked: string[];
}

export function scriptedDialogs(): ScriptedDialogs {
  const opens: string[] = [];
  const saves: string[] = [];
  const asked: string[] = [];
  return {
    asked,
    willOpen: (path) => opens.push(path),
    willSave: (path) => saves.push(path),
    async openFile({ title }) {
      asked.push(title);
      return opens.shift() ?? null;
    },
    async openFolder({ title }) {
      asked.push(title);
      return opens.shift() ?? null;
    },
    async saveFile({ title, defaultName }) {
      asked.push(`${title} [${defaultName}]`);
      return saves.shift() ?? null;
    },
  };
}
