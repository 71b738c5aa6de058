// While `get` or `send` moves a file, this process asks V8 to collect garbage every 20 ms (the
// young generation: a millisecond or two) and every second (the whole heap). A transfer makes
// its garbage as Buffers (socket reads, gzip output, file reads) and hardly any JavaScript
// objects, and V8 by itself collects such buffers only once about 64 MB more of them exist than
// after its last collection: that was most of a transfer's peak memory (issue 14). Every 20 ms
// rather than 50 ms held a 100 MB get 10 MB lower for the same CPU time (freed buffers are reused
// while still in the cache), which leaves room for reading the next chunk ahead.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' | 'major' }) => void;

const YOUNG_EVERY_MS = 20;
const WHOLE_HEAP_EVERY_MS = 1000;

let collect: Collect | undefined | null;

/** V8's collector, exposed once (`--expose-gc` set at run time); null where it cannot be. */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
      // Back to the default once the function is had: Node's modules loaded later then still come from its code
      // cache, which V8 refuses while a flag is changed (wasm-baseline-only.ts).
      setFlagsFromString('--no-expose-gc');
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** Starts collecting; the function returned stops. Neither timer keeps the process alive. */
export function collectGarbagePromptly(): () => void {
  const gc = collector();
  if (!gc) return () => {};
  const young = setInterval(() => gc({ type: 'minor' }), YOUNG_EVERY_MS).unref();
  const whole = setInterval(() => gc({ type: 'major' }), WHOLE_HEAP_EVERY_MS).unref();
  return () => {
    clearInterval(young);
    clearInterval(whole);
  };
}
