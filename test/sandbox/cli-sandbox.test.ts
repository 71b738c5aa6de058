// `mesh-console sandbox --strict` and `--admin-from-anywhere` reach the server it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const BIN = fileURLToPath(new URL('../../bin/mesh-console.js', import.meta.url));

/** Starts `mesh-console sandbox ...` on a free port; resolves its URL and its stderr so far once it listens. */
async function sandbox(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--http', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = once(child, 'exit');
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (part: string) => {
      stderr += part;
      const found = /listening on (http:\/\/\S+)/.exec(stderr);
      if (found && stderr.includes('Stop with Ctrl+C.')) resolve(found[1]!);
    });
    exited.then(() => reject(new Error(`mesh-console sandbox ended before it listened: ${stderr}`)), reject);
  });
  return {
    url,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}

test('--strict starts the server with every check on, and says so; without it none is on', async () => {
  const strict = await sandbox(['--strict']);
  try {
    const checks = await (await request(`${strict.url}/admin/checks`)).body.json();
    assert.deepEqual(checks, {
      tokenReuse: true,
      timestampWindow: true,
      workflowAuthorisation: true,
      requireAllChunks: true,
      expireUncollected: true,
      goneAfterAcknowledge: true,
    });
    assert.match(strict.stderr(), /Strict: the checks NHS MESH makes/);
  } finally {
    assert.equal(await strict.stop(), 0);
  }
  const plain = await sandbox([]);
  try {
    assert.deepEqual(await (await request(`${plain.url}/admin/checks`)).body.json(), {});
    assert.doesNotMatch(plain.stderr(), /Strict/);
  } finally {
    assert.equal(await plain.stop(), 0);
  }
});

test(
  '--admin-from-anywhere is accepted (this machine is answered either way; the refusal from elsewhere is in ' + 'admin-access.test.ts)',
  async () => {
    const server = await sandbox(['--admin-from-anywhere']);
    try {
      assert.equal((await request(`${server.url}/admin/checks`)).statusCode, 200);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  },
);
