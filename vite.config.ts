/**
 * The renderer build (browser edition and Electron renderer are the same bundle).
 * - base './': the built index.html refers to its assets relatively, so it works from Electron's
 *   app:// protocol, from a file path and from any static server.
 * - Nothing is fetched from another origin: fonts are the system's, the sql.js wasm is emitted as an
 *   asset of our own (imported with ?url in renderer/sqljs-browser.ts), ag-grid's theme CSS is
 *   injected by ag-grid itself.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: '.',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One chunk for ag-grid is fine for a desktop app; keep Vite from warning about it.
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
  },
});
