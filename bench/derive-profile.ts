// Full derivation of the large synthetic department, per template (CPU ms, median (wall) of runs).
import { builtinCatalog } from '../shared/catalog/index';
import { deriveTable, deriveTables } from '../shared/tables/derive';
import { templatesFor } from '../shared/tables/registry';
import { syntheticBudget } from './synthetic';
const catalog = builtinCatalog();
const b = syntheticBudget(catalog);
const ctx = { catalog, templates: templatesFor(b.meta.templateId) };
const runs = Number(process.argv[2] ?? 15);
const cpu = () => performance.now();
const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const all: number[] = [];
const per = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  const t0 = cpu(); deriveTables(b, ctx); all.push(cpu() - t0);
  for (const t of ctx.templates.tables) { const s = cpu(); deriveTable(t, b, ctx); const x = cpu() - s; (per.get(t.no) ?? per.set(t.no, []).get(t.no)!).push(x); }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log('deriveTables ms: mean (GC amortised)', mean(all).toFixed(1), 'median', med(all).toFixed(1), 'min', Math.min(...all).toFixed(1));
for (const [no, xs] of per) console.log(no, 'mean', mean(xs).toFixed(2), 'min', Math.min(...xs).toFixed(2));
