import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  baseUrlFor,
  caBundlePath,
  ENVIRONMENTS,
  environmentForUrl,
  isLoopbackHost,
  isNhsEnvironment,
  nhsEnvironmentOf,
  readCaBundle,
} from '../../main/mesh/environments';
import { clientVersion, handshakeHeaders, osArchitecture } from '../../main/mesh/client-info';

test('the NHS environments have their base URLs and a CA bundle of real certificates', () => {
  assert.equal(ENVIRONMENTS.integration.baseUrl, 'https://msg.intspineservices.nhs.uk');
  assert.equal(ENVIRONMENTS.deployment.baseUrl, 'https://msg.depspineservices.nhs.uk');
  assert.equal(ENVIRONMENTS.production.baseUrl, 'https://mesh-sync.spineservices.nhs.uk');
  for (const name of ['integration', 'deployment', 'production'] as const) {
    const path = caBundlePath(name)!;
    assert.ok(existsSync(path), path);
    const pem = readCaBundle(name)!;
    const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    assert.ok(certificates.length >= 2, `${name} has a root and issuing CAs`);
    for (const certificate of certificates) assert.ok(new X509Certificate(certificate).ca, `${name}: a CA certificate`);
  }
  assert.equal(caBundlePath('local'), undefined);
  assert.equal(readCaBundle('custom'), undefined);
});

test('base URLs map back to their environment', () => {
  assert.equal(environmentForUrl('https://msg.intspineservices.nhs.uk/'), 'integration');
  assert.equal(environmentForUrl('https://MESH-SYNC.spineservices.nhs.uk'), 'production');
  assert.equal(environmentForUrl('https://msg.dep.spine2.ncrs.nhs.uk'), 'deployment');
  assert.equal(environmentForUrl('https://127.0.0.1:8700'), 'local');
  assert.equal(environmentForUrl('https://127.0.0.2:8700'), 'local');
  assert.equal(environmentForUrl('https://[::1]:8700'), 'local');
  assert.equal(environmentForUrl('https://mesh.localhost:8700'), 'custom');
  assert.equal(environmentForUrl('https://mesh.example.org'), 'custom');
  assert.equal(nhsEnvironmentOf('https://MSG.intspineservices.nhs.uk/'), 'integration');
  assert.equal(nhsEnvironmentOf('https://msg.int.spine2.ncrs.nhs.uk'), undefined, 'only the address offered, not an alias');
  assert.equal(nhsEnvironmentOf('https://127.0.0.1:8700'), undefined);
  assert.deepEqual(['local', 'integration', 'deployment', 'production', 'custom'].filter(isNhsEnvironment), [
    'integration',
    'deployment',
    'production',
  ]);
  assert.equal(baseUrlFor('production'), 'https://mesh-sync.spineservices.nhs.uk');
  assert.equal(baseUrlFor('local', 'https://127.0.0.1:8700/'), 'https://127.0.0.1:8700');
  assert.throws(() => baseUrlFor('custom'), /needs a base URL/);
});

test('this machine is localhost, 127.0.0.0/8 and ::1, and no other name', () => {
  for (const host of [
    'localhost',
    'LOCALHOST',
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.254',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '[0000::0001]',
  ]) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (const host of [
    'mesh.localhost',
    'localhost.example.org',
    'evil.localhost',
    '128.0.0.1',
    '10.0.0.1',
    '::2',
    '::ffff:8.8.8.8',
    '',
    'localhost:8700',
    '127.0.0.1.example.org',
  ]) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

test('handshake headers say who is calling, in plain ASCII', () => {
  const headers = handshakeHeaders('mesh-console 0.1.0');
  assert.equal(headers['mex-clientversion'], 'mesh-console 0.1.0;mesh-console-client==0.1.0');
  assert.equal(clientVersion(), 'mesh-console-client==0.1.0');
  for (const name of ['mex-osname', 'mex-osversion', 'mex-osarchitecture']) assert.match(headers[name]!, /^[\x20-\x7e]+$/);
  assert.equal(osArchitecture('x64'), 'x86_64');
  assert.equal(osArchitecture('arm64'), 'aarch64');
});
