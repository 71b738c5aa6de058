// How long `mesh-console` takes to start: `--help` (which loads every command) run as a fresh
// process, from the source through tsx as bin/mesh-console.cjs does after `npm ci`, and from the
// bundle scripts/build-cli.js makes (used after `npm run build`), built here into the temp folder.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadNow, median, type Figure } from './figures';
import type { BenchContext } from './transfer-bench';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function timedStart(args: string[]): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [...args, '--help'], { cwd: ROOT });
  return performance.now() - started;
}

export async function cliStartFigures(context: Pick<BenchContext, 'workDir' | 'log'>, runs: number): Promise<Figure[]> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/build-cli.js'), join(context.workDir, 'cli')], { cwd: ROOT });
  if (stdout.trim()) context.log(stdout.trim());
  const bundle = join(context.workDir, 'cli', 'mesh-console.mjs');
  const fromSource = ['--import', 'tsx', join(ROOT, 'main/cli/main.ts')];
  const sourceMs: number[] = [];
  const bundleMs: number[] = [];
  const loads: number[] = [];
  await timedStart(fromSource); // tsx's transform cache, as on any run after the first
  for (let i = 0; i < runs; i++) {
    loads.push(loadNow());
    sourceMs.push(await timedStart(fromSource));
    bundleMs.push(await timedStart([bundle]));
  }
  context.log(`  source ${median(sourceMs).toFixed(0)} ms, bundle ${median(bundleMs).toFixed(0)} ms (median of ${runs})`);
  return [
    {
      name: 'CLI start (mesh-console --help), source through tsx',
      unit: 's',
      runs: sourceMs.map((ms) => ms / 1000),
      loads,
      note: 'after npm ci; tsx transform cache warm',
    },
    { name: 'CLI start (mesh-console --help), bundle (after npm run build)', unit: 's', runs: bundleMs.map((ms) => ms / 1000), loads },
  ];
}
