import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClientIdentity } from '../../main/mesh/tls-agent';
import { MeshError } from '../../main/mesh/errors';
import { testPki } from '../support/pki';

const kindOf = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MeshError, String(error));
    return error.kind;
  }
  return 'none';
};

test('a good certificate with its encrypted key and passphrase passes', async () => {
  const pki = await testPki();
  checkClientIdentity({ certificatePem: pki.client.certificatePem, privateKeyPem: pki.clientKeyEncrypted, privateKeyPassphrase: pki.passphrase, caPem: pki.ca.certificatePem });
  checkClientIdentity({ certificatePem: pki.client.certificatePem, privateKeyPem: pki.client.privateKeyPem });
  checkClientIdentity({});
});

test('wrong or missing passphrase, key mismatch, expiry, half an identity, unreadable PEM', async () => {
  const pki = await testPki();
  const cert = pki.client.certificatePem;
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.clientKeyEncrypted, privateKeyPassphrase: 'wrong' })), 'tls-passphrase-wrong');
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.clientKeyEncrypted })), 'tls-passphrase-wrong');
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.strangerClient.privateKeyPem })), 'tls-key-mismatch');
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: pki.expiredClient.certificatePem, privateKeyPem: pki.expiredClient.privateKeyPem })), 'tls-certificate-expired');
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: cert })), 'tls-client-certificate-missing');
  assert.equal(kindOf(() => checkClientIdentity({ certificatePem: 'not a pem', privateKeyPem: pki.client.privateKeyPem })), 'tls-invalid-pem');
  assert.equal(kindOf(() => checkClientIdentity({ caPem: 'garbage' })), 'tls-invalid-pem');
});

test('messages name the problem and never the passphrase', async () => {
  const pki = await testPki();
  try {
    checkClientIdentity({ certificatePem: pki.client.certificatePem, privateKeyPem: pki.clientKeyEncrypted, privateKeyPassphrase: 'wrong horse battery' });
    assert.fail('should throw');
  } catch (error) {
    assert.ok(error instanceof MeshError);
    assert.match(error.message, /passphrase/);
    assert.ok(!error.message.includes('wrong horse battery'));
  }
  try {
    checkClientIdentity({ certificatePem: pki.expiredClient.certificatePem, privateKeyPem: pki.expiredClient.privateKeyPem });
  } catch (error) {
    assert.match((error as Error).message, /expired on 2021-01-01/);
  }
});
