// Writes the code caches of dist-cli/ (cli/code-cache.cjs) from one run, in this one process, of
// what people run most: --help, the sample written, exported to a workbook, and both checked.
// Run by cli/build.mjs after bundling; its output is discarded.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist-cli/', import.meta.url));
const cache = createRequire(import.meta.url)(join(dist, 'code-cache.cjs'));
const { main } = cache.load(join(dist, 'main.cjs'));
const dir = mkdtempSync(join(tmpdir(), 'bw-warm-'));
const { log, error } = console;
console.log = console.error = () => {};
try {
  const budget = join(dir, 'sample.budget');
  const out = join(dir, 'out');
  for (const args of [['--help'], ['sample', budget], ['export', budget, '--out', out, '--format', 'xlsx'], ['check', budget], ['check', join(out, 'tables.xlsx')]]) {
    const code = await main(args);
    if (code !== 0 && code !== 1) throw new Error(`budget-workbench ${args.join(' ')} 退出码 ${code}`);
  }
} finally {
  console.log = log;
  console.error = error;
  rmSync(dir, { recursive: true, force: true });
}
cache.save(true);
