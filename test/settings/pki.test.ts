import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import {
  certificateDetails,
  createCertificateSigningRequest,
  createSelfSigned,
  encryptPrivateKey,
  issueCertificate,
  keyMatchesCertificate,
  loadPrivateKey,
  meshClientCommonName,
} from '../../main/settings/pki';

test('a CA issues a client certificate that verifies against it', async () => {
  const ca = await createSelfSigned({ commonName: 'Test CA', usage: 'ca' });
  const client = await issueCertificate(ca, { commonName: 'x26abc1.x26.api.mesh-client.nhs.uk', usage: 'client' });
  const certificate = new X509Certificate(client.certificatePem);
  assert.ok(certificate.verify(new X509Certificate(ca.certificatePem).publicKey));
  assert.ok(keyMatchesCertificate(client.certificatePem, loadPrivateKey(client.privateKeyPem)));
  assert.ok(!keyMatchesCertificate(ca.certificatePem, loadPrivateKey(client.privateKeyPem)));
  const details = certificateDetails(client.certificatePem);
  assert.equal(details.commonName, 'x26abc1.x26.api.mesh-client.nhs.uk');
  assert.equal(details.expired, false);
});

test('an expired certificate reads as expired', async () => {
  const ca = await createSelfSigned({ commonName: 'Test CA', usage: 'ca' });
  const old = await issueCertificate(ca, {
    commonName: 'old',
    usage: 'client',
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2021-01-01'),
  });
  assert.equal(certificateDetails(old.certificatePem).expired, true);
});

test('an encrypted key needs its passphrase', async () => {
  const ca = await createSelfSigned({ commonName: 'Test CA', usage: 'ca' });
  const encrypted = encryptPrivateKey(ca.privateKeyPem, 'correct horse');
  assert.match(encrypted, /ENCRYPTED PRIVATE KEY/);
  assert.throws(() => loadPrivateKey(encrypted, 'wrong'));
  assert.ok(keyMatchesCertificate(ca.certificatePem, loadPrivateKey(encrypted, 'correct horse')));
});

test('a CSR carries the MESH common name and an encrypted RSA key', async () => {
  const commonName = meshClientCommonName('X26ABC1', 'X26');
  assert.equal(commonName, 'x26abc1.x26.api.mesh-client.nhs.uk');
  const request = await createCertificateSigningRequest(commonName, 'pass phrase');
  assert.match(request.csrPem, /BEGIN CERTIFICATE REQUEST/);
  assert.equal(loadPrivateKey(request.encryptedPrivateKeyPem, 'pass phrase').asymmetricKeyType, 'rsa');
});
