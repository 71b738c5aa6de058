// GET or POST /messageexchange/{mb}: validate the mailbox (docs/mesh-protocol.md, "Handshake"),
// and the undocumented /update.
import type { Router } from '../router';
import { sendEmpty, sendJson } from '../responses';
import { Validation } from './params';

export function registerHandshake(router: Router): void {
  router.add(
    ['GET', 'POST'],
    '/messageexchange/:mailbox',
    (ctx) => {
      const check = new Validation(ctx);
      for (const name of ['mex-ClientVersion', 'mex-OSName', 'mex-OSVersion']) check.header(name, { required: true });
      check.done();
      if (ctx.version >= 2) return sendEmpty(ctx.res, 200);
      sendJson(ctx.res, 200, { mailboxId: ctx.mailbox.mailboxId });
    },
    { auth: true, accept: true, upper: ['mailbox'] },
  );

  router.add('POST', '/messageexchange/:mailbox/update', (ctx) => sendEmpty(ctx.res, 200), {
    auth: true,
    accept: true,
    upper: ['mailbox'],
  });
}
