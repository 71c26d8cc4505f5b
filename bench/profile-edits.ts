/**
 * Where an edit's time goes, for `node --cpu-prof`: the bench's random input edits on a Session of
 * the large synthetic department (or the sample with `sample`), nothing else, so the profile is the
 * engine's. Prints per-edit rule timings: which rules cost the most over all edits.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-edits.ts [sample] [defer] [full] [EDITS]
 *
 * `defer`: the narrative rules deferred and never settled (the engine's own part of an edit);
 * `full`: also time full recomputes (deriveTables + every rule) after the edits.
 */
import { builtinCatalog } from '../shared/catalog/index';
import { ALL_RULES, NARRATIVE_RULE_SET } from '../shared/rules/registry';
import { isTableRule } from '../shared/rules/define';
import type { Rule } from '../shared/rules/types';
import { Session } from '../shared/engine/session';
import { makeRuleContext, runRules } from '../shared/rules/engine';
import { deriveTables } from '../shared/tables/derive';
import { templatesFor } from '../shared/tables/registry';
import { readInput } from '../shared/model/edit';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { median, p95 } from './stats';
import { syntheticBudget } from './synthetic';

const args = process.argv.slice(2);
const sample = args.includes('sample');
const defer = args.includes('defer');
const full = args.includes('full');
/** only=function: apply only the edits of that input type (the others are drawn and skipped). */
const only = args.find((a) => a.startsWith('only='))?.slice(5);
const edits = Number(args.find((a) => /^\d+$/.test(a)) ?? 400);
/** Time spent in each rule (its check, or its checkTable per table), summed over the edits. */
const spent = new Map<string, number>();
const timed = <A extends unknown[], R>(id: string, f: (...a: A) => R) => (...a: A): R => {
  const t = performance.now();
  try {
    return f(...a);
  } finally {
    spent.set(id, (spent.get(id) ?? 0) + performance.now() - t);
  }
};
const narrative = new Set([...ALL_RULES].filter((r) => NARRATIVE_RULE_SET.has(r)).map((r) => r.id));
const rules: Rule[] = ALL_RULES.map((r) => (isTableRule(r) ? { ...r, checkTable: timed(r.id, r.checkTable) } : { ...r, check: timed(r.id, r.check) }));
const t0 = performance.now();
const session = new Session(sample ? yubeiBigData2024() : syntheticBudget(builtinCatalog()), { schedule: null, rules, ...(defer ? { defer: (r: Rule) => narrative.has(r.id) } : {}) });
spent.clear();
console.log(`载入并全量校验 ${(performance.now() - t0).toFixed(0)} ms`);
const rnd = prng(2);
let cells = inputCells(session.tables);
const times: number[] = [];
/** Per edit type: total ms, of it deriving, table rules, other rules, the narrative (NT-01 runs the analysis). */
const byKind = new Map<string, { n: number; total: number; cpu: number; derive: number; table: number; narrative: number }>();
/** Per edit type: ms per rule, summed. */
const ruleByKind = new Map<string, Map<string, number>>();
const tableIds = new Set(ALL_RULES.filter(isTableRule).map((r) => r.id));
const sum = (pred: (id: string) => boolean) => [...spent].reduce((a, [id, t]) => a + (pred(id) ? t : 0), 0);
for (let i = 0; times.length < edits && i < edits * (only ? 30 : 3); i++) {
  if (i % 50 === 0) cells = inputCells(session.tables);
  const edit = randomInputEdit(rnd, session.tables, (ref) => readInput(session.budget, ref), true, cells);
  if (!edit) break;
  if (only && (edit.op !== 'set' || edit.ref.t !== only)) continue;
  const before = { table: sum((id) => tableIds.has(id)), narrative: spent.get('NT-01') ?? 0 };
  const rulesBefore = new Map(spent);
  const t = performance.now();
  const c0 = process.cpuUsage();
  if (!session.apply(edit).ok) continue;
  const dt = performance.now() - t;
  const cpu = process.cpuUsage(c0);
  times.push(dt);
  const k = edit.op === 'set' ? edit.ref.t : edit.op;
  const e = byKind.get(k) ?? { n: 0, total: 0, cpu: 0, derive: 0, table: 0, narrative: 0 };
  e.n++;
  e.total += dt;
  e.cpu += (cpu.user + cpu.system) / 1000;
  e.derive += session.timing.derive;
  e.table += sum((id) => tableIds.has(id)) - before.table;
  e.narrative += (spent.get('NT-01') ?? 0) - before.narrative;
  byKind.set(k, e);
  const per = ruleByKind.get(k) ?? new Map<string, number>();
  for (const [id, t] of spent) per.set(id, (per.get(id) ?? 0) + t - (rulesBefore.get(id) ?? 0));
  ruleByKind.set(k, per);
}
console.log(`${times.length} 次录入：中位数 ${median(times).toFixed(2)} ms，p95 ${p95(times).toFixed(2)} ms`);
const total = times.reduce((a, b) => a + b, 0);
console.log(`录入总用时 ${total.toFixed(0)} ms，其中规则：`);
for (const [id, t] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${id.padEnd(8)} ${t.toFixed(0).padStart(6)} ms`);
console.log('按录入类型（平均 ms）：合计 / CPU 时间（机器繁忙时比合计可靠） / 生成表格 / 表格规则 / 情况说明 / 其他');
for (const [k, e] of byKind) {
  const avg = (v: number) => (v / e.n).toFixed(2).padStart(7);
  console.log(`  ${k.padEnd(18)} ${String(e.n).padStart(4)} 次 ${avg(e.total)} ${avg(e.cpu)} ${avg(e.derive)} ${avg(e.table)} ${avg(e.narrative)} ${avg(e.total - e.derive - e.table - e.narrative)}`);
}
console.log('按录入类型最耗时的规则（平均 ms）：');
for (const [k, per] of ruleByKind) {
  const n = byKind.get(k)!.n;
  const top = [...per].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 8));
  console.log(`  ${k.padEnd(18)} ${top.map(([id, t]) => `${id} ${(t / n).toFixed(2)}`).join('，')}`);
}
if (full) {
  const b = session.budget;
  const env = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
  const fulls: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    runRules(makeRuleContext(b, deriveTables(b, env), env), ALL_RULES);
    fulls.push(performance.now() - t);
  }
  console.log(`全量重算 20 次：中位数 ${median(fulls).toFixed(1)} ms`);
}
