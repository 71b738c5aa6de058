// The window's security settings and lock-down, checked under plain Node (main/electron/window.ts
// takes Electron's objects as parameters, so these are Node event emitters standing in for them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { lockDownContents, lockDownSession, windowOptions } from '../../main/electron/window';
import { CONTENT_SECURITY_POLICY } from '../../renderer/csp';

const APP_URL = 'file:///opt/mesh-console/resources/app.asar/dist/renderer/index.html';

test('the window is isolated, sandboxed, without Node, with web security, and no dev tools when packaged', () => {
  const prefs = windowOptions('/app/dist/preload/index.cjs', { devTools: false }).webPreferences!;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.devTools, false);
  assert.equal(prefs.preload, '/app/dist/preload/index.cjs');
});

test('navigation away from the app page, redirects, webviews and new windows are all denied', () => {
  const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(h: () => { action: string }): void };
  let openHandler: (() => { action: string }) | undefined;
  contents.setWindowOpenHandler = (handler) => (openHandler = handler);
  lockDownContents(contents as never, APP_URL);

  const attempt = (name: string, url?: string) => {
    let prevented = false;
    contents.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  assert.equal(attempt('will-navigate', 'https://evil.example/'), true);
  assert.equal(attempt('will-navigate', 'file:///etc/passwd'), true);
  assert.equal(attempt('will-navigate', `${APP_URL}#settings`), false, 'the app page itself may reload');
  assert.equal(attempt('will-redirect', 'https://evil.example/'), true);
  assert.equal(attempt('will-attach-webview'), true);
  assert.deepEqual(openHandler?.(), { action: 'deny' });
});

test('every permission request and check is refused, and responses carry the CSP', () => {
  let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  let checkHandler: (() => boolean) | undefined;
  let headersHandler:
    | ((
        details: { responseHeaders?: Record<string, string[]> },
        callback: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | undefined;
  const session = {
    setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
    setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    setDevicePermissionHandler: () => undefined,
    webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
  };
  lockDownSession(session as never, CONTENT_SECURITY_POLICY);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
    let granted: boolean | undefined;
    requestHandler!(null, permission, (g) => (granted = g));
    assert.equal(granted, false, permission);
  }
  assert.equal(checkHandler!(), false);
  let headers: Record<string, string[]> | undefined;
  headersHandler!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
  assert.deepEqual(headers!['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
  assert.deepEqual(headers!['Content-Type'], ['text/html']);
});
