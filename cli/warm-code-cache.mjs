// Writes the code caches of dist-cli/ (cli/code-cache.cjs) from one run, in this one process, of
// what people run most: --help and `check` of a .budget and of a seventeen-table workbook. The two
// files are written first by another process (without caches), so that the caches hold what check
// compiles and not what writing the sample did: V8 reads a cache whole at each start.
// Run by cli/build.mjs after bundling; its output is discarded.
import { spawnSync } from 'node:child_process';
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
  const bin = fileURLToPath(new URL('./bin.mjs', import.meta.url));
  for (const args of [['sample', budget], ['export', budget, '--out', out, '--format', 'xlsx']]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, BUDGET_WORKBENCH_CODE_CACHE: 'off' } });
    if (r.status !== 0) throw new Error(`budget-workbench ${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  }
  for (const args of [['--help'], ['check', budget], ['check', join(out, 'tables.xlsx')]]) {
    const code = await main(args);
    if (code !== 0 && code !== 1) throw new Error(`budget-workbench ${args.join(' ')} 退出码 ${code}`);
  }
} finally {
  console.log = log;
  console.error = error;
  rmSync(dir, { recursive: true, force: true });
}
cache.save(true);
