// Response headers read case-insensitively: MESH and its proxies spell `mex-*` headers
// every which way (`mex-From`, `Mex-From`, `MEX-FROM`).

export type RawHeaders = Record<string, string | string[] | undefined>;

export class ResponseHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: RawHeaders = {}) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
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
