import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedFields } from '../../main/store/record-diff';

test('fields are compared by value; absent and undefined are the same', () => {
  assert.deepEqual(changedFields({ a: 1, b: 'x' }, { a: 1, b: 'x' }), []);
  assert.deepEqual(changedFields({ a: 1, b: undefined }, { a: 1 }), []);
  assert.deepEqual(changedFields({ a: 1 }, { a: 1, b: undefined }), []);
  assert.deepEqual(changedFields({ a: 1, b: undefined }, { a: 1, b: 2 }), ['b']);
  assert.deepEqual(changedFields({ a: 1 }, { a: 1, b: 2 }), ['b']);
  assert.deepEqual(changedFields({ z: 1, a: 2 }, {}), ['a', 'z']);
  assert.deepEqual(changedFields({ a: null }, { a: undefined }), ['a']);
  assert.deepEqual(changedFields({ a: 0 }, { a: '0' }), ['a']);
  assert.deepEqual(changedFields({ a: { x: [1, 2] } }, { a: { x: [1, 2] } }), []);
  assert.deepEqual(changedFields({ a: { x: [1, 2] } }, { a: { x: [2, 1] } }), ['a']);
});
