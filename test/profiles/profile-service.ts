// The console service as the profiles tests open it (on a named profile, no demo data), and its
// events recorded so that a test can await one, already come or still to come.
import type { ConsoleService } from '../../main/app/service';
import type { ConsoleEvent } from '../../main/domain';
import { startTestService, type TestServiceOptions } from '../service/service-support';

/** The real service on `profile` of `dataDir`, without demo data; `options` as startTestService takes them. */
export function serviceOnProfile(dataDir: string, profile: string, options: TestServiceOptions = {}): Promise<ConsoleService> {
  return startTestService(dataDir, { profile, seedDemoData: false, ...options });
}

export interface RecordedEvents {
  /** Every event since recording began, in order. */
  readonly events: ConsoleEvent[];
  /** The first event from index `from` on that `matches`, already come or still to come. */
  eventFrom(from: number, matches: (event: ConsoleEvent) => boolean): Promise<ConsoleEvent>;
  /** The first notice from index `from` on whose text matches `pattern`. */
  noticeFrom(from: number, pattern: RegExp): Promise<ConsoleEvent>;
  /** The first `resolved` of `topic` from index `from` on. */
  resolvedFrom(from: number, topic: string): Promise<ConsoleEvent>;
}

/** Records the service's events from now on. */
export function recordEvents(service: ConsoleService): RecordedEvents {
  const events: ConsoleEvent[] = [];
  const waiters = new Set<() => void>();
  service.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter();
  });
  const eventFrom = (from: number, matches: (event: ConsoleEvent) => boolean) =>
    new Promise<ConsoleEvent>((resolve) => {
      const check = () => {
        const found = events.slice(from).find(matches);
        if (!found) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  return {
    events,
    eventFrom,
    noticeFrom: (from, pattern) => eventFrom(from, (e) => e.type === 'notice' && pattern.test(e.text)),
    resolvedFrom: (from, topic) => eventFrom(from, (e) => e.type === 'resolved' && e.topic === topic),
  };
}
