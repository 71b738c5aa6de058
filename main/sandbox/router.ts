// A small router: method + path template (`:name` segments) to a handler, first match wins.
import type { RequestContext } from './context';

export type Handler = (ctx: RequestContext) => Promise<void> | void;

export interface RouteOptions {
  /** Needs the NHSMESH Authorization header for the `:mailbox` in the path. */
  auth?: boolean;
  /** Reads Accept and answers 400 when its vnd.mesh part is malformed. */
  accept?: boolean;
  /** Path parameters to upper-case, as the sandbox does for mailbox and message ids. */
  upper?: string[];
  /** An admin route: served only to this machine unless the server was started to allow others. */
  admin?: boolean;
}

interface Route extends RouteOptions {
  methods: string[];
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method-not-allowed' } | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  add(methods: string | string[], template: string, handler: Handler, options: RouteOptions = {}): this {
    const keys: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ ...options, methods: [methods].flat(), pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (!route.methods.includes(method)) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        let value = m[i + 1] ?? '';
        try {
          value = decodeURIComponent(value);
        } catch {
          // keep the raw segment
        }
        params[key] = route.upper?.includes(key) ? value.toUpperCase() : value;
      });
      return { kind: 'found', route, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}
