// Chunks kept in files go out through one buffer per download, used again piece after piece and then by the next
// download (main/sandbox/download-body.ts, sendStoredFile): downloads side by side must each get their own bytes,
// and a client that leaves part-way must neither spoil the others nor keep the server's buffer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { sendMessage, startHarnessInFolder, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarnessInFolder('mesh-stored-send-');
});
after(() => h.close());

/** Asks for the message and reads about `bytes` of its body before going away. */
async function leavePartWay(id: string, bytes: number): Promise<number> {
  const response = await request(`${h.server.url}/messageexchange/X26ABC2/inbox/${id}`, {
    headers: { authorization: h.token('X26ABC2') },
    dispatcher: h.agent,
  });
  let read = 0;
  for await (const piece of response.body) {
    read += (piece as Buffer).length;
    if (read >= bytes) break;
  }
  response.body.destroy();
  return read;
}

test('stored files sent side by side each arrive whole, while clients that leave part-way spoil none of them', async () => {
  // Each over 1 MiB, so each is sent in several pieces through the same buffer.
  const payloads = [randomBytes(3_500_000), randomBytes(2_600_000), randomBytes(4_100_000)];
  const ids: string[] = [];
  for (const payload of payloads) ids.push(await sendMessage(h, 'X26ABC1', 'X26ABC2', payload));

  for (let round = 0; round < 3; round++) {
    const whole = ids.flatMap((id, index) =>
      [0, 1].map(async () => {
        const reply = await h.call(`/messageexchange/X26ABC2/inbox/${id}`);
        assert.equal(reply.status, 200, reply.text);
        assert.ok(reply.body.equals(payloads[index]!), `message ${index + 1} arrived as sent (round ${round + 1})`);
      }),
    );
    const leaving = ids.map((id) => leavePartWay(id, 1_200_000));
    await Promise.all([...whole, ...leaving]);
  }
  // After all that, one more download of each, alone.
  for (const [index, id] of ids.entries()) {
    assert.ok((await h.call(`/messageexchange/X26ABC2/inbox/${id}`)).body.equals(payloads[index]!), `message ${index + 1} at the end`);
  }
});

test(
  'a download cut part-way by a fault ends the server\u2019s send: the server can close, with nothing left in hand',
  { timeout: 120_000 },
  async () => {
    const own = await startHarnessInFolder('mesh-stored-cut-');
    try {
      const payload = randomBytes(3_000_000);
      const id = await sendMessage(own, 'X26ABC1', 'X26ABC2', payload);
      // Past the first piece, so the cut lands while a later one is being sent.
      own.server.admin.addFault({ path: `/inbox/${id}$`, cutAfterBytes: 1_500_000 });
      await assert.rejects(own.call(`/messageexchange/X26ABC2/inbox/${id}`));
      assert.ok((await own.call(`/messageexchange/X26ABC2/inbox/${id}`)).body.equals(payload), 'the next download is whole');
      // The server's close waits for every request still in hand: a send left waiting for a piece the cut never lets
      // go would keep it (and this test) from ever ending.
      await own.close();
    } finally {
      await own.close();
    }
  },
);
