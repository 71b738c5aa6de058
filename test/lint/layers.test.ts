// The layers are lint rules (eslint.config.js): this shows each rule refusing what it must refuse
// and letting through what it must allow, on sources placed where they would live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function layerProblems(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, path) });
  const layerRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];
  return result!.messages.filter((m) => layerRules.includes(m.ruleId ?? '')).map((m) => m.message);
}

test('the core never loads Electron, nor imports the IPC contract or the renderer', async () => {
  assert.match(
    (await layerProblems('main/store/example.ts', "import { app } from 'electron';\nexport const a = app;\n"))[0] ?? '',
    /Only main\/index.ts and preload\/index.ts load Electron/,
  );
  assert.match(
    (
      await layerProblems(
        'main/exports/example.ts',
        "import type { MeshConsoleApi } from '../../preload/api';\nexport type A = MeshConsoleApi;\n",
      )
    )[0] ?? '',
    /does not import the IPC contract/,
  );
  assert.match(
    (
      await layerProblems(
        'main/mesh/example.ts',
        "import { formatDateTime } from '../../renderer/format';\nexport const f = formatDateTime;\n",
      )
    )[0] ?? '',
    /does not import the renderer/,
  );
  assert.deepEqual(
    await layerProblems('main/electron/example.ts', "import type { App } from 'electron';\nexport type A = App;\n"),
    [],
    'its types are fine',
  );
});

test('nothing below main/app imports the composition; main/domain imports nothing of ours', async () => {
  assert.match(
    (
      await layerProblems(
        'main/operations/example.ts',
        "import type { ConsoleRuntime } from '../app/runtime';\nexport type R = ConsoleRuntime;\n",
      )
    )[0] ?? '',
    /nothing below it imports it/,
  );
  assert.match(
    (
      await layerProblems(
        'main/domain/example.ts',
        "import type { ExportRecord } from '../store/exports-store';\nexport type E = ExportRecord;\n",
      )
    )[0] ?? '',
    /imports nothing of ours/,
  );
  assert.deepEqual(
    await layerProblems('main/domain/example.ts', "import type { Programme } from './records';\nexport type P = Programme;\n"),
    [],
  );
  assert.deepEqual(
    await layerProblems(
      'main/app/example.ts',
      "import type { ExportRecord } from '../store/exports-store';\nexport type E = ExportRecord;\n",
    ),
    [],
  );
});

test('only the shell and the preload load Electron; tests and scripts may not', async () => {
  assert.deepEqual(await layerProblems('main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"), []);
  assert.deepEqual(
    await layerProblems('preload/index.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n"),
    [],
  );
  assert.equal((await layerProblems('test/gui/example.test.ts', "import { app } from 'electron';\nexport const a = app;\n")).length, 1);
  assert.equal(
    (await layerProblems('scripts/example.ts', "const { app } = await import('electron');\nexport const a = app;\n")).length,
    1,
    'nor a dynamic import',
  );
  assert.equal(
    (await layerProblems('bench/example.ts', "const electron = require('electron');\nexport const e = electron;\n")).length,
    1,
    'nor a require',
  );
});

test('the renderer reaches main/ for types only', async () => {
  assert.match(
    (
      await layerProblems('renderer/screens/Example.tsx', "import { PROGRAMMES } from '../../main/domain';\nexport const p = PROGRAMMES;\n")
    )[0] ?? '',
    /through preload\/api.ts, and for types only/,
  );
  assert.deepEqual(
    await layerProblems(
      'renderer/screens/Example.tsx',
      "import type { Programme } from '../../main/domain';\nexport type P = Programme;\n",
    ),
    [],
  );
});
