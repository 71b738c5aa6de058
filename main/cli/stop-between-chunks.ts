// Ctrl+C (or SIGTERM) during `mesh-console send`. Killed half-way, a chunked send leaves MESH
// holding an upload that is never delivered, and the operator without its message id. So the first
// signal stops the send between chunks, said at once; the sentence about what MESH then holds comes
// when it stops. A second signal ends the process straight away, as Ctrl+C always did.

export interface StopBetweenChunks {
  signal: AbortSignal;
  dispose(): void;
}

export function stopBetweenChunksOnInterrupt(say: (line: string) => void): StopBetweenChunks {
  const controller = new AbortController();
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    if (controller.signal.aborted) {
      dispose();
      process.kill(process.pid, signal);
      return;
    }
    controller.abort();
    const what = signal === 'SIGINT' ? 'Ctrl+C' : signal;
    say(`mesh-console: ${what}: the send stops once the chunk under way has gone (${what} again stops at once).`);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}
