/**
 * deriveTables of the large synthetic department, this tree against a base checkout, interleaved
 * and in CPU time (process.cpuUsage: waiting for a core is not charged; GC is, amortised over the
 * runs). Checks that both derive the same tables (deep equality).
 *
 *   git worktree add --detach /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/derive-ab.ts /tmp/base [runs] [sample]
 */
import assert from 'node:assert';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinCatalog } from '../shared/catalog/index';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { deriveTables } from '../shared/tables/derive';
import { templatesFor } from '../shared/tables/registry';
import { mean, median } from './stats';
import { syntheticBudget } from './synthetic';

const [baseRoot, runsArg, which] = process.argv.slice(2);
const runs = Number(runsArg ?? 30);
const base = (await import(pathToFileURL(path.join(path.resolve(baseRoot), 'shared/tables/derive.ts')).href)) as { deriveTables: typeof deriveTables };
const catalog = builtinCatalog();
const budget = which === 'sample' ? yubeiBigData2024() : syntheticBudget(catalog);
const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
assert.deepStrictEqual(JSON.parse(JSON.stringify(deriveTables(budget, ctx))), JSON.parse(JSON.stringify(base.deriveTables(budget, ctx))));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (f: () => unknown) => {
  const t = cpu();
  f();
  return cpu() - t;
};
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < runs; i++) {
  a.push(time(() => base.deriveTables(budget, ctx)));
  b.push(time(() => deriveTables(budget, ctx)));
}
// The first three runs of each warm the JIT.
const warm = (xs: number[]) => xs.slice(3);
console.log(`deriveTables (${which ?? 'large'}) CPU ms   base mean ${mean(warm(a)).toFixed(1)} median ${median(warm(a)).toFixed(1)}   this mean ${mean(warm(b)).toFixed(1)} median ${median(warm(b)).toFixed(1)}`);
