// The renderer's Content-Security-Policy, one place for the page's meta tag (vite.config.ts)
// and the shell's checks. No inline script or style, nothing from the network.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
