// Past a file size limit (`ulimit -f`, a limit set by a service manager) a write fails with EFBIG and
// the kernel raises SIGXFSZ. Node ignores that signal, but the store lock's proper-lockfile loads
// signal-exit, which listens for it and, when it is the only listener, raises it again with the
// default action: the process ends half-way through the file, without a word. A listener of our
// own keeps the signal harmless, so the write fails and the caller says so and cleans up.
import { constants } from 'node:os';

export function failWritesPastFileSizeLimit(): void {
  // Windows has no such signal; listening for a name the platform lacks would be an ordinary event.
  if ('SIGXFSZ' in constants.signals) process.on('SIGXFSZ', () => {});
}
