// Bundles each benchmark child with esbuild into the run's temp folder, as scripts/build-main.js
// bundles the console, so a child runs under plain `node` like the built console does (tsx's
// loader would add about 40 MB to every memory figure).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CHILDREN = [
  'mesh-server-child',
  'transfer-child',
  'dps-import-child',
  'dps-csv-child',
  'dps-export-child',
  'audit-open-child',
] as const;

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildChildren(outDir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(CHILDREN.map((name) => [name, `bench/${name}.ts`])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['electron'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
  });
  // The vaccine catalogue is read from beside the module that loads it.
  await copyFile(join(root, 'main/dps/vaccines.yml'), join(outDir, 'vaccines.yml'));
}
