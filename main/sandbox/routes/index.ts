// Every route, in match order: fixed paths before the `:mailbox` patterns that would swallow them.
import { Router } from '../router';
import type { Admin } from '../admin';
import { registerAdmin } from './admin';
import { registerChunkUpload } from './chunk-upload';
import { registerDownload } from './download';
import { registerHandshake } from './handshake';
import { registerHealth } from './health';
import { registerInbox } from './inbox';
import { registerLookup } from './lookup';
import { registerRich } from './rich';
import { registerSend } from './send';
import { registerTracking } from './tracking';

export function buildRouter(admin: Admin): Router {
  const router = new Router();
  registerHealth(router);
  registerAdmin(router, admin);
  registerLookup(router);
  registerHandshake(router);
  registerInbox(router);
  registerRich(router);
  registerDownload(router);
  registerTracking(router);
  registerSend(router);
  registerChunkUpload(router);
  return router;
}
