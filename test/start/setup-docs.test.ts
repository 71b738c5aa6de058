// The README's set-up stays true: its Node versions are package.json's engines and the floor that
// Electron's own packages declare in package-lock.json, and .ci/run runs the commands it lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(ROOT + path, 'utf8');
const readme = read('README.md');
const setUp = readme.slice(readme.indexOf('## Set-up'), readme.indexOf('\n## ', readme.indexOf('## Set-up') + 1));

/** The lowest version a range like '>=22.12.0', '>= 22.12' or '>=14' allows, as [major, minor]. */
function floor(range: string): [number, number] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range.trim());
  assert.ok(match, `not a plain >= range: ${range}`);
  return [Number(match[1]), Number(match[2] ?? 0)];
}

test("the README's Node version for the console and tests is package.json's engines", () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  const [major, minor] = floor(engines);
  assert.match(setUp, new RegExp(`The console, its command line and every test run on Node ${major}\\.${minor} or later\\.`));
  assert.equal(process.versions.node.localeCompare(`${major}.${minor}`, undefined, { numeric: true }) >= 0, true, 'these tests run on it');
});

test("the README's Node version for Electron's packages is the highest they declare in the lock", () => {
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } }> };
  const electronPackages = Object.entries(lock.packages).filter(([path]) =>
    /node_modules\/(electron|electron-builder|app-builder-lib|@electron\/[^/]+|@electron-internal\/[^/]+|node-abi)$/.test(path),
  );
  assert.ok(electronPackages.some(([path]) => path.endsWith('node_modules/electron')));
  const floors = electronPackages
    .map(([, entry]) => entry.engines?.node)
    .filter((range): range is string => Boolean(range))
    .map(floor);
  const [major, minor] = floors.reduce((a, b) => (a[0] * 1000 + a[1] >= b[0] * 1000 + b[1] ? a : b));
  assert.match(setUp, new RegExp(`ask for Node ${major}\\.${minor}\\s+or later`));
});

test('.ci/run runs the commands the README set-up lists, and installs nothing from Debian', () => {
  const ci = read('.ci/run');
  const commands = [...ci.matchAll(/^(npm (?:ci|run \S+|test))\b/gm)].map((m) => m[1]);
  assert.deepEqual(commands, ['npm ci', 'npm run typecheck', 'npm run lint', 'npm test']);
  for (const command of commands) assert.match(setUp, new RegExp(`^${command}\\b`, 'm'), `README set-up lists ${command}`);
  assert.doesNotMatch(ci, /apt-get/, 'the README promises that npm ci is all the tests need');
});
