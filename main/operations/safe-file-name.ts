// A file name that came from MESH (mex-FileName) is someone else's text: make it a plain name
// for this computer before it is offered in a save dialog or written anywhere.
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function safeFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are replaced on purpose
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 200);
  if (!cleaned || RESERVED_WINDOWS.test(cleaned)) cleaned = fallback;
  return cleaned;
}
