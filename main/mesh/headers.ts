// Response headers read case-insensitively: MESH and its proxies spell `mex-*` headers
// every which way (`mex-From`, `Mex-From`, `MEX-FROM`). HTTP hands header bytes over as
// Latin-1 (undici decodes them so), but MESH passes a sender's subject or file name on as the
// UTF-8 bytes it was given: a `mex-*` value whose bytes are valid UTF-8 is read as UTF-8.

export type RawHeaders = Record<string, string | string[] | undefined>;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A Latin-1 header value read again as UTF-8 when its bytes are UTF-8; else as it came. */
export function utf8HeaderValue(value: string): string {
  // Plain ASCII, or text that already holds characters beyond one byte: nothing to re-read.
  if (!/[\x80-\xff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  try {
    return UTF8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

export class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: RawHeaders = {}) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      const key = name.toLowerCase();
      const joined = Array.isArray(value) ? value.join(', ') : value;
      this.map.set(key, key.startsWith('mex-') ? utf8HeaderValue(joined) : joined);
    }
  }

  /** The header's value, trimmed; undefined when absent or empty. */
  get(name: string): string | undefined {
    const value = this.map.get(name.toLowerCase())?.trim();
    return value === '' ? undefined : value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every `mex-*` header, keyed by its lower-case name without the prefix. */
  mex(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of this.map) if (name.startsWith('mex-')) result[name.slice(4)] = value;
    return result;
  }
}
