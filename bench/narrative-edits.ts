/**
 * The narrative rules' part of an edit, per edit type: the bench's random input edits on a Session
 * of the large synthetic department (or the sample with `sample`), timing only the narrative
 * analysis (NT-01 runs it; the other narrative rules read it). Prints median / p95 / mean in ms per
 * edit type (wall time; `cpu`: process CPU time).
 *
 *   node --expose-gc --import tsx bench/narrative-edits.ts [sample] [only] [cpu] [kind=function] [N]
 *
 * `only`: the Session runs only the narrative rules (for `node --cpu-prof`: the profile is then the
 * narrative's and the derive's). `kind=function`: only the edits of that input type are applied.
 */
import { builtinCatalog } from '../shared/catalog/index';
import { ALL_RULES, NARRATIVE_RULE_SET } from '../shared/rules/registry';
import type { Rule } from '../shared/rules/types';
import { Session } from '../shared/engine/session';
import { readInput } from '../shared/model/edit';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { syntheticBudget } from './synthetic';
import { mean, median, p95 } from './stats';

const args = process.argv.slice(2);
const sample = args.includes('sample');
const onlyNarrative = args.includes('only');
const edits = Number(args.find((a) => /^\d+$/.test(a)) ?? 400);
const kind = args.find((a) => a.startsWith('kind='))?.slice(5);

// Wall time by default: process.cpuUsage counts every thread (GC helpers, the loader's worker);
// `cpu` uses it anyway when the machine is too busy for wall time.
const cpuMs = args.includes('cpu')
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
let spent = 0;
const rules: Rule[] = ALL_RULES.filter((r) => !onlyNarrative || NARRATIVE_RULE_SET.has(r)).map((r) =>
  r.id === 'NT-01' && 'check' in r && r.check
    ? {
        ...r,
        check: (ctx) => {
          const t = cpuMs();
          try {
            return r.check!(ctx);
          } finally {
            spent += cpuMs() - t;
          }
        },
      }
    : r,
);
const session = new Session(sample ? yubeiBigData2024() : syntheticBudget(builtinCatalog()), { schedule: null, rules });
const rnd = prng(2);
let cells = inputCells(session.tables);
const byKind = new Map<string, number[]>();
let n = 0;
for (let i = 0; n < edits && i < edits * (kind ? 30 : 3); i++) {
  if (i % 50 === 0) cells = inputCells(session.tables);
  const edit = randomInputEdit(rnd, session.tables, (ref) => readInput(session.budget, ref), true, cells);
  if (!edit) break;
  if (kind && (edit.op !== 'set' || edit.ref.t !== kind)) continue;
  spent = 0;
  if (!session.apply(edit).ok) continue;
  n++;
  const k = edit.op === 'set' ? edit.ref.t : edit.op;
  let list = byKind.get(k);
  if (!list) byKind.set(k, (list = []));
  list.push(spent);
}
console.log(`${n} edits; narrative ms per edit: median / p95 / mean`);
const all: number[] = [];
const row = (k: string, xs: number[], withMean: boolean) =>
  `  ${k.padEnd(16)} ${String(xs.length).padStart(4)} ${median(xs).toFixed(2).padStart(7)} ${p95(xs).toFixed(2).padStart(7)}${withMean ? ` ${mean(xs).toFixed(2).padStart(7)}` : ''}`;
for (const [k, list] of [...byKind].sort()) {
  all.push(...list);
  console.log(row(k, list, true));
}
console.log(row('all', all, false));
