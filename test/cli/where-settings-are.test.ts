import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage } from '../../main/cli/context';
import { whereToSet } from '../../main/cli/where-settings-are';
import { MeshError } from '../../main/mesh';

test('the command line says which variable or file key sets each MESH setting', () => {
  assert.equal(whereToSet(['mailbox']), 'Set it with MESH_MAILBOX (or mailbox in settings.json).');
  assert.equal(
    whereToSet(['password', 'sharedKey']),
    'Set them with MESH_PASSWORD and MESH_SHARED_KEY (or password and shared_key in cli-secrets.json), or store them with ' +
      'mesh-console secret set password and mesh-console secret set shared-key.',
  );
  assert.equal(
    whereToSet(['certificate', 'privateKey', 'caBundle', 'baseUrl']),
    'Set them with MESH_CERT, MESH_KEY, MESH_CA_BUNDLE and MESH_BASE_URL (or certificate, private_key, ca_bundle ' +
      'and base_url in settings.json).',
  );
  assert.equal(
    whereToSet(['privateKey', 'privateKeyPassphrase']),
    'Set them with MESH_KEY and MESH_KEY_PASSPHRASE (or private_key in settings.json, private_key_passphrase in cli-secrets.json), ' +
      'or store it with mesh-console secret set key-passphrase.',
  );
  assert.equal(whereToSet(['proxy']), undefined, 'the command line has no proxy setting');
  assert.equal(whereToSet([]), undefined);
});

test("a MESH error on the command line: the client's sentence, then how to set what it names", () => {
  const error = new MeshError('unknown-mailbox', 'MESH does not know mailbox X26ABC9: check the mailbox ID.', { settings: ['mailbox'] });
  assert.equal(
    errorMessage(error, '/nonexistent'),
    'MESH does not know mailbox X26ABC9: check the mailbox ID. Set it with MESH_MAILBOX (or mailbox in settings.json).',
  );
  const plain = new MeshError(
    'timeout',
    'MESH at msg.intspineservices.nhs.uk did not answer within 300 s: check the network connection, then try again.',
  );
  assert.equal(errorMessage(plain, '/nonexistent'), plain.message);
  assert.equal(errorMessage(new Error('Something else.'), '/nonexistent'), 'Something else.');
});
