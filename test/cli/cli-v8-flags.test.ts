// The command line changes V8's flags only where it must, and as late as it can: Node compiles its own modules from
// a code cache that V8 refuses once any flag differs from the start (main/cli/wasm-baseline-only.ts). A code cache
// made by another process shows it: a process whose flags are still as they started accepts it. A real request through
// the console's undici shows its channel still comes before a connection, so an undici upgrade cannot quietly undo it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** One source per check: a source compiled once is taken from the process's own cache the next time, not from the code cache. */
const SOURCES = [0, 1, 2].map((n) => `function probe${n}(a) { return a + ${n}; } probe${n}(1);`);

function node(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: ROOT }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(input);
  });
}

/** Code caches of SOURCES, made by a process that changed no flag. */
async function codeCaches(): Promise<string[]> {
  const script = `const { Script } = require('node:vm');
process.stdout.write(JSON.stringify(${JSON.stringify(SOURCES)}.map((s) => new Script(s).createCachedData().toString('base64'))));`;
  return JSON.parse(await node(['-e', script])) as string[];
}

/**
 * Runs `steps` (module code; `check()` records whether V8 refuses a code cache now, that is whether a flag has
 * been changed) in a new process and returns what each check found.
 */
async function flagsChanged(steps: string): Promise<boolean[]> {
  const script = `import { Script } from 'node:vm';
let text = '';
for await (const piece of process.stdin) text += piece;
const caches = JSON.parse(text);
const sources = ${JSON.stringify(SOURCES)};
const found = [];
const check = () => {
  const n = found.length;
  found.push(new Script(sources[n], { cachedData: Buffer.from(caches[n], 'base64') }).cachedDataRejected);
};
check();
${steps}
process.stdout.write(JSON.stringify(found));`;
  return JSON.parse(await node(['--import', 'tsx', '--input-type=module', '-e', script], JSON.stringify(await codeCaches()))) as boolean[];
}

test('--liftoff-only is set when the first HTTP connection is about to be made, not before', async () => {
  const found = await flagsChanged(`
const { baselineWasmFromFirstConnection } = await import('./main/cli/wasm-baseline-only.ts');
baselineWasmFromFirstConnection();
check();
(await import('node:diagnostics_channel')).channel('undici:client:beforeConnect').publish({});
check();`);
  assert.deepEqual(found, [false, false, true], 'no flag changed at start or once armed; one changed at the first connection');
});

test("the first request through the console's undici sets it (undici still announces its connections so)", async () => {
  const found = await flagsChanged(`
const { baselineWasmFromFirstConnection } = await import('./main/cli/wasm-baseline-only.ts');
const { Agent } = await import('./main/mesh/undici-parts.ts');
const { createServer } = await import('node:http');
baselineWasmFromFirstConnection();
const server = createServer((request, response) => response.end('ok')).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
check();
const agent = new Agent();
const answer = await agent.request({ origin: 'http://127.0.0.1:' + server.address().port, path: '/', method: 'GET' });
await answer.body.text();
check();
await agent.close();
server.close();`);
  assert.deepEqual(found, [false, false, true], 'set by the request, not before it');
});

test("prompt garbage collection leaves the flags as they were once it has V8's collector", async () => {
  const found = await flagsChanged(`
const { collectGarbagePromptly } = await import('./main/cli/prompt-garbage-collection.ts');
const stop = collectGarbagePromptly();
check();
stop();
check();`);
  assert.deepEqual(found, [false, false, false]);
});
