// The renderer is served from app://console/, a scheme of the console's own, instead of file://:
// a file:// page may read any file the user can, while this scheme answers only with the built
// renderer's own files (anything else, or a path that climbs out, is a 404), each with the CSP as
// a header. Registered as privileged and standard, so the page is a secure origin with 'self'.
// Electron is only imported for its types, so this runs and is tested under plain Node.
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The content types of the built renderer's files (the GUI tests' static server uses them too). */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file inside rendererDir that an app:// URL names, or undefined when it names none there. */
export function appFilePath(url: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(join(root, path === '/' ? 'index.html' : path));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..')) return undefined;
  return file;
}

/** Answers one app:// request: the file with its type and the CSP, or 404. */
export async function appResponse(url: string, rendererDir: string, contentSecurityPolicy: string): Promise<Response> {
  const file = appFilePath(url, rendererDir);
  const type = file ? RENDERER_CONTENT_TYPES[extname(file).toLowerCase()] : undefined;
  if (!file || !type) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { 'content-type': type, 'content-security-policy': contentSecurityPolicy, 'x-content-type-options': 'nosniff' },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Serves the built renderer on app:// (call once the app is ready). */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir, contentSecurityPolicy));
}
