// `mesh-console sandbox --strict`, `--host` and `--admin-from-anywhere` reach the server it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const BIN = fileURLToPath(new URL('../../bin/mesh-console.cjs', import.meta.url));

/** Starts `mesh-console sandbox ...` on a free port; resolves its URL and its stderr so far once it listens. */
async function sandbox(args: string[], { https = false } = {}) {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...(https ? [] : ['--http']), '--port', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (part: string) => {
      stderr += part;
      const found = /listening on (https?:\/\/\S+)/.exec(stderr);
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

/** An address of this machine that is not loopback: a request to it comes from it, not from 127.0.0.1. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

test(
  '--host opens the server to other machines; the admin routes still answer them only with --admin-from-anywhere',
  { skip: outside ? false : 'this machine has no non-loopback IPv4 address to call from' },
  async () => {
    const loopbackOnly = await sandbox([]);
    try {
      const port = new URL(loopbackOnly.url).port;
      await assert.rejects(request(`http://${outside}:${port}/messageexchange/_ping`), /ECONNREFUSED/, 'by default only 127.0.0.1 listens');
    } finally {
      assert.equal(await loopbackOnly.stop(), 0);
    }

    const open = await sandbox(['--host', '0.0.0.0']);
    try {
      const remote = `http://${outside}:${new URL(open.url).port}`;
      assert.equal((await request(`${remote}/messageexchange/_ping`)).statusCode, 200, 'MESH routes answer other addresses');
      const refused = await request(`${remote}/admin/checks`);
      assert.equal(refused.statusCode, 403);
      assert.match(((await refused.body.json()) as { errorDescription: string }).errorDescription, /--admin-from-anywhere/);
      assert.equal((await request(`${open.url}/admin/checks`)).statusCode, 200, 'this machine is answered');
    } finally {
      assert.equal(await open.stop(), 0);
    }

    const anywhere = await sandbox(['--host', outside!, '--admin-from-anywhere']);
    try {
      assert.equal(new URL(anywhere.url).hostname, outside);
      assert.equal((await request(`${anywhere.url}/admin/checks`)).statusCode, 200);
    } finally {
      assert.equal(await anywhere.stop(), 0);
    }
  },
);

test(
  'over HTTPS, --host puts the address in the server certificate; a kept one is made again only when it lacks a name',
  { skip: outside ? false : 'this machine has no non-loopback IPv4 address to call from' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-sandbox-host-tls-'));
    const certPath = join(dir, 'tls', 'server-cert.pem');
    /** A verified HTTPS request to the server's port at `host`, trusting only the certificate it keeps. */
    const ping = async (url: string, host: string) => {
      const agent = new Agent({ connect: { ca: await readFile(certPath, 'utf8') } });
      try {
        return (await request(`https://${host}:${new URL(url).port}/messageexchange/_ping`, { dispatcher: agent })).statusCode;
      } finally {
        await agent.close();
      }
    };
    try {
      const first = await sandbox(['--data', dir], { https: true });
      const loopbackOnly = await readFile(certPath, 'utf8');
      assert.equal(await first.stop(), 0);
      assert.doesNotMatch(new X509Certificate(loopbackOnly).subjectAltName ?? '', new RegExp(outside!.replaceAll('.', '\\.')));

      const open = await sandbox(['--data', dir, '--host', outside!], { https: true });
      try {
        assert.match(open.stderr(), new RegExp(`certificate was made again to name ${outside!.replaceAll('.', '\\.')} too`));
        assert.equal(await ping(open.url, outside!), 200, 'the name is verified');
      } finally {
        assert.equal(await open.stop(), 0);
      }
      const remade = await readFile(certPath, 'utf8');
      assert.notEqual(remade, loopbackOnly);
      assert.match(new X509Certificate(remade).subjectAltName ?? '', /DNS:localhost, IP Address:127\.0\.0\.1/, 'the old names stay');

      const again = await sandbox(['--data', dir, '--host', '0.0.0.0'], { https: true });
      try {
        assert.equal(await ping(again.url, outside!), 200);
        assert.equal(await ping(again.url, '127.0.0.1'), 200);
      } finally {
        assert.equal(await again.stop(), 0);
      }
      const restarted = await sandbox(['--data', dir, '--host', outside!], { https: true });
      assert.equal(await restarted.stop(), 0);
      assert.doesNotMatch(restarted.stderr(), /made again/, 'a certificate that names it already is kept');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test('--host that is not an address of this machine is one sentence and exit 2', async () => {
  for (const [host, sentence] of [
    [
      'mesh.example.org',
      /--host must be an IP address of this machine \(like 127\.0\.0\.1, or 0\.0\.0\.0 for all of them\), not "mesh\.example\.org"\./,
    ],
    ['192.0.2.254', /--host 192\.0\.2\.254 is not an address of this machine; give one of its addresses, or 0\.0\.0\.0 for all of them\./],
  ] as const) {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--http', '--port', '0', '--host', host], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (part: string) => (stderr += part));
    const [code] = await once(child, 'close');
    assert.equal(code, 2, stderr);
    assert.match(stderr, sentence);
    assert.equal(stderr.trim().split('\n').length, 1, 'one line, no stack');
  }
});
