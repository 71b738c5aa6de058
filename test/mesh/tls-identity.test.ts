import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { checkClientIdentity } from '../../main/mesh/tls-agent';
import { errorFromTransport, KEY_SENTENCES } from '../../main/mesh/connection-errors';
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
  checkClientIdentity({
    certificatePem: pki.client.certificatePem,
    privateKeyPem: pki.clientKeyEncrypted,
    privateKeyPassphrase: pki.passphrase,
    caPem: pki.ca.certificatePem,
  });
  checkClientIdentity({ certificatePem: pki.client.certificatePem, privateKeyPem: pki.client.privateKeyPem });
  checkClientIdentity({});
});

test('wrong or missing passphrase, key mismatch, expiry, half an identity, unreadable PEM', async () => {
  const pki = await testPki();
  const cert = pki.client.certificatePem;
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.clientKeyEncrypted, privateKeyPassphrase: 'wrong' })),
    'tls-passphrase-wrong',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.clientKeyEncrypted })),
    'tls-passphrase-wrong',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.strangerClient.privateKeyPem })),
    'tls-key-mismatch',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: pki.expiredClient.certificatePem, privateKeyPem: pki.expiredClient.privateKeyPem })),
    'tls-certificate-expired',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: cert })),
    'tls-client-certificate-missing',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ certificatePem: 'not a pem', privateKeyPem: pki.client.privateKeyPem })),
    'tls-invalid-pem',
  );
  assert.equal(
    kindOf(() => checkClientIdentity({ caPem: 'garbage' })),
    'tls-invalid-pem',
  );
});

test('messages name the problem and never the passphrase', async () => {
  const pki = await testPki();
  try {
    checkClientIdentity({
      certificatePem: pki.client.certificatePem,
      privateKeyPem: pki.clientKeyEncrypted,
      privateKeyPassphrase: 'wrong horse battery',
    });
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

// Each key error below is produced for real by this machine's OpenSSL, from keys made here:
// OpenSSL 1.1, 3.0 and 3.x word a missing passphrase differently (ERR_MISSING_PASSPHRASE,
// "bad password read", ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED), and each must read as a
// passphrase problem, not as an unreadable file.
function opensslError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('OpenSSL accepted the key');
}

test('key errors as OpenSSL reports them, loading the key or building the TLS context, get their sentence', async () => {
  const pki = await testPki();
  const encrypted = pki.clientKeyEncrypted;
  const garbage = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n';
  const cases: Array<[string, unknown, string]> = [
    [
      'missing passphrase (createPrivateKey)',
      opensslError(() => createPrivateKey({ key: encrypted, format: 'pem' })),
      'tls-passphrase-wrong',
    ],
    [
      'empty passphrase (createPrivateKey)',
      opensslError(() => createPrivateKey({ key: encrypted, format: 'pem', passphrase: '' })),
      'tls-passphrase-wrong',
    ],
    [
      'wrong passphrase (createPrivateKey)',
      opensslError(() => createPrivateKey({ key: encrypted, format: 'pem', passphrase: 'wrong' })),
      'tls-passphrase-wrong',
    ],
    [
      'missing passphrase (TLS context)',
      opensslError(() => createSecureContext({ cert: pki.client.certificatePem, key: encrypted })),
      'tls-passphrase-wrong',
    ],
    [
      'wrong passphrase (TLS context)',
      opensslError(() => createSecureContext({ cert: pki.client.certificatePem, key: encrypted, passphrase: 'wrong' })),
      'tls-passphrase-wrong',
    ],
    ['garbage inside PEM armour', opensslError(() => createPrivateKey({ key: garbage, format: 'pem' })), 'tls-invalid-pem'],
    ['no PEM at all', opensslError(() => createPrivateKey({ key: 'not a key', format: 'pem' })), 'tls-invalid-pem'],
    [
      "key that is not the certificate's (TLS context)",
      opensslError(() => createSecureContext({ cert: pki.client.certificatePem, key: pki.strangerClient.privateKeyPem })),
      'tls-key-mismatch',
    ],
  ];
  for (const [what, error, kind] of cases) {
    const mapped = errorFromTransport(
      error,
      { operation: 'handshake', mailbox: 'X26ABC1', baseUrl: 'https://127.0.0.1:1' },
      { timeoutMs: 1000 },
    );
    assert.equal(mapped.kind, kind, `${what}: ${(error as { code?: string }).code} ${(error as Error).message}`);
    assert.equal(mapped.message, KEY_SENTENCES[kind as keyof typeof KEY_SENTENCES], what);
  }
});

test('an encrypted key with no passphrase, or a garbage key, is refused before connecting with its sentence', async () => {
  const pki = await testPki();
  const cert = pki.client.certificatePem;
  const missing = (() => {
    try {
      checkClientIdentity({ certificatePem: cert, privateKeyPem: pki.clientKeyEncrypted });
    } catch (error) {
      return error as MeshError;
    }
    return assert.fail('should throw');
  })();
  assert.equal(missing.kind, 'tls-passphrase-wrong');
  assert.equal(missing.message, KEY_SENTENCES['tls-passphrase-wrong']);
  for (const key of [
    'garbage',
    '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n',
    '-----BEGIN ENCRYPTED PRIVATE KEY-----\n!!!\n-----END ENCRYPTED PRIVATE KEY-----\n',
  ]) {
    assert.equal(
      kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: key })),
      'tls-invalid-pem',
      key,
    );
    assert.equal(
      kindOf(() => checkClientIdentity({ certificatePem: cert, privateKeyPem: key, privateKeyPassphrase: 'pp' })),
      'tls-invalid-pem',
      key,
    );
  }
});
