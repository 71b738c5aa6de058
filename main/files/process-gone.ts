// Whether the process that left a file behind (a lock, a temporary or part file) has ended, so the
// file can be cleared: asked of this machine only, since another machine's pids mean nothing here.

/** No process with this pid runs (ESRCH). One of another user's does (EPERM); anything else is not taken as gone. */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
