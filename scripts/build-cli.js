// Bundles the command line (main/cli/main.ts) with esbuild into dist/cli/, as build-main.js bundles the
// Electron main process: `mesh-console` then starts in about 0.3 s instead of 1 s under tsx.
// Beside the bundle, inputs.json lists the files it was built from, so bin/cli-bundle.js can
// tell when a source file changed since and fall back to tsx rather than run stale code.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_BUNDLE_FILE, CLI_INPUTS_FILE } from '../bin/cli-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli(outDir = join(root, 'dist', 'cli')) {
  mkdirSync(outDir, { recursive: true });
  // Without its input list the bundle is not used (bin/cli-bundle.js): remove the list first and
  // write it last, so a command started mid-build runs the source rather than a half-written file.
  rmSync(join(outDir, CLI_INPUTS_FILE), { force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['main/cli/main.ts'],
    outfile: join(outDir, CLI_BUNDLE_FILE),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    write: false,
    // Bundled CommonJS dependencies call require() for Node's built-ins: give the ES module one.
    banner: {
      js: "import { createRequire as __meshCreateRequire } from 'node:module'; const require = __meshCreateRequire(import.meta.url);",
    },
  });
  // Each file is written under a name of its own and renamed into place, so two builds at once
  // (two `npm test` runs in one checkout) never leave a half-written bundle for a command to run.
  const place = (path, contents) => {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, contents);
    renameSync(temp, path);
  };
  for (const file of result.outputFiles) place(file.path, file.contents);
  // The vaccine catalogue is read from beside the module that loads it. The source file is
  // read-only, and so is its copy: remove the old copy rather than write over it.
  const catalogueCopy = `${join(outDir, 'vaccines.yml')}.${process.pid}.tmp`;
  copyFileSync(join(root, 'main/dps/vaccines.yml'), catalogueCopy);
  renameSync(catalogueCopy, join(outDir, 'vaccines.yml'));
  place(join(outDir, CLI_INPUTS_FILE), `${JSON.stringify({ inputs: Object.keys(result.metafile.inputs) })}\n`);
  return join(outDir, CLI_BUNDLE_FILE);
}

// `node scripts/build-cli.js [outDir]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli(process.argv[2]);
