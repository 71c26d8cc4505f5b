/**
 * Bench section: rules as you type (Issue 3). For the sample and for a large synthetic department,
 * the time of one edit — apply one random input edit, re-derive the tables, re-run the rules — over
 * hundreds of edits: median and p95 against the targets (2 ms sample, 20 ms large). The narrative
 * rules run off the typing path (Session.settle); their catch-up time is reported beside it, and so
 * is a full recompute for comparison.
 */
import { builtinCatalog } from '../../shared/catalog/index';
import { Session } from '../../shared/engine/session';
import { readInput, type Edit } from '../../shared/model/edit';
import type { Budget } from '../../shared/model/types';
import { ALL_RULES, makeRuleContext, runRules } from '../../shared/rules/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { inputCells, prng, randomInputEdit } from '../random-edits';
import { LARGE, syntheticBudget } from '../synthetic';

const EDITS = 500;
const WARMUP = 300;

const quantile = (sorted: readonly number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
const median = (xs: readonly number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const p95 = (xs: readonly number[]) => quantile([...xs].sort((a, b) => a - b), 0.95);
const ms = (v: number) => (Number.isNaN(v) ? '—' : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`);

function sizes(b: Budget, s: Session): string {
  const econ = (scheme: string, kind: string) => b.econLines.filter((l) => l.scheme === scheme && l.kind === kind).length;
  const items = new Set(b.functionLines.map((l) => l.code)).size;
  const cells = s.tables.reduce((n, t) => n + t.body.reduce((m, r) => m + r.cells.length, 0), 0);
  const indicators = b.projects.reduce((n, p) => n + p.indicators.length, 0);
  return (
    `功能分类项 ${items} 个（${b.functionLines.length} 条录入）；经济分类款 部门/基本 ${econ('department', 'basic')}、政府/基本 ${econ('government', 'basic')}、` +
    `部门/项目 ${econ('department', 'project')}、政府/项目 ${econ('government', 'project')} 行；项目 ${b.projects.length} 个、绩效指标 ${indicators} 条；` +
    `表格 ${s.tables.length} 张（含表十六/十七项目块），表体单元格 ${cells} 个；规则 ${ALL_RULES.length} 条`
  );
}

interface Run {
  typing: number[];
  /** typing + the narrative catch-up right after it. */
  both: number[];
  settle: number[];
  byKind: Map<string, number[]>;
  full: number[];
  findings: string;
}

function measure(make: () => Budget, seed: number): { run: Run; sizes: string } {
  const session = new Session(make(), { schedule: null });
  const rnd = prng(seed);
  let cells = inputCells(session.tables);
  const run: Run = { typing: [], both: [], settle: [], byKind: new Map(), full: [], findings: '' };
  let done = 0;
  for (let i = 0; done < WARMUP + EDITS && i < (WARMUP + EDITS) * 3; i++) {
    if (i % 50 === 0) cells = inputCells(session.tables);
    const edit = randomInputEdit(rnd, session.tables, (ref) => readInput(session.budget, ref), true, cells) as Extract<Edit, { op: 'set' }> | null;
    if (!edit) break;
    const t0 = performance.now();
    const r = session.apply(edit);
    const t1 = performance.now();
    const wasPending = session.pending;
    session.settle(false);
    const t2 = performance.now();
    if (!r.ok) continue;
    done++;
    if (done <= WARMUP) continue;
    run.typing.push(t1 - t0);
    run.both.push(t2 - t0);
    if (wasPending) run.settle.push(t2 - t1);
    const kind = edit.ref.t;
    run.byKind.set(kind, [...(run.byKind.get(kind) ?? []), t1 - t0]);
  }
  // A full recompute, for comparison: deriveTables + every rule on the same budget.
  const b = session.budget;
  const env = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    const tables = deriveTables(b, env);
    runRules(makeRuleContext(b, tables, env), ALL_RULES);
    if (i >= 2) run.full.push(performance.now() - t0);
  }
  const c = session.counts;
  run.findings = `错误 ${c.error}、警告 ${c.warning}、提示 ${c.info}、无法核验 ${c.unverifiable}`;
  return { run, sizes: sizes(b, session) };
}

const KIND_NAMES: Record<string, string> = {
  function: '功能科目金额',
  econ: '经济科目金额',
  threePublic: '三公经费',
  project: '项目文字',
  projectMoney: '区级/镇街',
  projectAmount: '项目金额',
  indicator: '绩效指标',
  text: '整体目标',
  procurement: '采购文字',
  procurementMoney: '采购金额',
};

function report(title: string, target: number, m: { run: Run; sizes: string }): string[] {
  const { run } = m;
  const med = median(run.typing);
  const pass = med < target;
  const kinds = [...run.byKind.entries()].map(([k, xs]) => `${KIND_NAMES[k] ?? k} ${xs.length} 次 中位 ${ms(median(xs))}/p95 ${ms(p95(xs))}`);
  return [
    `${title}`,
    `  规模：${m.sizes}`,
    `  每次录入（应用编辑 + 重新生成表格 + 重新校验表格规则）${run.typing.length} 次：中位数 ${ms(med)}，p95 ${ms(p95(run.typing))}，最大 ${ms(Math.max(...run.typing))}` +
      `；目标中位数 < ${target} ms：${pass ? 'PASS' : 'FAIL'}`,
    `  按录入类型：${kinds.join('；')}`,
    `  情况说明规则（${run.settle.length} 次编辑后在录入路径之外补算）：中位数 ${ms(median(run.settle))}，p95 ${ms(p95(run.settle))}`,
    `  录入并立即补算情况说明：中位数 ${ms(median(run.both))}，p95 ${ms(p95(run.both))}（仅供参考）`,
    `  全量重算（deriveTables + 全部 ${ALL_RULES.length} 条规则）：中位数 ${ms(median(run.full))}`,
    `  校验结果（最后状态）：${run.findings}`,
  ];
}

export const section = {
  name: '录入即校验：规则引擎（Issue 3）',
  async run(): Promise<string[]> {
    const catalog = builtinCatalog();
    return [
      ...report('样例：重庆市渝北区大数据应用发展管理局 2024', 2, measure(yubeiBigData2024, 1)),
      ...report(
        `大型合成部门（${LARGE.functionItems} 个功能分类项，每套经济分类约 ${LARGE.econRows} 行，${LARGE.projects} 个项目 × ${LARGE.indicatorsPerProject} 个指标）`,
        20,
        measure(() => syntheticBudget(catalog, LARGE), 2),
      ),
    ];
  },
};

export default section;
