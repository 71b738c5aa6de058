// Builds the React renderer into dist/renderer with relative URLs, so Electron can load it from file://.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './renderer/csp.ts';

const nhsukImages = fileURLToPath(new URL('./node_modules/nhsuk-frontend/dist/nhsuk/assets/images/', import.meta.url));

// nhsuk-frontend's CSS loads the Frutiger web font from assets.nhs.uk: the console is offline and
// its CSP allows fonts only from itself, so drop those @font-face rules and fall back to Arial.
// Also drop its `@media screen\0` blocks, an Internet Explorer hack CSS minifiers cannot parse.
function trimNhsukCss(): Plugin {
  return {
    name: 'mesh-console:trim-nhsuk-css',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('nhsuk-frontend') || !id.split('?')[0]!.endsWith('.css')) return null;
      const trimmed = code
        .replace(/@font-face\s*\{[^}]*https?:\/\/[^}]*\}/g, '')
        .replace(/@media screen\\0[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
      return { code: trimmed, map: null };
    },
  };
}

// The CSP goes into the built page only: the dev server's React refresh needs an inline script.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'mesh-console:csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [trimNhsukCss(), contentSecurityPolicy(), react()],
  resolve: {
    // The CSS refers to its icons as /assets/images/...: point that at the package's own copies.
    alias: [{ find: /^\/assets\/images\//, replacement: nhsukImages }],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
