// Bundles the Electron main process (ESM, as package.json's "type": "module" makes dist/main/index.js)
// and the sandboxed preload (CommonJS: a sandboxed preload cannot be an ES module) with esbuild.
// Electron itself stays external; every other dependency is bundled so dist/ runs on its own.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, INFLATE_WORKER } from './build-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'info',
};

await Promise.all([
  buildCli(),
  build({
    ...common,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.js',
    format: 'esm',
    // Bundled CommonJS dependencies call require() for Node's built-ins: give the ES module one.
    banner: {
      js: "import { createRequire as __meshCreateRequire } from 'node:module'; const require = __meshCreateRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    format: 'cjs',
    platform: 'browser',
    target: 'chrome140',
  }),
]);

// Files the core reads beside its own module (new URL('./…', import.meta.url)): in the bundle, that is dist/main/.
const besideMain = ['main/dps/vaccines.yml', INFLATE_WORKER];
mkdirSync(join(root, 'dist', 'main'), { recursive: true });
for (const file of besideMain) {
  const copy = join(root, 'dist', 'main', file.split('/').pop());
  rmSync(copy, { force: true }); // a read-only copy cannot be written over
  copyFileSync(join(root, file), copy);
}
