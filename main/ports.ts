// The few facilities the core needs from the desktop (Electron in the app, plain Node in the
// CLI and tests). Main's shell supplies Electron-backed versions; nothing here imports electron.

/** Encrypts secrets at rest: Electron's safeStorage has exactly this shape. */
export interface SecretEncryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native file dialogs: paths on disk are chosen here, never typed by the renderer. Null when cancelled. */
export interface DialogPort {
  openFile(options: { title: string; filters?: FileFilter[] }): Promise<string | null>;
  openFolder(options: { title: string }): Promise<string | null>;
  saveFile(options: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>;
}

export interface NotificationPort {
  notify(title: string, body: string): void;
}

/** The system's file manager (Electron's shell in the app; a recorder in the GUI tests). */
export interface FileManagerPort {
  /** Shows the folder; rejects with a sentence when the system cannot. */
  showFolder(path: string): Promise<void>;
}
