// Lint rules, and the layers of the code as rules (README, "Where things are"):
// - main/domain imports nothing of ours;
// - the core (everything under main/ but the shell and the IPC layer) never loads Electron and
//   never imports preload/ or renderer/; nothing below main/app imports the composition;
// - the renderer reaches main/ only for types (through preload/api.ts);
// - only main/index.ts and preload/index.ts load Electron at run time: everything else runs under
//   plain Node, where loading 'electron' would try to download its binary;
// - no import cycles.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON_TYPES_ONLY = {
  name: 'electron',
  allowTypeImports: true,
  message: 'Only main/index.ts and preload/index.ts load Electron; elsewhere import its types only (`import type`).',
};
const NO_PRELOAD_OR_RENDERER = [
  { group: ['**/preload', '**/preload/**'], message: 'The core does not import the IPC contract: use main/domain.' },
  { group: ['**/renderer', '**/renderer/**'], message: 'The core does not import the renderer.' },
];
const NO_ELECTRON_AT_RUN_TIME = [
  'error',
  { selector: "ImportExpression[source.value='electron']", message: 'Only main/index.ts and preload/index.ts load Electron.' },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
    message: 'Only main/index.ts and preload/index.ts load Electron.',
  },
];
const NO_COMPOSITION = { group: ['**/app', '**/app/**'], message: 'main/app puts the console together; nothing below it imports it.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [ELECTRON_TYPES_ONLY] }],
      'no-restricted-syntax': NO_ELECTRON_AT_RUN_TIME,
    },
  },
  {
    // The few CommonJS files: bin/mesh-console.cjs runs bin/thread-pool.cjs before any ES module is read.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_TYPES_ONLY],
          patterns: [
            {
              group: ['**/main', '**/main/**'],
              allowTypeImports: true,
              message: 'The renderer reaches main/ through preload/api.ts, and for types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/ipc.ts', 'main/app/**', 'main/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [ELECTRON_TYPES_ONLY], patterns: [...NO_PRELOAD_OR_RENDERER, NO_COMPOSITION] },
      ],
    },
  },
  {
    files: ['main/app/**/*.ts', 'main/cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [ELECTRON_TYPES_ONLY], patterns: NO_PRELOAD_OR_RENDERER }] },
  },
  {
    files: ['main/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_TYPES_ONLY],
          patterns: [{ group: ['../*', '../**'], message: 'main/domain imports nothing of ours: it is what every other layer speaks.' }],
        },
      ],
    },
  },
  {
    // The two places that load Electron.
    files: ['main/index.ts', 'preload/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
