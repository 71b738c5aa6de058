// Writing responses: JSON with the right content type, empty bodies, and errors in v1 or v2 form.
import type { ServerResponse } from 'node:http';
import type { ErrorBody } from './errors';

export const JSON_TYPE = 'application/json';
export const V2_TYPE = 'application/vnd.mesh.v2+json';
const GENERIC_MESSAGE = 'An internal error occurred.\n\nPlease contact support.';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = JSON_TYPE,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

/** An error body in the sandbox's shape for the request's API version (docs/mesh-protocol.md, "Errors and retries"). */
export function sendError(
  res: ServerResponse,
  status: number,
  body: ErrorBody,
  version: number,
  headers: Record<string, string> = {},
): void {
  switch (body.kind) {
    case 'validation':
      return sendJson(res, status, { detail: body.detail }, JSON_TYPE, headers);
    case 'generic':
      return sendJson(res, status, { message: GENERIC_MESSAGE }, JSON_TYPE, headers);
    case 'mesh':
      if (version >= 2) {
        return sendJson(
          res,
          status,
          {
            ...(body.messageId ? { message_id: body.messageId } : {}),
            detail: [{ event: body.event, code: body.code, msg: body.description }],
          },
          V2_TYPE,
          headers,
        );
      }
      return sendJson(
        res,
        status,
        {
          ...(body.messageId ? { messageID: body.messageId } : {}),
          errorEvent: body.event,
          errorCode: body.code,
          errorDescription: body.description,
        },
        JSON_TYPE,
        headers,
      );
  }
}
