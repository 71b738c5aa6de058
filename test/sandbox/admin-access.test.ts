// Admin routes (no auth: reset, reports, faults, checks) answer only this machine unless the
// server is started with adminFromAnywhere; the MESH routes answer everyone as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { request } from 'undici';
import { startMeshServer } from '../../main/sandbox/index';
import { isLoopback } from '../../main/sandbox/loopback';

/** An address of this machine that is not loopback: a request to it comes from it, not from 127.0.0.1. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

async function get(url: string, method = 'GET') {
  const response = await request(url, { method: method as 'GET' });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? JSON.parse(text) : undefined };
}

test('loopback is 127/8, ::1 and 127/8 mapped into IPv6; nothing else', () => {
  for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.1'])
    assert.equal(isLoopback(address), true, address);
  for (const address of [
    undefined,
    '',
    '10.0.0.1',
    '192.0.2.2',
    '::ffff:10.0.0.1',
    'fd00::2',
    '::',
    '0.0.0.0',
    '128.0.0.1',
    '127.0.0.1.evil',
  ]) {
    assert.equal(isLoopback(address), false, String(address));
  }
});

test(
  'from another address the admin routes are 403 and the MESH routes still answer; from loopback both answer',
  { skip: outside ? false : 'this machine has no non-loopback IPv4 address to call from' },
  async () => {
    const server = await startMeshServer({ http: true, host: '0.0.0.0' });
    try {
      const remote = `http://${outside}:${server.port}`;
      for (const path of ['/admin/checks', '/messageexchange/admin/faults', '/messageexchange/mailbox/X26ABC1', '/admin/message/ABC']) {
        const refused = await get(`${remote}${path}`);
        assert.equal(refused.status, 403, path);
        assert.match(refused.json.errorDescription, /only requests from this machine.*--admin-from-anywhere/);
      }
      assert.equal((await get(`${remote}/admin/reset`, 'DELETE')).status, 403);
      assert.equal((await get(`${remote}/messageexchange/_ping`)).status, 200, 'not an admin route');
      assert.equal(
        (await get(`${remote}/messageexchange/X26ABC1/inbox`)).status,
        403,
        'a MESH route: refused for want of a token, as anywhere',
      );
      assert.equal((await get(`${remote}/messageexchange/X26ABC1/inbox`)).json.errorDescription, 'Error reading from Authorization header');
      assert.equal((await get(`http://127.0.0.1:${server.port}/admin/checks`)).status, 200);
    } finally {
      await server.close();
    }

    const open = await startMeshServer({ http: true, host: '0.0.0.0', adminFromAnywhere: true });
    try {
      assert.equal((await get(`http://${outside}:${open.port}/admin/checks`)).status, 200);
      assert.equal((await get(`http://${outside}:${open.port}/messageexchange/mailbox/X26ABC1`)).json.mailbox_id, 'X26ABC1');
    } finally {
      await open.close();
    }
  },
);
