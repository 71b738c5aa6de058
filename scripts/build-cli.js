// Bundles the command line (main/cli/main.ts) with esbuild into dist/cli/, as build-main.js bundles the
// Electron main process: `mesh-console` then starts in a fraction of the time it takes under tsx.
// The bundle is split (esbuild `splitting`): main/cli/program.ts imports each group of commands
// only when one of its commands runs, so a command compiles and loads its own code and what it
// shares, not every other command's (`count` never loads the DPS export or the local server).
// Beside the bundle, inputs.json lists the files it was built from and the chunks it is made of,
// so bin/cli-bundle.js can tell when a source file changed since and fall back to tsx rather
// than run stale code.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI_BUNDLE_FILE, CLI_CHUNK_PREFIX, CLI_INPUTS_FILE } from '../bin/cli-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Chunks of an earlier build are removed once this old: a command started from that build has long finished loading. */
const STALE_CHUNK_MS = 60 * 60 * 1000;
/** Not bundled: the inflation thread runs this file as it is, so it is copied beside the bundle. */
export const INFLATE_WORKER = 'main/mesh/inflate-worker.cjs';

export async function buildCli(outDir = join(root, 'dist', 'cli')) {
  mkdirSync(outDir, { recursive: true });
  // Without its input list the bundle is not used (bin/cli-bundle.js): remove the list first and
  // write it last, so a command started mid-build runs the source rather than a half-written file.
  rmSync(join(outDir, CLI_INPUTS_FILE), { force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [CLI_BUNDLE_FILE.replace(/\.mjs$/, '')]: 'main/cli/main.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside the entry (not in a folder), so a module that reads a file from beside
    // itself (the vaccine catalogue) finds it wherever esbuild put that module.
    chunkNames: `${CLI_CHUNK_PREFIX}[name]-[hash]`,
    splitting: true,
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
    // Bundled CommonJS dependencies call require() for Node's built-ins: give each ES module one.
    banner: {
      js: "import { createRequire as __meshCreateRequire } from 'node:module'; const require = __meshCreateRequire(import.meta.url);",
    },
  });
  // Each file is written under a name of its own and renamed into place, so two builds at once
  // (two `npm test` runs in one checkout) never leave a half-written bundle for a command to run.
  // Chunks are named by their content's hash, so a chunk another build wrote is the same file.
  const place = (path, contents) => {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, contents);
    renameSync(temp, path);
  };
  const entry = join(outDir, CLI_BUNDLE_FILE);
  for (const file of result.outputFiles) if (file.path !== entry) place(file.path, file.contents);
  for (const file of result.outputFiles) if (file.path === entry) place(file.path, file.contents);
  // The vaccine catalogue is read from beside the module that loads it. The source file is
  // read-only, and so is its copy: remove the old copy rather than write over it.
  const catalogueCopy = `${join(outDir, 'vaccines.yml')}.${process.pid}.tmp`;
  copyFileSync(join(root, 'main/dps/vaccines.yml'), catalogueCopy);
  renameSync(catalogueCopy, join(outDir, 'vaccines.yml'));
  // The inflation thread's code is read from beside the module that starts it (main/mesh/inflate-thread.ts).
  const workerPath = join(outDir, basename(INFLATE_WORKER));
  copyFileSync(join(root, INFLATE_WORKER), `${workerPath}.${process.pid}.tmp`);
  renameSync(`${workerPath}.${process.pid}.tmp`, workerPath);
  const chunks = Object.keys(result.metafile.outputs)
    .filter((path) => path.endsWith('.mjs'))
    .map((path) => relative(outDir, join(root, path)));
  removeStaleChunks(outDir, new Set(chunks));
  // node_modules is not listed file by file: an npm install rewrites node_modules/.package-lock.json,
  // which bin/cli-bundle.js checks, and that keeps the check to our own files (a few hundred stats fewer).
  const inputs = [...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/')), INFLATE_WORKER];
  place(join(outDir, CLI_INPUTS_FILE), `${JSON.stringify({ inputs, chunks })}\n`);
  return entry;
}

function removeStaleChunks(outDir, current) {
  for (const name of readdirSync(outDir)) {
    if (!name.startsWith(CLI_CHUNK_PREFIX) || current.has(name.replace(/\.map$/, ''))) continue;
    try {
      if (Date.now() - statSync(join(outDir, name)).mtimeMs > STALE_CHUNK_MS) rmSync(join(outDir, name), { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

// `node scripts/build-cli.js [outDir]`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli(process.argv[2]);
