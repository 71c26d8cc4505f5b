/**
 * Re-derivation after one kind of edit, robust to a busy machine: each drawn edit is applied and
 * undone `reps` times, each re-derivation timed (wall µs); prints p10 / median per edit type for one
 * engine (this tree, or a base checkout given as first argument). Run base and this alternately.
 *
 *   node --import tsx bench/derive-edits-min.ts [/tmp/base] [sample] [EDITS] [reps=10]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinCatalog } from '../shared/catalog/index';
import * as thisInc from '../shared/engine/incremental';
import { applyEdit, readInput } from '../shared/model/edit';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { templatesFor } from '../shared/tables/registry';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { syntheticBudget } from './synthetic';

const args = process.argv.slice(2);
const root = args[0] && args[0].startsWith("/") ? path.resolve(args[0]) : null;
const sample = args.includes('sample');
const edits = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
const only = args.find((a) => a.startsWith('only='))?.slice(5);
const reps = Number(args.find((a) => a.startsWith('reps='))?.slice(5) ?? 10);
const inc = root ? ((await import(pathToFileURL(path.join(root, 'shared/engine/incremental.ts')).href)) as typeof thisInc) : thisInc;
const catalog = builtinCatalog();
const budget = sample ? yubeiBigData2024() : syntheticBudget(catalog);
const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
let tables = inc.deriveAll(budget, ctx);
const flat = () => ctx.templates.tables.flatMap((t) => tables.get(t.id) ?? []);
const rnd = prng(20261204);
const cells = inputCells(flat());
const times = new Map<string, number[]>();
const run = (e: Parameters<typeof applyEdit>[1], type: string, record: boolean) => {
  const r = applyEdit(budget, e);
  if (!r.ok) return null;
  const change = inc.emptyChange();
  inc.noteEdit(change, e);
  for (const x of r.inverse) inc.noteEdit(change, x);
  const t0 = performance.now();
  tables = inc.rederive(tables, budget, ctx, change).tables;
  const dt = (performance.now() - t0) * 1000;
  if (record) (times.get(type) ?? times.set(type, []).get(type)!).push(dt);
  return r.inverse;
};
for (let i = 0; i < edits; i++) {
  const e = randomInputEdit(rnd, flat(), (ref) => readInput(budget, ref), true, cells);
  if (!e || e.op !== 'set' || (only && e.ref.t !== only)) continue;
  for (let k = 0; k < reps; k++) {
    const inverse = run(e, e.ref.t, i >= 10);
    if (!inverse) break;
    if (k < reps - 1) for (const x of inverse) run(x, e.ref.t, i >= 10);
  }
}
const q = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))].toFixed(0);
console.log(`rederive ${sample ? 'sample' : 'large'} ${root ?? 'this tree'}: µs p10 / median (n)`);
for (const [k, xs] of times) console.log(`  ${k.padEnd(16)} ${q(xs, 0.1).padStart(6)} / ${q(xs, 0.5).padStart(6)}  (${xs.length})`);
