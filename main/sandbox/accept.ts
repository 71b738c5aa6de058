// API version from the Accept header, read exactly as the sandbox reads it
// (docs/mesh-protocol.md, "Versions, headers and times").

const VND = /^application\/vnd\.mesh\.v(\d+)\+json$/;

/** 1 or 2 (or higher), or null when the vnd.mesh part is malformed (the caller answers 400). */
export function parseAcceptVersion(accept: string | undefined): number | null {
  if (!accept) return 1;
  for (const raw of accept.split(';')) {
    const part = raw.trim();
    if (!part || !part.includes('vnd.mesh')) continue;
    const match = VND.exec(part);
    return match ? Number(match[1]) : null;
  }
  return 1;
}
