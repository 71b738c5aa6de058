// The body of a benchmark child: reads its job from argv[2] (JSON), runs it, sends the result
// (or the error) to the parent over IPC, and exits.
export type ChildMessage<R> = { ok: true; result: R } | { ok: false; error: string };

/**
 * Tells the parent a phase boundary was reached and waits until it has noted it (the parent
 * reads the server's CPU time there). Without a parent it returns at once.
 */
export function markPhase(): Promise<void> {
  if (!process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const answer = (message: unknown) => {
      if ((message as { marked?: boolean }).marked !== true) return;
      process.off('message', answer);
      resolve();
    };
    process.on('message', answer);
    process.send!({ mark: true });
  });
}

export function childMain<J, R>(work: (job: J) => Promise<R>): void {
  const send = (message: ChildMessage<R>) =>
    new Promise<void>((resolve) => {
      if (!process.send) {
        console.log(JSON.stringify(message, null, 2));
        resolve();
      } else process.send(message, () => resolve());
    });
  const job = JSON.parse(process.argv[2] ?? '{}') as J;
  work(job)
    .then((result) => send({ ok: true, result }))
    .catch((error: unknown) => send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => process.exit(0));
}
