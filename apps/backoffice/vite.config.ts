import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server the dev and preview servers forward to (apps/server listens on 3000 by default). */
const API_TARGET = process.env.KASSA_API_URL ?? 'http://localhost:3000';

const proxy = {
  '/api': { target: API_TARGET, changeOrigin: false },
};

// The root is this folder whatever the working directory, so `npm run build -w apps/backoffice`
// and `npx vite build` inside apps/backoffice produce the same apps/backoffice/dist.
const backofficeRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: backofficeRoot,
  // The server serves this build under /backoffice (apps/server/src/http/backoffice.ts).
  base: '/backoffice/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts, so never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy, port: 5174 },
  preview: { proxy, port: 4174 },
});
