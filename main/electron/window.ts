// The console's one window, locked down: isolated, sandboxed, no Node, no navigation, no new windows.
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions, NativeImage, Session, WebContents } from 'electron';
import { samePage } from '../ipc';

/** `devTools` only for an unpackaged run: a packaged console offers no developer tools. */
export function windowOptions(preloadPath: string, options: { icon?: NativeImage; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'MESH console',
    show: false,
    backgroundColor: '#f0f4f5',
    icon: options.icon,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/** Denies every navigation away from the app's page, every new window and every webview. */
export function lockDownContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!samePage(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!samePage(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission (camera, notifications from the page, geolocation, …) and adds the CSP to any response. */
export function lockDownSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  // The app:// page gets its CSP as a header (app-protocol.ts) and from its meta tag; anything fetched
  // over http(s) gets it as a header too.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

export type AppWindow = ElectronBrowserWindow;
