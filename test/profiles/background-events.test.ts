// What a background profile's events become on screen (main/app/background-events.ts), for the
// events the real-service tests do not reach: new messages are passed on naming the profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backgroundProfileEvent } from '../../main/app/background-events';

test("a background profile's new messages are passed on, naming it; its inbox listing only says its state changed", () => {
  assert.deepEqual(backgroundProfileEvent('two', { type: 'messages-arrived', count: 3, messageIds: ['A', 'B', 'C'] }), {
    type: 'messages-arrived',
    count: 3,
    messageIds: ['A', 'B', 'C'],
    profile: 'two',
  });
  assert.deepEqual(backgroundProfileEvent('two', { type: 'inbox-changed', count: 3, unread: 3 }), {
    type: 'background-profile',
    profile: 'two',
  });
});
