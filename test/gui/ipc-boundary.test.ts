// The IPC boundary of main/ipc.ts, under plain Node: which channels exist, who may call them, what
// payloads pass, and what comes back. No operation here reaches a working service: every refusal
// must happen before it, so the stand-in service only records that it was (wrongly) reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_OPERATIONS, EVENT_CHANNEL, channelFor, type ConsoleEvent } from '../../preload/api';
import {
  createOperationInvoker,
  errorEnvelope,
  isTrustedSender,
  registerIpc,
  samePage,
  type AppWindowLike,
  type ConsoleService,
} from '../../main/ipc';
import { whereInSettings } from '../../main/electron/where-settings-are';
import { MeshError } from '../../main/mesh';

// The page the shell loads (main/electron/app-protocol.ts).
const APP_URL = 'app://console/index.html';

function unreachableService() {
  const reached: string[] = [];
  let listener: ((event: ConsoleEvent) => void) | undefined;
  const service = new Proxy({} as Record<string, unknown>, {
    get(_target, name: string) {
      if (name === 'subscribe')
        return (l: (event: ConsoleEvent) => void) => {
          listener = l;
          return () => {
            listener = undefined;
          };
        };
      if (name === 'then') return undefined;
      return async () => {
        reached.push(name);
        throw Object.assign(new Error(`The ${name} operation failed for a reason the operator can act on.`), { kind: 'test-failure' });
      };
    },
  }) as unknown as ConsoleService;
  return { service, reached, emit: (event: ConsoleEvent) => listener?.(event), subscribed: () => listener !== undefined };
}

function recordingIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      assert.ok(!handlers.has(channel), `${channel} registered twice`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

function appWindow() {
  const mainFrame = { url: `${APP_URL}#inbox` };
  const sent: unknown[][] = [];
  let destroyed = false;
  const window: AppWindowLike = {
    isDestroyed: () => destroyed,
    webContents: { id: 7, mainFrame, isDestroyed: () => destroyed, send: (...args: unknown[]) => void sent.push(args) },
  };
  return { window, mainFrame, sent, destroy: () => (destroyed = true) };
}

test('registers exactly one handler per API operation, and removes them all again', () => {
  const ipcMain = recordingIpcMain();
  const { service, subscribed } = unreachableService();
  const { window } = appWindow();
  const dispose = registerIpc({ ipcMain: ipcMain as never, service, getWindow: () => window, appUrl: APP_URL });
  assert.deepEqual([...ipcMain.handlers.keys()].sort(), API_OPERATIONS.map(channelFor).sort());
  assert.ok(subscribed());
  dispose();
  assert.equal(ipcMain.handlers.size, 0);
  assert.ok(!subscribed());
});

test('refuses calls from another window, a sub-frame or another page, before the service', async () => {
  const ipcMain = recordingIpcMain();
  const { service, reached } = unreachableService();
  const { window, mainFrame } = appWindow();
  registerIpc({ ipcMain: ipcMain as never, service, getWindow: () => window, appUrl: APP_URL });
  const handler = ipcMain.handlers.get(channelFor('settings'))!;

  const strangers = [
    { sender: { id: 8 }, senderFrame: mainFrame },
    { sender: { id: 7 }, senderFrame: { url: APP_URL } },
    { sender: { id: 7 }, senderFrame: null },
  ];
  for (const event of strangers) {
    const answer = (await handler(event)) as { ok: boolean; error: { kind: string; message: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error.kind, 'forbidden');
  }
  mainFrame.url = 'https://evil.example/index.html';
  const navigated = (await handler({ sender: { id: 7 }, senderFrame: mainFrame })) as { ok: boolean; error: { kind: string } };
  assert.equal(navigated.error.kind, 'forbidden');
  assert.deepEqual(reached, []);

  mainFrame.url = APP_URL;
  const trusted = (await handler({ sender: { id: 7 }, senderFrame: mainFrame })) as { ok: boolean; error: { kind: string } };
  assert.equal(trusted.error.kind, 'test-failure', 'the app window itself reaches the service');
  assert.deepEqual(reached, ['settings']);
});

test('the sender check compares scheme, host and path, ignoring hash and query', () => {
  assert.ok(samePage(`${APP_URL}?x=1#settings`, APP_URL));
  assert.ok(!samePage('file:///tmp/index.html', APP_URL));
  assert.ok(!samePage('app://elsewhere/index.html', APP_URL));
  assert.ok(!samePage('http://console/index.html', APP_URL));
  assert.ok(!samePage('not a url', APP_URL));
  const { window } = appWindow();
  assert.ok(!isTrustedSender({ sender: { id: 7 } as never, senderFrame: window.webContents.mainFrame as never }, null, APP_URL));
});

test('malformed payloads are refused with where, never what, and never reach the service', async () => {
  const { service, reached } = unreachableService();
  const invoke = createOperationInvoker(service);
  const cases: [string, unknown[]][] = [
    ['setSecret', ['pinNumber', 'hunter2-secret']],
    ['setSecret', ['password']],
    ['setSecret', ['password', 'hunter2-secret', 'extra']],
    ['message', [42]],
    ['acknowledge', [[]]],
    ['runExport', ['measles']],
    ['inbox', [{ workflowFilter: 'DPS*', path: '/etc/passwd' }]],
    ['sendFile', [{ fileToken: 't', to: 'X26', workflowId: 'WF', compress: true, path: '/etc/passwd' }]],
    ['updateSettings', [{ jobTimes: { dpsExport: '25:00' } }]],
    ['createCsr', [{ mailbox: 'X26', odsCode: 'RR8', passphrase: 'hunter2-secret', keyPath: '/tmp/k' }]],
    ['overview', ['unexpected']],
    ['audit', [{ olderFiles: 'yes' }]],
    ['audit', [{ olderFiles: true, folder: '/etc' }]],
    ['saveAuditCsv', [{ olderFiles: 1 }]],
  ];
  for (const [operation, args] of cases) {
    const answer = await invoke(operation, args);
    assert.equal(answer.ok, false, `${operation} ${JSON.stringify(args)} should be refused`);
    if (answer.ok) continue;
    assert.equal(answer.error.kind, 'invalid-request', operation);
    assert.match(answer.error.message, new RegExp(`^The console refused a malformed request \\(${operation}`));
    assert.doesNotMatch(answer.error.message, /hunter2/);
  }
  assert.deepEqual(reached, []);
});

test('unknown operations are refused; valid ones reach the service and its error comes back as a sentence', async () => {
  const { service, reached } = unreachableService();
  const invoke = createOperationInvoker(service);
  const unknown = await invoke('subscribe', []);
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.equal(unknown.error.kind, 'unknown-operation');

  const answer = await invoke('runExport', [undefined]);
  assert.deepEqual(answer, {
    ok: false,
    error: { kind: 'test-failure', message: 'The runExport operation failed for a reason the operator can act on.' },
  });
  const withProgramme = await invoke('runExport', ['flu']);
  assert.equal(withProgramme.ok, false);
  assert.deepEqual(reached, ['runExport', 'runExport']);
});

test("a MESH error reaches the screen as the client's sentence, then where in Settings the setting is", async () => {
  const failing = (error: Error) =>
    new Proxy(
      {},
      {
        get: (_t, name) =>
          name === 'then'
            ? undefined
            : async () => {
                throw error;
              },
      },
    ) as unknown as ConsoleService;
  const auth = new MeshError(
    'authentication',
    'MESH refused the credentials for mailbox X26ABC1: check the mailbox password and the shared key.',
    { status: 403, settings: ['password', 'sharedKey'] },
  );
  assert.deepEqual(await createOperationInvoker(failing(auth))('inbox', [{}]), {
    ok: false,
    error: {
      kind: 'authentication',
      message:
        'MESH refused the credentials for mailbox X26ABC1: check the mailbox password and the shared key. The mailbox ' +
        'password and the environment shared key are in Settings, under Secrets.',
    },
  });
  const tls = new MeshError(
    'tls',
    'The secure connection to mesh.example.org failed (ERR_SSL_X): check the certificate, private key, CA bundle and base URL.',
    {
      settings: ['certificate', 'privateKey', 'caBundle', 'baseUrl'],
    },
  );
  const answer = await createOperationInvoker(failing(tls))('validateMailbox', []);
  assert.equal(answer.ok, false);
  if (!answer.ok) {
    assert.equal(
      answer.error.message,
      `${tls.message} In Settings: the client certificate, the private key and the CA bundle under Certificate and ` +
        `keys; the base URL under Connection.`,
    );
  }
  assert.equal(whereInSettings(['mailbox']), 'The mailbox id is in Settings, under Connection.');
  assert.equal(whereInSettings(['proxy']), undefined, 'the app has no proxy setting');
  const timeout = new MeshError(
    'timeout',
    'MESH at mesh.example.org did not answer within 300 s: check the network connection, then try again.',
  );
  assert.deepEqual(errorEnvelope(timeout), { ok: false, error: { kind: 'timeout', message: timeout.message } });
});

test('service events go to the app window on the one event channel, and not to a closed one', () => {
  const ipcMain = recordingIpcMain();
  const { service, emit } = unreachableService();
  const { window, sent, destroy } = appWindow();
  registerIpc({ ipcMain: ipcMain as never, service, getWindow: () => window, appUrl: APP_URL });
  const event: ConsoleEvent = { type: 'progress', operation: 'sendFile', id: 'tok', done: 5, total: 10 };
  emit(event);
  assert.deepEqual(sent, [[EVENT_CHANNEL, event]]);
  destroy();
  emit({ type: 'inbox-changed', count: 3, unread: 3 });
  assert.equal(sent.length, 1);
});
