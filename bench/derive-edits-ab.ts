/**
 * The re-derivation of tables after an edit (incremental.ts rederive alone, no rules), this tree
 * against a base checkout: the same random input edits applied to a budget of each, interleaved,
 * timed in CPU time; per edit type the median and p95 of both (µs). Checks both end with equal tables.
 *
 *   git worktree add --detach /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/derive-edits-ab.ts /tmp/base [sample] [EDITS] [solo=base|solo=this]
 *
 * One process shares one heap: the garbage of one engine is collected while the other runs. With
 * `solo=…` only that engine derives (run both, alternately, for a GC-fair comparison).
 */
import assert from 'node:assert';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinCatalog } from '../shared/catalog/index';
import * as thisInc from '../shared/engine/incremental';
import { applyEdit, readInput } from '../shared/model/edit';
import type { Budget } from '../shared/model/types';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { templatesFor } from '../shared/tables/registry';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { quantile } from './stats';
import { syntheticBudget } from './synthetic';

const args = process.argv.slice(2);
const baseRoot = path.resolve(args[0]);
const sample = args.includes('sample');
const edits = Number(args.find((a) => /^\d+$/.test(a)) ?? 300);
const baseInc = (await import(pathToFileURL(path.join(baseRoot, 'shared/engine/incremental.ts')).href)) as typeof thisInc;
const catalog = builtinCatalog();
const make = (): Budget => (sample ? yubeiBigData2024() : syntheticBudget(catalog));
const solo = args.find((a) => a.startsWith('solo='))?.slice(5);
const engines = [baseInc, thisInc].map((inc) => {
  const budget = make();
  const ctx = { catalog, templates: templatesFor(budget.meta.templateId) };
  return { inc, budget, ctx, tables: inc.deriveAll(budget, ctx), times: new Map<string, number[]>() };
});
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const rnd = prng(20261204);
const flat = () => engines[1].ctx.templates.tables.flatMap((t) => engines[1].tables.get(t.id) ?? []);
const cells = inputCells(flat());
for (let i = 0; i < edits; i++) {
  const e = randomInputEdit(rnd, flat(), (ref) => readInput(engines[1].budget, ref), true, cells);
  if (!e || e.op !== 'set') continue;
  for (const g of i % 2 ? engines : [...engines].reverse()) {
    if (solo && (g.inc === thisInc) !== (solo === 'this')) continue;
    const r = applyEdit(g.budget, e);
    if (!r.ok) continue;
    const change = g.inc.emptyChange();
    g.inc.noteEdit(change, e);
    for (const x of r.inverse) g.inc.noteEdit(change, x);
    const t0 = cpu();
    g.tables = g.inc.rederive(g.tables, g.budget, g.ctx, change).tables;
    const dt = cpu() - t0;
    if (i >= 20) (g.times.get(e.ref.t) ?? g.times.set(e.ref.t, []).get(e.ref.t)!).push(dt);
  }
}
const plain = (m: Map<string, unknown>) => JSON.parse(JSON.stringify([...m]));
if (!solo) assert.deepStrictEqual(plain(engines[1].tables), plain(engines[0].tables));
assert.deepStrictEqual(plain(engines[1].tables), plain(thisInc.deriveAll(engines[1].budget, engines[1].ctx)));
console.log(`rederive ${sample ? 'sample' : 'large'} CPU µs: edit type (n) base median/p95 -> this median/p95`);
for (const k of new Set([...engines[0].times.keys(), ...engines[1].times.keys()])) {
  const xs = engines[1].times.get(k) ?? [];
  const bs = engines[0].times.get(k) ?? [];
  const show = (v: number[]) => (v.length ? `${quantile(v, 0.5)}/${quantile(v, 0.95)}` : '-');
  console.log(`${k.padEnd(18)} (${String(Math.max(xs.length, bs.length)).padStart(3)})  ${show(bs)} -> ${show(xs)}`);
}
