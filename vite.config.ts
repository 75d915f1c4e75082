import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer/app', import.meta.url));

/**
 * The React app. `npm run build:web` writes dist/web, which the relay serves at `/` with a strict
 * CSP (no inline scripts or styles), so Vite must emit only files: hashed assets under assets/.
 * `--mode desktop` builds the same app for the Electron window into dist/desktop-app with
 * relative URLs, since that page is served from app://wolfpack/ rather than a site root.
 */
export default defineConfig(({ mode }) => {
  const desktop = mode === 'desktop';
  return {
    root,
    base: desktop ? './' : '/',
    plugins: [react()],
    build: {
      outDir: fileURLToPath(new URL(desktop ? './dist/desktop-app' : './dist/web', import.meta.url)),
      emptyOutDir: true,
      assetsDir: 'assets',
      // Inlined assets would become data: URLs in CSS, which the CSP allows for images only.
      assetsInlineLimit: 0,
      // The CSP forbids inline scripts; the preload polyfill is one Chromium does not need anyway.
      modulePreload: { polyfill: false },
      target: 'es2022',
      reportCompressedSize: false,
    },
    server: { port: 5173, strictPort: false },
  };
});
