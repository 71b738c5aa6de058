// Reads a small JSON request body (admin routes); null for an empty body.
import type { IncomingMessage } from 'node:http';
import { Errors, Invalid } from './errors';

const LIMIT = 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > LIMIT) throw Errors.validation(Invalid.badJson());
    parts.push(part as Buffer);
  }
  const text = Buffer.concat(parts).toString('utf8').trim();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw Errors.validation(Invalid.badJson());
  }
}
