// Opaque `continue_from` tokens for v2 paging: the last message id, sealed with AES-256-GCM under a
// key made for this process (the sandbox uses Fernet the same way), so tokens stop working after a restart.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export class ContinueTokens {
  private readonly key = randomBytes(32);

  encode(value: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The sealed value, or null when the token is not one of ours. */
  decode(token: string): Record<string, string> | null {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const value: unknown = JSON.parse(json);
      return value && typeof value === 'object' ? (value as Record<string, string>) : null;
    } catch {
      return null;
    }
  }
}
