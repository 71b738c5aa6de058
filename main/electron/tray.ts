// The tray icon that keeps the console reachable while scheduled jobs run with the window closed.
import type { Menu as ElectronMenu, NativeImage, Tray as ElectronTray } from 'electron';

// A 32×32 NHS-blue square with a white M, drawn in code so the shell needs no image file.
const ICON_PNG_BASE64 =
  // eslint-disable-next-line max-len -- one base64 PNG
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAg0lEQVR42u2XUQoAIQhEO+mec2+3+7cEazVDpoIKfTWNL7DQ1kZx3Y/qgkI7KQVjlVyEsE7+g8gN4JX8g4gO0AdqSp1hzBBDVk8DzEwZ7RaAZIzqtmtAMkc0qkW4uu1xgFWxmQD0e2bPMByA+UdUAAWQEyBBR1RdcQgA99EsxHDqNJ6/5pbTYU4Hy9MAAAAASUVORK5CYII=';

export interface TrayDeps {
  Tray: typeof ElectronTray;
  Menu: typeof ElectronMenu;
  nativeImage: { createFromBuffer(buffer: Buffer): NativeImage };
}

export interface TrayActions {
  open: () => void;
  quit: () => void;
}

export function createTray({ Tray, Menu, nativeImage }: TrayDeps, actions: TrayActions): ElectronTray {
  const icon = nativeImage.createFromBuffer(Buffer.from(ICON_PNG_BASE64, 'base64'));
  const tray = new Tray(icon);
  tray.setToolTip('MESH console');
  showTrayProfiles(tray, Menu, actions, []);
  tray.on('click', actions.open);
  return tray;
}

/** The tray's menu with a line for each profile (trayLines in the domain), shown but not clickable. */
export function showTrayProfiles(tray: ElectronTray, Menu: typeof ElectronMenu, actions: TrayActions, lines: string[]): void {
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open MESH console', click: actions.open },
      ...(lines.length ? [{ type: 'separator' as const }, ...lines.map((label) => ({ label, enabled: false }))] : []),
      { type: 'separator' },
      { label: 'Quit MESH console', click: actions.quit },
    ]),
  );
}

export function trayIconPng(): Buffer {
  return Buffer.from(ICON_PNG_BASE64, 'base64');
}
