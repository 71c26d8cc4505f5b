#!/usr/bin/env node
/**
 * Bundles the CLI (cli/main.ts and everything of shared/ it uses, plus the worker of `check DIR`,
 * cli/check-worker.ts) into ES modules,
 * dist-cli/main.mjs (plus the chunks it imports on demand), so `budget-workbench` runs without
 * transpiling TypeScript. Run by `npm ci` / `npm install` (the `prepare` script) and by
 * `npm run build:cli`; dist-cli/ is not committed.
 * Packages are bundled too (one file to read instead of hundreds: exceljs alone takes 150 ms to load
 * from node_modules, 75 ms bundled), except sql.js and highs (each finds its wasm next to it) and playwright-core
 * (it finds its own files at run time). What the code imports with `await import()` becomes a
 * chunk of its own, loaded only by the command that needs it: exceljs, docx, playwright-core.
 * `exceljs` is its Workbook alone (cli/exceljs-workbook.mjs): half the code to load.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds into `outdir`; returns esbuild's metafile (what went into which output). */
export async function buildCli(outdir = `${root}dist-cli`) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['cli/main.ts', 'cli/check-worker.ts'],
    outdir,
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['sql.js', 'playwright-core', 'highs'],
    alias: { exceljs: './cli/exceljs-workbook.mjs' },
    // Bundled CommonJS packages (exceljs and its zip/xml stack) call require() for Node's modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
