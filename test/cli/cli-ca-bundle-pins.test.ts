// A CA bundle pins whom MESH connections trust: with one set, a server is trusted only when the bundle
// vouches for it, whatever this machine's own trust store says (here NODE_EXTRA_CA_CERTS, as a
// trust's managed store or a TLS-inspecting proxy's CA would be). Without a bundle, Node's default
// trust applies, which is what shows the refusal comes from the bundle; and it is the same whether
// Node runs with the bin's `--use-openssl-ca` (as cli() starts it) or not (main/mesh/server-trust.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, cliUnderPlainNode } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let otherCa: string;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-ca-pins-');
  otherCa = join(sandbox.dir, 'other-ca.pem');
  await writeFile(otherCa, sandbox.pki.otherCa.certificatePem);
});

after(() => sandbox?.close());

/** The sandbox's environment with this machine trusting the sandbox's certificate, and the given CA bundle or none. */
function trustedByTheMachine(caBundle: string | undefined): Record<string, string> {
  const env = sandbox.env('X26ABC1');
  const { MESH_CA_BUNDLE: serverCert, ...rest } = env;
  return { ...rest, NODE_EXTRA_CA_CERTS: serverCert!, ...(caBundle ? { MESH_CA_BUNDLE: caBundle } : {}) };
}

test('with a CA bundle that does not vouch for the server, the machine trusting it does not help: refused', async () => {
  const result = await cli(['validate'], trustedByTheMachine(otherCa));
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /is not trusted \(its certificate is not signed by the CA bundle in use\)/);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
});

test('without a CA bundle, the machine trusting the server is enough (so the refusal above is the bundle)', async () => {
  const result = await cli(['validate'], trustedByTheMachine(undefined));
  assert.equal(result.code, 0, result.stdout + result.stderr);
});

test("without a CA bundle, OpenSSL's own store is not trusted for MESH, with the bin's options or without", async () => {
  const { MESH_CA_BUNDLE: serverCert, ...env } = sandbox.env('X26ABC1');
  // SSL_CERT_FILE names OpenSSL's store: what --use-openssl-ca alone would have made Node trust.
  const withOpenSslStore = { ...env, SSL_CERT_FILE: serverCert! };
  for (const result of [await cli(['validate'], withOpenSslStore), await cliUnderPlainNode(['validate'], withOpenSslStore)]) {
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /not trusted/);
  }
});

test('without a CA bundle, NODE_EXTRA_CA_CERTS is trusted under plain Node too', async () => {
  const result = await cliUnderPlainNode(['validate'], trustedByTheMachine(undefined));
  assert.equal(result.code, 0, result.stdout + result.stderr);
});
