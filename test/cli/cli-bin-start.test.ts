// `mesh-console` started as a shell or npm's shim starts it: the bin file itself, whose first line names Node and
// the options it runs with (bin/node-options.js reads them for the other tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BIN, BIN_COMMAND } from './cli-support';

test('the bin runs through its first line, `#!/usr/bin/env -S node` and the options', async () => {
  const { stdout } = await promisify(execFile)(BIN, ['--help'], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  assert.match(stdout, /^Usage: mesh-console/);
});

test('the tests start the command line with the options its first line names', () => {
  assert.deepEqual(BIN_COMMAND, ['--use-openssl-ca', BIN]);
});
