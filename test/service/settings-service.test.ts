import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { PLAINTEXT_SECRETS_ACCEPTANCE } from '../../preload/api';
import type { SecretEncryptor } from '../../main/ports';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

/** A system with no real encryption for secrets (Electron's safeStorage on Linux without a keyring). */
const noEncryption: SecretEncryptor = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('no encryption on this system');
  },
  decryptString: () => {
    throw new Error('no encryption on this system');
  },
};

test('a new private key and CSR for the NHS service desk, saved where the operator chooses, never over an existing key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-csr-'));
  const dialogs = scriptedDialogs();
  const service = await startTestService(join(dir, 'data'), { dialogs, seedDemoData: false });
  try {
    await assert.rejects(service.createCsr({ mailbox: 'X26ABC1', odsCode: 'X26', passphrase: 'short' }), /at least 8 characters/);
    await assert.rejects(service.createCsr({ mailbox: 'X26-ABC1', odsCode: 'X26', passphrase: 'a long passphrase' }), {
      message: 'The mailbox "X26-ABC1" is not a MESH mailbox id: use 3 to 20 letters and digits, like X26ABC1.',
    });

    dialogs.willSave(join(dir, 'mailbox.csr'));
    const made = await service.createCsr({ mailbox: 'x26abc1', odsCode: 'x26', passphrase: 'a long passphrase' });
    assert.ok(made);
    assert.equal(made.commonName, 'x26abc1.x26.api.mesh-client.nhs.uk');
    assert.ok(
      dialogs.asked.some((a) => a.includes('[x26abc1.x26.api.mesh-client.nhs.uk.csr]')),
      'the dialog suggests a name from the common name',
    );
    const csr = new x509.Pkcs10CertificateRequest(await readFile(made.csrPath, 'utf8'));
    assert.equal(csr.subject, 'CN=x26abc1.x26.api.mesh-client.nhs.uk');
    const keyPem = await readFile(made.keyPath, 'utf8');
    assert.match(keyPem, /ENCRYPTED PRIVATE KEY/);
    assert.throws(() => createPrivateKey({ key: keyPem, passphrase: 'wrong' }));
    assert.equal(createPrivateKey({ key: keyPem, passphrase: 'a long passphrase' }).asymmetricKeyType, 'rsa');

    dialogs.willSave(join(dir, 'mailbox.csr'));
    await assert.rejects(service.createCsr({ mailbox: 'X26ABC1', odsCode: 'X26', passphrase: 'another passphrase' }), /already exists/);
    assert.equal(await readFile(made.keyPath, 'utf8'), keyPem, 'the first key is untouched');

    assert.equal(
      await service.createCsr({ mailbox: 'X26ABC1', odsCode: 'X26', passphrase: 'a long passphrase' }),
      null,
      'cancelled dialog',
    );
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('without real encryption, secrets are refused until the operator accepts it in words', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-plain-'));
  const service = await startTestService(join(dir, 'data'), { ports: { secrets: noEncryption }, seedDemoData: false });
  try {
    assert.equal((await service.settings()).secretEncryption, 'unavailable');
    await assert.rejects(service.setSecret('password', 'pw-123'), /no encryption for secrets/);
    await assert.rejects(service.updateSettings({ acceptPlaintextSecrets: 'yes fine' }), /type exactly/);
    const accepted = await service.updateSettings({ acceptPlaintextSecrets: PLAINTEXT_SECRETS_ACCEPTANCE });
    assert.equal(accepted.plaintextSecretsAccepted, true);
    const view = await service.setSecret('password', 'pw-123');
    assert.equal(view.secrets.password, true);
    assert.doesNotMatch(JSON.stringify(view), /pw-123/);
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});
