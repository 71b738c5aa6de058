// Admin routes (no auth, sandbox only): reset, inject a REPORT, push a status event, mailbox and
// message details (as the sandbox answers them; docs/mesh-protocol.md, "Local server extras"),
// plus this server's own faults, request log and optional checks.
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Admin, AdminError } from '../admin';
import { CHECK_NAMES } from '../checks';
import { Errors, Invalid } from '../errors';
import { readJsonBody } from '../json-body';
import { sendEmpty, sendJson } from '../responses';
import type { FaultSpec, InjectedReport, SandboxChecks, StatusEvent } from '../types';

type AdminHandler = (ctx: RequestContext, admin: Admin) => Promise<void> | void;

function wrap(admin: Admin, handler: AdminHandler) {
  return async (ctx: RequestContext) => {
    try {
      await handler(ctx, admin);
    } catch (error) {
      if (error instanceof AdminError) throw Errors.status(error.status, error.message);
      throw error;
    }
  };
}

async function objectBody(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx.req);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw Errors.validation(Invalid.missing('body', 'body'));
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw Errors.validation(Invalid.missing('body', name));
    return undefined;
  }
  if (typeof value !== 'string') throw Errors.validation(Invalid.notString(name, value));
  return value;
}

const resetAll: AdminHandler = async (ctx, admin) => {
  await admin.reset();
  sendJson(ctx.res, 200, { message: 'all mailboxes reset' });
};

const resetMailbox: AdminHandler = async (ctx, admin) => {
  const mailboxId = ctx.params.mailbox!.toUpperCase();
  await admin.reset(mailboxId);
  sendJson(ctx.res, 200, { message: `mailbox ${mailboxId} reset` });
};

const injectReport: AdminHandler = async (ctx, admin) => {
  const body = await objectBody(ctx);
  const status = text(body, 'status', false) ?? 'undeliverable';
  if (status !== 'undeliverable' && status !== 'error')
    throw Errors.validation(Invalid.wrongValue('status', status, ['undeliverable', 'error']));
  const report: InjectedReport = {
    mailboxId: text(body, 'mailbox_id', true)!,
    code: text(body, 'code', true)!,
    description: text(body, 'description', true)!,
    workflowId: text(body, 'workflow_id', true)!,
    status,
    subject: text(body, 'subject', false),
    localId: text(body, 'local_id', false),
    fileName: text(body, 'file_name', false),
    linkedMessageId: text(body, 'linked_message_id', false),
  };
  sendJson(ctx.res, 200, { message_id: await admin.injectReport(report) });
};

const pushEvent: AdminHandler = async (ctx, admin) => {
  const body = await objectBody(ctx);
  const event: StatusEvent = {
    status: text(body, 'status', true) as StatusEvent['status'],
    code: text(body, 'code', false),
    event: text(body, 'event', false),
    description: text(body, 'description', false),
    linkedMessageId: text(body, 'linked_message_id', false),
  };
  await admin.pushEvent(ctx.params.messageId!, event);
  sendEmpty(ctx.res, 200);
};

const mailboxDetails: AdminHandler = (ctx, admin) => {
  const details = admin.mailbox(ctx.params.mailbox!);
  if (!details) throw new AdminError(404, 'mailbox does not exist');
  sendJson(ctx.res, 200, details);
};

const messageDetails: AdminHandler = (ctx, admin) => {
  const view = admin.messageView(ctx.params.messageId!);
  // The sandbox's bare 404, "Not Found".
  if (!view) throw Errors.notFound();
  sendJson(ctx.res, 200, view);
};

const addFault: AdminHandler = async (ctx, admin) => {
  const body = (await objectBody(ctx)) as FaultSpec;
  try {
    sendJson(ctx.res, 201, { id: admin.addFault(body) });
  } catch (error) {
    throw new AdminError(400, (error as Error).message);
  }
};

const listFaults: AdminHandler = (ctx, admin) => sendJson(ctx.res, 200, { faults: admin.faults() });

const clearFaults: AdminHandler = (ctx, admin) => {
  admin.clearFaults();
  sendEmpty(ctx.res, 204);
};

const removeFault: AdminHandler = (ctx, admin) => {
  if (!admin.removeFault(ctx.params.faultId!)) throw new AdminError(404, 'fault does not exist');
  sendEmpty(ctx.res, 204);
};

const listRequests: AdminHandler = (ctx, admin) => sendJson(ctx.res, 200, { requests: admin.requests() });

const clearRequests: AdminHandler = (ctx, admin) => {
  admin.clearRequests();
  sendEmpty(ctx.res, 204);
};

const getChecks: AdminHandler = (ctx, admin) => sendJson(ctx.res, 200, admin.checks());

const setChecks: AdminHandler = async (ctx, admin) => {
  const body = await objectBody(ctx);
  const checks: SandboxChecks = {};
  for (const name of CHECK_NAMES) {
    if (body[name] === undefined) continue;
    if (typeof body[name] !== 'boolean') throw new AdminError(400, `The check ${name} must be true or false.`);
    checks[name] = body[name] as boolean;
  }
  admin.setChecks(checks);
  sendJson(ctx.res, 200, admin.checks());
};

export function registerAdmin(router: Router, admin: Admin): void {
  const both = (method: string, path: string, handler: AdminHandler) => {
    router.add(method, `/admin${path}`, wrap(admin, handler), { admin: true });
    router.add(method, `/messageexchange/admin${path}`, wrap(admin, handler), { admin: true });
  };
  both('DELETE', '/reset', resetAll);
  both('DELETE', '/reset/:mailbox', resetMailbox);
  both('POST', '/report', injectReport);
  both('POST', '/message/:messageId/event', pushEvent);
  both('GET', '/message/:messageId', messageDetails);
  both('GET', '/mailbox/:mailbox', mailboxDetails);
  router.add('GET', '/messageexchange/mailbox/:mailbox', wrap(admin, mailboxDetails), { admin: true });
  both('POST', '/faults', addFault);
  both('GET', '/faults', listFaults);
  both('DELETE', '/faults', clearFaults);
  both('DELETE', '/faults/:faultId', removeFault);
  both('GET', '/requests', listRequests);
  both('DELETE', '/requests', clearRequests);
  both('GET', '/checks', getChecks);
  both('PUT', '/checks', setChecks);
}
