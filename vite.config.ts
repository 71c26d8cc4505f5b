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
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
// Vite's own CSS transformer (declared as a dev dependency for this import).
import { transform as transformCss } from 'lightningcss';

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

/** The single-file edition's oldest browser: Chromium 109, the last on Windows 7. */
export const OLDEST_CHROMIUM = 109;

/** ag-grid's CSS, kept in its JavaScript as string constants and injected at run time: `var x_default = "…";`. */
const VENDOR_CSS_CONSTANT = /^(var \w+_default = )("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*');$/gm;

/** ag-grid's CSS constants in a module's code (the text of each). */
export function vendorCssConstants(code: string): string[] {
  return [...code.matchAll(VENDOR_CSS_CONSTANT)].map((m) => stringLiteral(m[2])).filter((css): css is string => css !== null && css.includes('{'));
}

/** A JavaScript string literal's text (the two quotings ag-grid's build writes), or null. */
function stringLiteral(literal: string): string | null {
  const body = literal.slice(1, -1);
  const json = literal[0] === '"' ? body : body.replace(/\\'/g, "'").replace(/"/g, '\\"');
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return null;
  }
}

/** shared/css/scoped-css.js as a plain function, to be appended to ag-stack's module. */
const SCOPED_CSS_SOURCE = readFileSync(fileURLToPath(new URL('./shared/css/scoped-css.js', import.meta.url)), 'utf8').replace(/^export function scopedCss/m, 'function scopedCss');

/** How ag-stack wraps each theme part's CSS when it injects it: a nested rule. */
const PART_WRAP = 'css = `:where(.${className}) {\n${css}\n}\n`;';
const PART_SCOPED = 'css = scopedCss(`:where(.${className})`, css);';

/**
 * ag-grid injects its theme CSS at run time, so the build's cssTarget never sees it, and that CSS
 * nests rules (Chromium 112+): Chromium 109 drops every nested rule. For the single-file edition:
 * - each CSS constant of ag-grid's modules is lowered for Chromium 109 by lightningcss (Vite's own
 *   CSS tool);
 * - ag-stack, which wraps each theme part in `:where(.ag-theme-<part>-N) { … }` when injecting it,
 *   calls shared/css/scoped-css.js instead, which writes the same rules without nesting.
 * What cannot be lowered stays: color-mix() of CSS variables (Chromium 111+), see README.
 */
export function lowerVendorCss(): Plugin {
  return {
    name: 'budget:lower-vendor-css',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]node_modules[\\/]ag-(?:grid-community|stack)[\\/]/ },
      handler(code, id) {
        const lowered = code.replace(VENDOR_CSS_CONSTANT, (all, head: string, literal: string) => {
          const css = stringLiteral(literal);
          if (css === null || !css.includes('{')) return all;
          const out = transformCss({
            filename: `${id}.css`,
            code: new TextEncoder().encode(css),
            minify: true,
            targets: { chrome: OLDEST_CHROMIUM << 16 },
          });
          return `${head}${JSON.stringify(new TextDecoder().decode(out.code))};`;
        });
        if (!/[\\/]ag-stack[\\/]/.test(id)) return lowered === code ? null : { code: lowered, map: null };
        // Fail the build rather than ship a grid without its theme in Chromium 109.
        if (!lowered.includes(PART_WRAP)) this.error(`ag-stack 注入主题 CSS 的写法已变（找不到 ${PART_WRAP}），单文件版在 Chromium 109 中会丢失表格样式：请更新 vite.config.ts`);
        return { code: `${lowered.replace(PART_WRAP, PART_SCOPED)}\n${SCOPED_CSS_SOURCE}`, map: null };
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single-file';
  return {
    root: '.',
    base: './',
    plugins: [svelte(), ...(single ? [lowerVendorCss(), viteSingleFile({ outputFileName: SINGLE_FILE_NAME, removeViteModuleLoader: true }), singleFileCsp()] : [])],
    build: single
      ? {
          outDir: 'release',
          emptyOutDir: false, // release/ also holds the desktop installers
          target: `chrome${OLDEST_CHROMIUM}`,
          cssTarget: `chrome${OLDEST_CHROMIUM}`,
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
