/**
 * Before/after on a busy machine: the same random input edits applied, interleaved, to a Session of
 * a base checkout and to one of this tree, timed in CPU time (process.cpuUsage: a process waiting
 * for a core is not charged). Prints per edit type the median and p95 of both, and checks that
 * both ended with the same tables and findings. Also full recomputes (deriveTables + every rule).
 *
 *   git worktree add --detach /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/ab-engine.ts /tmp/base [sample] [narrative] [EDITS]
 *
 * `narrative`: the narrative rules run within each edit (default: deferred, the engine's own part).
 * Mind the harness's own bias: an A/A run (base = a second checkout of this very commit) on two
 * busy cores gave this tree up to +20 % on the sample's full recompute and +5 % per edit.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinCatalog } from '../shared/catalog/index';
import { readInput, type Edit } from '../shared/model/edit';
import type { Budget } from '../shared/model/types';
import { yubeiBigData2024 } from '../shared/sample/yubei-2024';
import type { Rule } from '../shared/rules/types';
import type { DerivedTable } from '../shared/tables/types';
import { inputCells, prng, randomInputEdit } from './random-edits';
import { quantile } from './stats';
import { syntheticBudget } from './synthetic';

interface Engine {
  Session: new (b: Budget, o: object) => {
    apply(e: Edit): { ok: boolean };
    budget: Budget;
    tables: readonly DerivedTable[];
    findings: readonly unknown[];
  };
  NARRATIVE_RULE_SET: ReadonlySet<Rule>;
  ALL_RULES: readonly Rule[];
  deriveTables(b: Budget, env: object): DerivedTable[];
  makeRuleContext(b: Budget, t: readonly DerivedTable[], env: object): object;
  runRules(ctx: object, rules: readonly Rule[]): unknown[];
  templatesFor(id: string): object;
}

async function load(root: string): Promise<Engine> {
  const mod = (p: string) => import(pathToFileURL(path.join(root, p)).href);
  const [session, registry, derive, engine, tables] = await Promise.all([
    mod('shared/engine/session.ts'),
    mod('shared/rules/registry.ts'),
    mod('shared/tables/derive.ts'),
    mod('shared/rules/engine.ts'),
    mod('shared/tables/registry.ts'),
  ]);
  return { ...session, ...registry, ...derive, ...engine, ...tables } as Engine;
}

const args = process.argv.slice(2);
const baseDir = args.find((a) => a.includes('/'));
if (!baseDir) throw new Error('用法：node --import tsx bench/ab-engine.ts <基准检出目录> [sample] [narrative] [次数]');
const sample = args.includes('sample');
const narrative = args.includes('narrative');
const EDITS = Number(args.find((a) => /^\d+$/.test(a)) ?? 300);
const WARMUP = 50;

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const f = (v: number) => v.toFixed(2);

const [base, now] = await Promise.all([load(path.resolve(baseDir)), load(path.resolve(import.meta.dirname, '..'))]);
const make = () => (sample ? yubeiBigData2024() : syntheticBudget(builtinCatalog()));
const open = (e: Engine) => new e.Session(make(), { schedule: null, ...(narrative ? {} : { defer: (r: Rule) => e.NARRATIVE_RULE_SET.has(r) }) });
const sessions = [open(base), open(now)];
const rnd = prng(5);
let cells = inputCells(sessions[1].tables);
const byKind = new Map<string, [number[], number[]]>();
let done = 0;
for (let i = 0; done < WARMUP + EDITS && i < (WARMUP + EDITS) * 3; i++) {
  if (i % 50 === 0) cells = inputCells(sessions[1].tables);
  const edit = randomInputEdit(rnd, sessions[1].tables, (ref) => readInput(sessions[1].budget, ref), true, cells);
  if (!edit || edit.op !== 'set') continue;
  const spent = [0, 0];
  let ok = true;
  for (const k of i % 2 ? [0, 1] : [1, 0]) {
    const c0 = cpu();
    ok = sessions[k].apply(edit).ok && ok;
    spent[k] = cpu() - c0;
  }
  if (!ok) continue;
  if (++done <= WARMUP) continue;
  const list = byKind.get(edit.ref.t) ?? [[], []];
  list[0].push(spent[0]);
  list[1].push(spent[1]);
  byKind.set(edit.ref.t, list);
}
const all: [number[], number[]] = [[...byKind.values()].flatMap((v) => v[0]), [...byKind.values()].flatMap((v) => v[1])];
console.log(`${sample ? '样例' : '大型合成部门'}，${narrative ? '含情况说明规则' : '情况说明规则推迟'}；每次录入 CPU 毫秒，基准 → 本树（交替执行同一批编辑）`);
for (const [k, [a, b]] of [['全部', all] as const, ...byKind]) {
  console.log(`  ${String(k).padEnd(14)} ${String(a.length).padStart(4)} 次  中位数 ${f(quantile(a, 0.5))} → ${f(quantile(b, 0.5))}  p95 ${f(quantile(a, 0.95))} → ${f(quantile(b, 0.95))}`);
}
const same = JSON.stringify(sessions[0].tables) === JSON.stringify(sessions[1].tables) && JSON.stringify(sessions[0].findings) === JSON.stringify(sessions[1].findings);
console.log(`  最后状态：两边表格与校验结果${same ? '相同' : '不同（！）'}`);
// Full recomputes, interleaved.
const b = make();
const fulls: [number[], number[]] = [[], []];
for (let i = 0; i < 14; i++) {
  for (const k of i % 2 ? [0, 1] : [1, 0]) {
    const e = k ? now : base;
    const env = { catalog: builtinCatalog(), templates: e.templatesFor(b.meta.templateId) };
    const c0 = cpu();
    e.runRules(e.makeRuleContext(b, e.deriveTables(b, env), env), e.ALL_RULES);
    if (i >= 2) fulls[k].push(cpu() - c0);
  }
}
console.log(`  全量重算 CPU 中位数 ${f(quantile(fulls[0], 0.5))} → ${f(quantile(fulls[1], 0.5))} ms`);
