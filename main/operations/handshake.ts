// Validating the mailbox (the MESH handshake), with its last result remembered for the overview.
import type { HandshakeResult } from '../domain';
import { isMeshError, type MeshClient } from '../mesh';
import type { JobStateStore } from '../store/job-state-store';

/** What the handshake uses: the client, the mailbox's name, and where the last result is kept. */
export interface HandshakeDeps {
  client(): Promise<MeshClient>;
  settings: { mailbox: string };
  stores: { jobs: JobStateStore };
}

const LAST_HANDSHAKE = 'last-handshake';

/** `describe` puts an error in the reader's words (the Settings screen's, in the app); by default its message. */
export async function validateMailbox(
  runtime: HandshakeDeps,
  describe: (error: unknown) => string = (error) => (error instanceof Error ? error.message : String(error)),
): Promise<HandshakeResult> {
  const at = new Date().toISOString();
  let result: HandshakeResult;
  try {
    const client = await runtime.client();
    await client.handshake();
    result = { ok: true, mailbox: runtime.settings.mailbox, at };
  } catch (error) {
    result = {
      ok: false,
      mailbox: runtime.settings.mailbox,
      at,
      error: describe(error),
      errorKind: isMeshError(error) ? error.kind : error instanceof Error ? error.name : 'unknown',
      ...(isMeshError(error) && error.settings.length ? { errorSettings: [...error.settings] } : {}),
    };
  }
  await runtime.stores.jobs.set(LAST_HANDSHAKE, {
    lastRunAt: at,
    lastResult: result.ok ? 'ok' : 'failed',
    ...(result.error ? { lastMessage: result.error } : {}),
  });
  return result;
}

export function lastHandshake(runtime: Pick<HandshakeDeps, 'settings' | 'stores'>): HandshakeResult | undefined {
  const state = runtime.stores.jobs.get(LAST_HANDSHAKE);
  if (!state?.lastRunAt) return undefined;
  return {
    ok: state.lastResult === 'ok',
    mailbox: runtime.settings.mailbox,
    at: state.lastRunAt,
    ...(state.lastMessage ? { error: state.lastMessage } : {}),
  };
}
