// Runs every test file under test/ with Node's own test runner, TypeScript loaded by tsx.
// `npm test -- test/mesh` runs only the files under the paths given.
//
// Before the tests start, the command line is bundled into dist/cli/ (scripts/build-cli.js, under
// a second): the CLI and export tests start `mesh-console` about fifty times, and each start takes
// 0.4 s from the bundle against 1.2 s from the source through tsx. bin/mesh-console.cjs runs the
// bundle only while no file it was built from has changed since, so a file edited mid-run is run
// from the source, never from a stale bundle. Where the build fails, the tests run the source.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => testFiles(join(path, name)));
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots.flatMap(testFiles);
if (files.length === 0) {
  console.error(`No test files (*.test.ts) under ${roots.join(', ')}.`);
  process.exit(2);
}

if (files.some((file) => /(^|[/\\])test[/\\](cli|exports)[/\\]/.test(file))) {
  try {
    const { buildCli } = await import('./build-cli.js');
    await buildCli();
  } catch (error) {
    console.error(
      `The command line bundle could not be built (${error instanceof Error ? error.message : String(error)}); the ` +
        `CLI tests run the source through tsx.`,
    );
  }
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
