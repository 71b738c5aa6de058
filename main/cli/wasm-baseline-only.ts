// undici parses HTTP with a WebAssembly build of llhttp. V8 compiles it twice, the second time optimised on a
// background thread, and that compile took about 36 MB at its peak (and 0.1 s of CPU in a 100 MB get): more than a
// whole transfer holds. V8's `--liftoff-only` keeps the baseline compile, which parses as fast as a command needs.
//
// It is set as late as it can be: when the first HTTP connection is about to be made (undici compiles llhttp once it
// is up). Node compiles its own modules from a cache that V8 accepts only while no flag has been changed; after
// any change, each built-in module loaded is compiled from its source. Set at start, it made the modules a command
// loads take 30 rather than 10 ms, and the inflation thread 50 rather than 25 ms to start (bench/README.md,
// "V8 flags and Node's code cache").
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setFlagsFromString } from 'node:v8';

const BEFORE_CONNECT = 'undici:client:beforeConnect';

/** Sets `--liftoff-only` just before the process's first HTTP connection. */
export function baselineWasmFromFirstConnection(): void {
  const set = () => {
    unsubscribe(BEFORE_CONNECT, set);
    setFlagsFromString('--liftoff-only');
  };
  subscribe(BEFORE_CONNECT, set);
}
