// Who wrote an audit entry and from where. The user is the operating-system user of the process;
// the source is the process's own ('app' or 'cli'), except for work a scheduled job runs, which
// runs inside asAuditSource('job', ...) so that every MESH call and export change it makes says so.
import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { AuditSource } from '../domain';

const current = new AsyncLocalStorage<AuditSource>();

/** Runs fn with every audit entry it appends (however deep) marked as coming from `source`. */
export function asAuditSource<T>(source: AuditSource, fn: () => T): T {
  return current.run(source, fn);
}

/** The source set by asAuditSource around the current call, if any. */
export function auditSourceHere(): AuditSource | undefined {
  return current.getStore();
}

let user: string | undefined;

/** The operating-system user running this process; userInfo() throws where the user has no account entry (some containers). */
export function operatingSystemUser(): string {
  if (user === undefined) {
    try {
      user = userInfo().username;
    } catch {
      user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
    }
  }
  return user;
}
