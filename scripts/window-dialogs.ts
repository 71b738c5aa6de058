// The dialogs of `npm start`'s Chromium fallback, in its window: a file, a folder or where to save
// is chosen with the browser's own file chooser inside a small dialog laid over the console, never
// typed in the terminal. The page only ever holds File objects; where one lives on disk is asked
// of Chromium itself (test/gui/support/dropped-file.ts), so the page cannot name a path of its own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { DialogPort } from '../main/ports';
import { pathOfPageFile } from '../test/gui/support/dropped-file';

type Choice = { kind: 'file' } | { kind: 'folder' } | { kind: 'save'; defaultName: string; problem?: string };
type Picked = { chosen: false } | { chosen: true; relativePath: string; name: string };

const PICKED = '__meshConsolePicked';

/** Shows the chooser in the page and waits for the operator; the chosen File is left in window[PICKED]. */
function askInPage(page: Page, title: string, choice: Choice): Promise<Picked> {
  return page.evaluate(
    ([title, choice, picked]) =>
      new Promise<Picked>((resolve) => {
        const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
          const element = document.createElement(tag);
          if (text) element.textContent = text;
          return element;
        };
        const backdrop = make('div');
        Object.assign(backdrop.style, {
          position: 'fixed',
          inset: '0',
          background: 'rgba(33, 43, 50, 0.6)',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          zIndex: '1000',
        });
        const box = make('div');
        box.setAttribute('role', 'dialog');
        box.setAttribute('aria-modal', 'true');
        box.setAttribute('aria-label', title);
        Object.assign(box.style, { background: '#fff', padding: '24px', maxWidth: '560px', width: '90%' });
        const heading = make('h2', title);
        heading.className = 'nhsuk-heading-m';
        const label = make('label', choice.kind === 'file' ? 'File' : 'Folder');
        label.className = 'nhsuk-label';
        const input = make('input');
        input.type = 'file';
        input.id = 'mesh-console-window-chooser';
        label.htmlFor = input.id;
        if (choice.kind !== 'file') input.webkitdirectory = true;
        const nameField = make('input');
        const problem = make('p');
        problem.setAttribute('role', 'alert');
        if (choice.kind === 'save' && choice.problem) problem.textContent = choice.problem;
        const use = make('button', choice.kind === 'save' ? 'Save here' : 'Use this folder');
        const cancel = make('button', 'Cancel');
        use.className = 'nhsuk-button app-button';
        cancel.className = 'nhsuk-button nhsuk-button--secondary app-button';
        use.type = cancel.type = 'button';
        box.append(heading, label, input);
        if (choice.kind === 'save') {
          const nameLabel = make('label', 'File name');
          nameLabel.className = 'nhsuk-label';
          nameField.id = 'mesh-console-window-save-name';
          nameField.className = 'nhsuk-input';
          nameField.value = choice.defaultName;
          nameLabel.htmlFor = nameField.id;
          box.append(nameLabel, nameField);
        }
        const buttons = make('div');
        buttons.className = 'app-actions';
        if (choice.kind !== 'file') buttons.append(use);
        buttons.append(cancel);
        box.append(problem, buttons);
        backdrop.append(box);
        document.body.append(backdrop);

        const done = (result: Picked) => {
          backdrop.remove();
          resolve(result);
        };
        cancel.addEventListener('click', () => done({ chosen: false }));
        input.addEventListener('change', () => {
          if (choice.kind === 'file' && input.files?.[0]) {
            Object.defineProperty(window, picked, { value: input.files[0], configurable: true });
            done({ chosen: true, relativePath: '', name: input.files[0].name });
          }
        });
        use.addEventListener('click', () => {
          const first = input.files?.[0];
          if (!first) {
            problem.textContent =
              'Choose a folder that has at least one file in it: this window can only tell where a folder is from a file inside it.';
            return;
          }
          const name = nameField.value.trim();
          if (choice.kind === 'save' && (!name || /[\\/]/.test(name))) {
            problem.textContent = 'Enter a file name without / or \\.';
            return;
          }
          Object.defineProperty(window, picked, { value: first, configurable: true });
          done({ chosen: true, relativePath: first.webkitRelativePath, name });
        });
        input.focus();
      }),
    [title, choice, PICKED] as const,
  );
}

/** The folder chosen: the picked file's path without the part below the chosen folder. */
function folderOf(filePath: string, relativePath: string): string {
  const below = relativePath.split('/').length - 1;
  const parts = filePath.split(/[\\/]/);
  return parts.slice(0, parts.length - below).join(filePath.includes('\\') ? '\\' : '/');
}

export function windowDialogs(page: () => Page | undefined): DialogPort {
  const ask = async (title: string, choice: Choice): Promise<{ path: string; picked: Extract<Picked, { chosen: true }> } | null> => {
    const current = page();
    if (!current) return null;
    const picked = await askInPage(current, title, choice);
    if (!picked.chosen) return null;
    const path = await pathOfPageFile(current, PICKED);
    if (!path) throw new Error('The window could not tell where the chosen file is: choose it again.');
    return { path, picked };
  };
  return {
    openFile: async ({ title }) => (await ask(title, { kind: 'file' }))?.path ?? null,
    openFolder: async ({ title }) => {
      const chosen = await ask(title, { kind: 'folder' });
      return chosen ? folderOf(chosen.path, chosen.picked.relativePath) : null;
    },
    saveFile: async ({ title, defaultName }) => {
      // The app's save dialog asks before replacing a file; here a name in use is asked for again.
      let choice: Choice = { kind: 'save', defaultName };
      for (;;) {
        const chosen = await ask(title, choice);
        if (!chosen) return null;
        const target = join(folderOf(chosen.path, chosen.picked.relativePath), chosen.picked.name);
        if (!existsSync(target)) return target;
        choice = {
          kind: 'save',
          defaultName: chosen.picked.name,
          problem: `${chosen.picked.name} is already in that folder: choose another name.`,
        };
      }
    },
  };
}
