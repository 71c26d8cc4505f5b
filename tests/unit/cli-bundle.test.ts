/**
 * The CLI bundle (cli/build.mjs): heavy packages only in chunks that the commands load on demand,
 * and V8's code cache (cli/code-cache.cjs) used only for the exact file it was made from.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildCli, COL_CACHE_FILL, HEAVY } from '../../cli/build.mjs';

/** Runs `main(args)` of the bundle in `dir` in a fresh node; returns its output and which bundle files it loaded. */
function runBundle(dir: string, args: string[], save = false) {
  const script = `
    const cache = require(${JSON.stringify(join(dir, 'code-cache.cjs'))});
    const log = console.log; const out = []; console.log = (...a) => out.push(a.join(' '));
    cache.load(${JSON.stringify(join(dir, 'main.cjs'))}).main(${JSON.stringify(args)}).then((code) => {
      console.log = log;
      if (${save}) cache.save(true);
      process.stdout.write(JSON.stringify({ code, out: out.join('\\n'), files: cache.loadedFiles() }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { code: number; out: string; files: { name: string; fromCache: boolean }[] };
}

describe('CLI bundle', () => {
  it('keeps exceljs, docx, mammoth, jszip and pinyin-pro out of main.cjs; --help reads main.cjs alone, from its code cache once written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-cli-bundle-'));
    try {
      const meta = await buildCli(dir);
      const root = join(__dirname, '../..');
      const out = (name: string) => relative(root, join(dir, name));
      const inputsOf = (name: string) => Object.keys(meta.outputs[out(name)]?.inputs ?? {});
      const main = inputsOf('main.cjs');
      expect(main.some((f) => f.startsWith('cli/main.ts'))).toBe(true);
      for (const heavy of ['node_modules/exceljs/', 'node_modules/docx/', 'node_modules/jszip/', 'node_modules/mammoth/', 'node_modules/pinyin-pro/']) {
        expect(main.some((f) => f.includes(heavy)), heavy).toBe(false);
      }
      // …and each is in a chunk of its own.
      expect(inputsOf(HEAVY.exceljs.chunk).some((f) => f.includes('node_modules/exceljs/'))).toBe(true);
      expect(inputsOf(HEAVY.exceljs.chunk).some((f) => f.includes('node_modules/jszip/'))).toBe(true);
      expect(inputsOf(HEAVY.docx.chunk).some((f) => f.includes('node_modules/docx/'))).toBe(true);
      expect(inputsOf(HEAVY['pinyin-pro'].chunk).some((f) => f.includes('node_modules/pinyin-pro/'))).toBe(true);

      // exceljs's column cache is not filled for column NaN (a print-titles name) in the CLI's copy.
      const exceljs = readFileSync(join(dir, HEAVY.exceljs.chunk), 'utf8');
      const spaced = (code: string) => code.replace(/\s+/g, ' ').trim();
      expect(spaced(exceljs)).toContain(spaced(COL_CACHE_FILL.to));
      expect(spaced(exceljs)).not.toContain(spaced(COL_CACHE_FILL.from));

      // main.cjs is ASCII (asciiOnly), so the loader reads it as Latin-1.
      expect(/[^\x00-\x7f]/.test(readFileSync(join(dir, 'main.cjs'), 'latin1'))).toBe(false);

      // No TypeScript at run time: the built entry runs on plain node, and loads nothing else for --help.
      const first = runBundle(dir, ['--help'], true);
      expect(first.code).toBe(0);
      expect(first.out).toContain('用法：budget-workbench <命令> …');
      expect(first.files).toEqual([{ name: 'main.cjs', fromCache: false }]);
      // The next run takes the cache written by the first, with the same output.
      const second = runBundle(dir, ['--help']);
      expect(second.out).toBe(first.out);
      expect(second.files).toEqual([{ name: 'main.cjs', fromCache: true }]);
      // A bundle changed since (here only its mtime) no longer matches its cache: compiled afresh.
      utimesSync(join(dir, 'main.cjs'), new Date(), new Date(Date.now() + 5000));
      const third = runBundle(dir, ['--help']);
      expect(third.out).toBe(first.out);
      expect(third.files).toEqual([{ name: 'main.cjs', fromCache: false }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
