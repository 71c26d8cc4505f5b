/**
 * The renderer build (browser edition and Electron renderer are the same bundle).
 * - base './': the built index.html refers to its assets relatively, so it works from Electron's
 *   app:// protocol, from a file path and from any static server.
 * - Nothing is fetched from another origin: fonts are the system's, the sql.js wasm is emitted as an
 *   asset of our own (imported with ?url in renderer/sqljs-browser.ts), ag-grid's theme CSS is
 *   injected by ag-grid itself.
 *
 * `vite build --mode single-file` (`npm run build:web`) writes the browser edition as one file,
 * release/budget-workbench.html, that runs from file:// (a USB stick, no server): scripts, styles
 * and the sql.js wasm inlined by vite-plugin-singlefile, syntax for Chromium 109 (the last on
 * Windows 7), and the page's CSP allowing exactly the inlined script by its hash.
 */
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';

export const SINGLE_FILE_NAME = 'budget-workbench.html';

const HASH_PLACEHOLDER = "'sha256-inlined-script'";

/**
 * The CSP's script-src names the inline module script by its sha256 instead of 'self' (a file://
 * page has no origin to trust): a placeholder before inlining, the hash after. Anything left
 * beside the HTML is an error.
 */
function singleFileCsp(): Plugin {
  return {
    name: 'budget:single-file-csp',
    enforce: 'post',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace(/script-src 'self'/, `script-src ${HASH_PLACEHOLDER}`) },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const names = Object.keys(bundle);
        if (names.length !== 1 || names[0] !== SINGLE_FILE_NAME) this.error(`单文件版应只输出 ${SINGLE_FILE_NAME}，实际输出：${names.join('、')}`);
        const html = bundle[SINGLE_FILE_NAME];
        if (html.type !== 'asset' || typeof html.source !== 'string') this.error(`${SINGLE_FILE_NAME} 不是文本`);
        const source = html.source as string;
        const hashes = [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
        if (hashes.length === 0) this.error(`${SINGLE_FILE_NAME} 中没有内联脚本`);
        if (!source.includes(HASH_PLACEHOLDER)) this.error(`${SINGLE_FILE_NAME} 的 Content-Security-Policy 中没有 script-src 'self'`);
        html.source = source.replace(HASH_PLACEHOLDER, hashes.join(' '));
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single-file';
  return {
    root: '.',
    base: './',
    plugins: [svelte(), ...(single ? [viteSingleFile({ outputFileName: SINGLE_FILE_NAME, removeViteModuleLoader: true }), singleFileCsp()] : [])],
    build: single
      ? {
          outDir: 'release',
          emptyOutDir: false, // release/ also holds the desktop installers
          target: 'chrome109',
        }
      : {
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
  };
});
