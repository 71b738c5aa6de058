// Only the shell (main/index.ts) and the preload may load Electron. Everything else (the core,
// the renderer, the tests and the scripts) runs under plain Node, where loading 'electron'
// would try to download its binary: they may import its types, never the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['main', 'preload', 'renderer', 'test', 'scripts', 'bench', 'bin'];
const MAY_LOAD_ELECTRON = new Set(['main/index.ts', 'preload/index.ts']);

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(c|m)?(t|j)sx?$/.test(name) && !name.split(sep).includes('node_modules'))
    .map((name) => join(folder, name).split(sep).join('/'));
}

const isElectron = (node: ts.Node | undefined) => node !== undefined && ts.isStringLiteralLike(node) && node.text === 'electron';

/** Each place in `source` that loads Electron at run time, as "line: code". */
function electronLoads(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().split('\n')[0]}`);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isElectron(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typesOnly) report(node);
    } else if (ts.isExportDeclaration(node) && isElectron(node.moduleSpecifier) && !node.isTypeOnly) {
      report(node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && isElectron(node.moduleReference.expression) && !node.isTypeOnly) {
      report(node);
    } else if (ts.isCallExpression(node) && isElectron(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'require')) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

test('the check itself sees every way of loading Electron, and lets types and child-process strings pass', () => {
  const loads = (code: string) => electronLoads('probe.ts', code).length;
  assert.equal(loads("import { app } from 'electron';"), 1);
  assert.equal(loads("import electron from 'electron';"), 1);
  assert.equal(loads("import 'electron';"), 1);
  assert.equal(loads("import { type App, app } from 'electron';"), 1);
  assert.equal(loads("export { app } from 'electron';"), 1);
  assert.equal(loads("const e = require('electron');"), 1);
  assert.equal(loads("module.require('electron');"), 1);
  assert.equal(loads("const e = await import('electron');"), 1);
  assert.equal(loads("import type { App } from 'electron';"), 0);
  assert.equal(loads("import { type App } from 'electron';"), 0);
  assert.equal(loads(`spawnSync(process.execPath, ['-e', "require('electron')"]);`), 0);
  assert.equal(loads("build({ external: ['electron'] });"), 0);
});

test('nothing but the shell and the preload loads Electron: the core, renderer, tests and scripts run under plain Node', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const folder of FOLDERS) {
    for (const path of sourceFiles(folder)) {
      if (MAY_LOAD_ELECTRON.has(path)) continue;
      checked++;
      for (const load of electronLoads(path, readFileSync(join(ROOT, path), 'utf8'))) offenders.push(`${path}:${load}`);
    }
  }
  assert.ok(checked > 200, `only ${checked} files were checked; the folder walk is broken`);
  assert.deepEqual(offenders, [], `these load Electron outside main/index.ts and preload/index.ts:\n${offenders.join('\n')}`);
  for (const path of MAY_LOAD_ELECTRON) {
    assert.ok(electronLoads(path, readFileSync(join(ROOT, path), 'utf8')).length > 0, `${path} should be where Electron is loaded`);
  }
});
