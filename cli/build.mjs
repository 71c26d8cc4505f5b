#!/usr/bin/env node
/**
 * Bundles the CLI (cli/main.ts and everything of shared/ it uses, plus the worker of `check DIR`)
 * into CommonJS files in dist-cli/, so `budget-workbench` runs without transpiling TypeScript.
 * Run by `npm ci` / `npm install` (the `prepare` script) and by `npm run build:cli`; dist-cli/ is not
 * committed.
 *
 * CommonJS rather than ES modules so that cli/code-cache.cjs can load each file with V8's code cache
 * (Node 20 has no compile cache for either): a fresh `check` then skips most parsing and compiling.
 * - main.cjs: the CLI. Packages are bundled too (one file to read instead of hundreds), except
 *   sql.js and highs (each finds its wasm next to it) and playwright-core (it finds its own files
 *   at run time); `import()` becomes `require()`, evaluated only when reached.
 * - chunk-<package>.cjs: each heavy package in a file of its own, read only by the command that
 *   needs it (HEAVY below): exceljs (its Workbook alone, cli/exceljs-workbook.mjs), docx, mammoth,
 *   and pinyin-pro (the catalog's pinyin search, which no command uses: its dictionary is read on
 *   the first call, never at start).
 * - check-worker.cjs: the worker thread of `check DIR`: main.cjs's serveChecks (cli/serve-checks.ts).
 * - code-cache.cjs: the loader (cli/code-cache.cjs), and `<file>.v8cache` beside each file.
 * In the chunks, JSZip's `pako` is Node's zlib (cli/pako-zlib.cjs) and `readable-stream` Node's
 * stream; exceljs's chunk leaves out its CSV reader and writer and loads node:crypto on first use.
 *
 * `node cli/build.mjs` (what `prepare` runs) also writes the caches from one run of the commands on
 * the sample (cli/warm-code-cache.mjs); without them, the first run writes them.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Packages each loaded from a chunk of its own, on first use. `names`: the named exports read
 * through a static import (getters that load the chunk when first read); packages imported
 * only with `await import()` need none. `exports`: what the chunk exports, when not the package's
 * module.exports (our .ts files are imported in Node's mode: `import x from` is module.exports).
 */
export const HEAVY = {
  exceljs: { chunk: 'chunk-exceljs.cjs', names: [], exports: "require('exceljs').default" },
  docx: { chunk: 'chunk-docx.cjs', names: [] },
  mammoth: { chunk: 'chunk-mammoth.cjs', names: [] },
  'pinyin-pro': { chunk: 'chunk-pinyin-pro.cjs', names: ['match'] },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['sql.js', 'playwright-core', 'highs', './code-cache.cjs'],
  alias: { exceljs: './cli/exceljs-workbook.mjs' },
  // No import() is left for vm.Script to resolve: it becomes require() (of a bundled module or an external).
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

/** In main.cjs, a heavy package is a stub that loads its chunk through the code cache. */
const heavyStubs = {
  name: 'heavy-chunks',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(HEAVY).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'heavy' }));
    b.onLoad({ filter: /.*/, namespace: 'heavy' }, (args) => {
      const { chunk, names } = HEAVY[args.path];
      const load = `require('./code-cache.cjs').load(require('node:path').join(__dirname, ${JSON.stringify(chunk)}))`;
      const contents = names.length
        ? `let m; const get = () => (m ??= ${load});\n${names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => get()[${JSON.stringify(n)}] });`).join('\n')}`
        : `module.exports = ${load};`;
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

/**
 * exceljs reads a print-titles name ('表一'!$5:$6, which every published workbook has) as columns
 * NaN…NaN and asks its column-letter cache for column NaN, which makes it fill the cache for all
 * 16384 columns (tens of ms at each start) and then return undefined all the same. In the CLI's
 * exceljs, column NaN returns that undefined without the fill: the same result, the cache filled
 * when a real column needs it.
 */
export const COL_CACHE_FILL = { from: '    if (!this._n2l[n]) {\n      this._fill(this._level(n));', to: '    if (!this._n2l[n] && !Number.isNaN(n)) {\n      this._fill(this._level(n));' };
const exceljsColumnNaN = {
  name: 'exceljs-column-nan',
  setup(b) {
    b.onLoad({ filter: /[\\/]exceljs[\\/]lib[\\/]utils[\\/]col-cache\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes(COL_CACHE_FILL.from)) throw new Error(`exceljs 的 col-cache.js 已变（找不到 n2l 的填充），请更新 cli/build.mjs：${args.path}`);
      return { contents: code.replace(COL_CACHE_FILL.from, COL_CACHE_FILL.to), loader: 'js' };
    });
  },
};

/**
 * What the CLI's exceljs loads and a workbook read never uses: its CSV reader and writer (fast-csv,
 * dayjs and lodash's pieces: 150 KB to load at each read) are a stub that throws when used, and
 * node:crypto (sheet-protection passwords, uuid's conditional formats) is loaded on first use
 * (cli/lazy-crypto.cjs).
 */
const lazyCrypto = join(root, 'cli/lazy-crypto.cjs');
const exceljsTrim = {
  name: 'exceljs-trim',
  setup(b) {
    b.onLoad({ filter: /[\\/]exceljs[\\/]lib[\\/]csv[\\/]csv\.js$/ }, () => ({
      contents: "module.exports = class CSV { constructor() { throw new Error('exceljs 的 CSV 读写不在命令行程序中（cli/build.mjs）'); } };",
      loader: 'js',
    }));
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) => (args.importer === lazyCrypto ? { path: 'node:crypto', external: true } : { path: lazyCrypto }));
  },
};

/**
 * The catalog's CSV modules (`export default String.raw\`…\``) as plain string literals, which
 * esbuild writes with \u escapes: a raw template keeps its Chinese as is. Only a text without `\`,
 * a backtick or `$` is rewritten (its raw and cooked values are then the same); undefined otherwise
 * (the module is then bundled as it is).
 */
export function rawCsvAsString(code) {
  const m = /^((?:\/\/[^\n]*\n)*)export default String\.raw`([^`\\$]*)`;\s*$/.exec(code);
  return m ? `${m[1]}export default ${JSON.stringify(m[2].replace(/\r\n?/g, '\n'))};\n` : undefined;
}
const catalogData = {
  name: 'catalog-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]catalog[\\/]data[\\/][^\\/]+\.ts$/ }, (args) => {
      const contents = rawCsvAsString(readFileSync(args.path, 'utf8'));
      return contents === undefined ? undefined : { contents, loader: 'ts' };
    });
  },
};

