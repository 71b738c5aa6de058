// A process past a file size limit (`ulimit -f`) that has loaded signal-exit, as every process taking
// the store lock has (proper-lockfile): with failWritesPastFileSizeLimit (the CLI and the Electron
// main process call it first) the write fails with EFBIG, which the caller can report and clean up
// after; without it signal-exit raises SIGXFSZ again and the process ends half-way through the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('../../main/files/file-size-limit.ts', import.meta.url));

/** Writes 256 KiB under a limit of 64 blocks (32 or 64 KiB); says how the write ended. */
async function writePastLimit(heard: boolean): Promise<{ stdout: string; code: number | null; signal: string | null }> {
  const file = join(await mkdtemp(join(tmpdir(), 'file-size-limit-')), 'big.bin');
  const script = [
    `import { writeFile } from 'node:fs/promises';`,
    `import onExit from 'signal-exit';`,
    `import { failWritesPastFileSizeLimit } from ${JSON.stringify(MODULE)};`,
    'onExit(() => {});',
    heard ? 'failWritesPastFileSizeLimit();' : '',
    `try { await writeFile(${JSON.stringify(file)}, Buffer.alloc(256 * 1024)); console.log('written'); }`,
    `catch (error) { console.log(error.code); }`,
  ].join('\n');
  const child = spawn(
    '/bin/sh',
    ['-c', 'ulimit -f 64 && exec "$0" "$@"', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (part: string) => (stdout += part));
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  return { stdout: stdout.trim(), code, signal };
}

test('past the file size limit the write fails with EFBIG and the process goes on', { skip: process.platform === 'win32' }, async () => {
  assert.deepEqual(await writePastLimit(true), { stdout: 'EFBIG', code: 0, signal: null });
});

test(
  'without it, signal-exit re-raises SIGXFSZ and the process ends mid-write (what the call prevents)',
  { skip: process.platform === 'win32' },
  async () => {
    const ended = await writePastLimit(false);
    assert.equal(ended.signal, 'SIGXFSZ', JSON.stringify(ended));
    assert.equal(ended.stdout, '');
  },
);
