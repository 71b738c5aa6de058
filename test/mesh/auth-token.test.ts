import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizationHeader, meshTimestamp, parseAuthorization, tokenHmac, freshAuthorization } from '../../main/mesh/auth-token';

test('matches the known token of docs/mesh-protocol.md#authentication-token', () => {
  const inputs = {
    mailbox: 'X26ABC1',
    password: 'password',
    sharedKey: 'TestKey',
    nonce: 'abc123',
    nonceCount: 0,
    timestamp: '202401011200',
  };
  assert.equal(tokenHmac(inputs), 'd4634cd8764f5b3fed5750da5e855dfe5bab742b5c4deedbb1d2ab3185bb2c63');
  assert.equal(
    authorizationHeader(inputs),
    'NHSMESH X26ABC1:abc123:0:202401011200:d4634cd8764f5b3fed5750da5e855dfe5bab742b5c4deedbb1d2ab3185bb2c63',
  );
});

test('matches the second vector (deadbeef nonce, count 1)', () => {
  const inputs = {
    mailbox: 'X26ABC1',
    password: 'password',
    sharedKey: 'TestKey',
    nonce: 'deadbeef-dead-beef-dead-beef00031337',
    nonceCount: 1,
    timestamp: '202202222222',
  };
  assert.equal(tokenHmac(inputs), '6e27345bec8d29ea1a3c9d87870b0b5bc98ee510921616506bca1bbea7c66fd6');
});

test('timestamps are UTC to the minute', () => {
  assert.equal(meshTimestamp(new Date('2024-07-01T00:05:59+01:00')), '202406302305');
});

test('fresh tokens never repeat a nonce and parse back', () => {
  const credentials = { mailbox: 'x26abc1', password: 'password', sharedKey: 'TestKey' };
  const a = parseAuthorization(freshAuthorization(credentials));
  const b = parseAuthorization(freshAuthorization(credentials));
  assert.ok(a && b);
  assert.equal(a.mailbox, 'X26ABC1');
  assert.notEqual(a.nonce, b.nonce);
  assert.equal(parseAuthorization('NHSMESH X26ABC1:only:three'), null);
  assert.equal(parseAuthorization('NHSMESH X26ABC1:n:notdigits:202401011200:abc'), null);
});