/**
 * main.cjs in ASCII, so that cli/code-cache.cjs reads it as Latin-1 (a UTF-8 file with Chinese in it
 * decodes to a two-byte string: ~10 ms at each start). esbuild escapes strings and templates but not
 * regular expressions or comments; there, each non-ASCII UTF-16 unit becomes \uXXXX (a `\中`
 * identity escape becomes `\u4E2D`), which means the same in a regular expression, with or without
 * the u flag, and in any string. Raw templates would change, so a bundle with a non-ASCII one is
 * left as it is (the loader then reads UTF-8).
 */
export function asciiOnly(code) {
  if (/String\.raw`[^`]*[^\x00-\x7f]/.test(code)) return code;
  return code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, ch) => {
    const escaped = `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return (slashes.length % 2 ? slashes.slice(1) : slashes) + escaped;
  });
}

/** Builds into `outdir` (old files and caches removed); returns esbuild's metafiles merged. */
export async function buildCli(outdir = `${root}dist-cli`) {
  mkdirSync(outdir, { recursive: true });
  for (const f of readdirSync(outdir)) rmSync(join(outdir, f), { recursive: true, force: true });
  const results = await Promise.all([
    build({ ...common, entryPoints: ['cli/main.ts'], outfile: join(outdir, 'main.cjs'), plugins: [heavyStubs, catalogData] }),
    ...Object.entries(HEAVY).map(([pkg, { chunk, exports }]) =>
      build({
        ...common,
        stdin: { contents: `module.exports = ${exports ?? `require(${JSON.stringify(pkg)})`};`, resolveDir: root, sourcefile: `${chunk}.js` },
        outfile: join(outdir, chunk),
        // JSZip (in exceljs, mammoth, docx) inflates and deflates with Node's zlib, not pako's JavaScript;
        // readable-stream (their copy of Node's streams, two versions: 130 KB to load) is Node's own.
        alias: { ...common.alias, pako: './cli/pako-zlib.cjs', 'readable-stream': 'node:stream' },
        plugins: pkg === 'exceljs' ? [exceljsColumnNaN, exceljsTrim] : [],
      }),
    ),
  ]);
  const mainFile = join(outdir, 'main.cjs');
  writeFileSync(mainFile, asciiOnly(readFileSync(mainFile, 'utf8')));
  copyFileSync(join(root, 'cli/code-cache.cjs'), join(outdir, 'code-cache.cjs'));
  writeFileSync(
    join(outdir, 'check-worker.cjs'),
    "// A worker thread of `check DIR` (cli/serve-checks.ts), from the bundle.\nrequire('./code-cache.cjs').load(require('node:path').join(__dirname, 'main.cjs')).serveChecks();\n",
  );
  const metafile = { inputs: {}, outputs: {} };
  for (const r of results) {
    Object.assign(metafile.inputs, r.metafile.inputs);
    Object.assign(metafile.outputs, r.metafile.outputs);
  }
  return metafile;
}

/** Writes the code caches of dist-cli/ from one run of the commands on the sample (a child process). */
export function warmCodeCache() {
  const r = spawnSync(process.execPath, [join(root, 'cli/warm-code-cache.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`写代码缓存失败：${r.stderr}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
  try {
    warmCodeCache();
  } catch (e) {
    // The CLI works without its caches (the first run writes them): an install must not fail for them.
    console.warn(`未能预先写入命令行程序的代码缓存（不影响使用，首次运行时写入）：${e instanceof Error ? e.message : String(e)}`);
  }
}

