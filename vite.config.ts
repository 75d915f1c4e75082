import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer/app', import.meta.url));

/**
 * The React app for the web. `npm run build:web` writes dist/web, which the relay serves at `/`
 * with a strict CSP (no inline scripts or styles), so Vite must emit only files: hashed assets
 * under assets/. The desktop window bundles the same app with esbuild (electron/build.ts).
 */
export default defineConfig(() => {
  return {
    root,
    base: '/',
    plugins: [react()],
    build: {
      outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
      emptyOutDir: true,
      assetsDir: 'assets',
      // Inlined assets would become data: URLs in CSS, which the CSP allows for images only.
      assetsInlineLimit: 0,
      // The CSP forbids inline scripts; the preload polyfill is one Chromium does not need anyway.
      modulePreload: { polyfill: false },
      // ES2021: class private members are lowered, so electronegativity (which cannot parse them)
      // can check this bundle too when the desktop app ships it for a relay hosted there.
      target: 'es2021',
      reportCompressedSize: false,
    },
    server: { port: 5173, strictPort: false },
  };
});
