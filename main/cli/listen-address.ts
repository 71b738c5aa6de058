// `mesh-console sandbox --host`: which address the local server listens on, and the sentence when it cannot.
import { isIP } from 'node:net';
import { UsageError } from './exit-codes';

/** The address to listen on: 127.0.0.1 unless an IP address is given (0.0.0.0 or :: for every one of this machine's). */
export function listenHost(host: string | undefined): string {
  if (host === undefined) return '127.0.0.1';
  const address = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (address === 'localhost') return '127.0.0.1';
  if (!isIP(address)) {
    throw new UsageError(`--host must be an IP address of this machine (like 127.0.0.1, or 0.0.0.0 for all of them), not "${host}".`);
  }
  return address;
}

/** A listen failure as one sentence; other errors pass through. */
export function listenProblem(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRNOTAVAIL') {
    return new UsageError(`--host ${host} is not an address of this machine; give one of its addresses, or 0.0.0.0 for all of them.`);
  }
  if (code === 'EADDRINUSE') {
    return new UsageError(`Port ${port} on ${host} is already in use; choose another with --port (0 picks a free one).`);
  }
  if (code === 'EACCES') {
    return new UsageError(`Port ${port} on ${host} needs more rights than this user has; choose a port above 1023 with --port.`);
  }
  return error;
}
