/**
 * Vite for the browser client: root is client/, the build goes to client/dist (served by the
 * API server at /), and the dev server forwards /graphql to the API on port 4000.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const api = process.env.SPLINTERNET_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': { target: api, changeOrigin: true } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: { '/graphql': { target: api, changeOrigin: true } },
  },
});
