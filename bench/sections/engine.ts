/**
 * Bench section: rules as you type (Issue 3). For the sample and for a large synthetic department,
 * the time of one edit — apply one random input edit, re-derive the tables, re-run every rule, the
 * narrative rules included (the Session's default) — over hundreds of edits: median and p95, overall
 * and per edit type, against the targets (Issue 15: sample median < 0.5 ms and p95 < 2 ms; large
 * department median < 5 ms and p95 < 16 ms for every edit type; a full recompute of the large
 * department < 100 ms). For comparison, the same edits with the narrative rules
 * deferred (table rules alone on the edit, the narrative's catch-up after it), and a full recompute.
 * Memory: the JS heap after loading, deriving and checking (after a forced GC when the bench runs
 * with --expose-gc, as `npm run bench` does) and the size of the .budget file; no target.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { builtinCatalog } from '../../shared/catalog/index';
import { Session } from '../../shared/engine/session';
import { readInput, type Edit } from '../../shared/model/edit';
import type { Budget } from '../../shared/model/types';
import { ALL_RULES, makeRuleContext, runRules } from '../../shared/rules/index';
import { NARRATIVE_RULE_SET } from '../../shared/rules/registry';
import { budgetToBytes } from '../../shared/storage/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { inputCells, prng, randomInputEdit } from '../random-edits';
import { median, p95 } from '../stats';
import { LARGE, syntheticBudget } from '../synthetic';

const EDITS = 500;
const WARMUP = 300;

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
  /** Per edit, every rule run within it (the Session's default). */
  typing: number[];
  byKind: Map<string, number[]>;
  /** The same edits with the narrative rules deferred: the edit (table rules alone), then the catch-up. */
  tableOnly: number[];
  settle: number[];
  full: number[];
  memory: string;
  /** The heap's growth over the measured edits (after a forced GC): what the session's caches keep. */
  growth: string;
  findings: string;
  /** Per measured edit (of `typing`): its type, time and what interrupted it; the GC pauses meanwhile. */
  seen: { kind: string; ms: number; at: Interruptions }[];
  gcs: { start: number; end: number }[];
}

/** What the process went through during one edit, read around (not within) its timing. */
interface Interruptions {
  start: number;
  end: number;
  /** Minor page faults: fresh memory the heap touched (slow in a VM). */
  faults: number;
  /** The thread was descheduled (voluntary + involuntary context switches). */
  switches: number;
}

/** Types WARMUP + EDITS random input edits on the session; reports each edit after the warm-up. */
function typeEdits(
  session: Session,
  seed: number,
  onEdit: (edit: Extract<Edit, { op: 'set' }>, ms: number, settleMs: number | null, seen: Interruptions) => void,
  onWarm?: () => void,
): void {
  const rnd = prng(seed);
  let cells = inputCells(session.tables);
  let done = 0;
  for (let i = 0; done < WARMUP + EDITS && i < (WARMUP + EDITS) * 3; i++) {
    if (i % 50 === 0) cells = inputCells(session.tables);
    const edit = randomInputEdit(rnd, session.tables, (ref) => readInput(session.budget, ref), true, cells) as Extract<Edit, { op: 'set' }> | null;
    if (!edit) break;
    const u0 = process.resourceUsage();
    const t0 = performance.now();
    const r = session.apply(edit);
    const t1 = performance.now();
    const u1 = process.resourceUsage();
    const wasPending = session.pending;
    session.settle(false);
    const t2 = performance.now();
    if (!r.ok) continue;
    done++;
    if (done === WARMUP) onWarm?.();
    if (done <= WARMUP) continue;
    const switches = u1.voluntaryContextSwitches - u0.voluntaryContextSwitches + u1.involuntaryContextSwitches - u0.involuntaryContextSwitches;
    onEdit(edit, t1 - t0, wasPending ? t2 - t1 : null, { start: t0, end: t1, faults: u1.minorPageFault - u0.minorPageFault, switches });
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Heap after loading + deriving + checking (a fresh Session), and the .budget file's size. */
async function memory(make: () => Budget): Promise<string> {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const session = new Session(make(), { schedule: null });
  gc?.();
  const after = process.memoryUsage().heapUsed;
  const bytes = budgetToBytes(await loadSqlJsNode(), session.budget).byteLength;
  return (
    `JS 堆（载入 + 生成表格 + 全部规则校验后${gc ? '，强制 GC 后' : '，未强制 GC：请用 npm run bench'}）${mib(after)}，其中本部门 ${mib(after - before)}；` +
    `.budget 文件 ${bytes} 字节（${(bytes / 1024).toFixed(0)} KiB）`
  );
}

async function measure(make: () => Budget, seed: number): Promise<{ run: Run; sizes: string }> {
  const run: Run = { typing: [], byKind: new Map(), tableOnly: [], settle: [], full: [], memory: '', growth: '', findings: '', seen: [], gcs: [] };
  run.memory = await memory(make); // first, while no other session of this department is alive
  const deferred = new Session(make(), { schedule: null, defer: (r) => NARRATIVE_RULE_SET.has(r) });
  typeEdits(deferred, seed, (_edit, ms, settleMs) => {
    run.tableOnly.push(ms);
    if (settleMs !== null) run.settle.push(settleMs);
  });
  const session = new Session(make(), { schedule: null });
  const heap = () => (gc?.(), process.memoryUsage().heapUsed);
  let warm = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) run.gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  typeEdits(
    session,
    seed,
    (edit, ms, _settle, at) => {
      run.typing.push(ms);
      const kind = edit.ref.t;
      run.seen.push({ kind, ms, at });
      const list = run.byKind.get(kind);
      if (list) list.push(ms);
      else run.byKind.set(kind, [ms]);
    },
    () => (warm = heap()),
  );
  await new Promise((resolve) => setTimeout(resolve, 0)); // the observer's entries arrive on a later task
  observer.disconnect();
  run.growth = gc ? `录入 ${run.typing.length} 次后 JS 堆增长 ${mib(heap() - warm)}（撤销记录与缓存）` : '';
  // A full recompute, for comparison: deriveTables + every rule, each time on a fresh copy of the
  // budget (copied before the clock starts), so nothing kept per budget object from an earlier run
  // (the narrative's readings, memo.ts) is reused: what opening the file costs, not a re-check.
  const b = session.budget;
  const env = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
  for (let i = 0; i < 12; i++) {
    const copy = structuredClone(b);
    const t0 = performance.now();
    const tables = deriveTables(copy, env);
    runRules(makeRuleContext(copy, tables, env), ALL_RULES);
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

interface Targets {
  median: number;
  p95: number;
  /** The targets hold for every edit type too (the large department), not only overall. */
  perKind: boolean;
  /** A full recompute (deriveTables + every rule); none for the sample. */
  full?: number;
}

/**
 * The edits slower than the p95 target and what was in them: a GC pause of the heap, page faults
 * (fresh heap pages: the old generation growing), the thread descheduled; the rest is the edit's own
 * work. Read around each edit's timing, so the figures above are not changed by reading them.
 */
function slowEdits(run: Run, limit: number): string {
  const slow = run.seen.filter((e) => e.ms > limit);
  const withGc = (e: Run['seen'][number]) => run.gcs.some((g) => g.start < e.at.end && g.end > e.at.start);
  const FAULTS = 50;
  let gcHit = 0;
  let faulted = 0;
  let switched = 0;
  const plain = new Map<string, number>();
  for (const e of slow) {
    if (withGc(e)) gcHit++;
    else if (e.at.faults > FAULTS) faulted++;
    else if (e.at.switches > 0) switched++;
    else plain.set(e.kind, (plain.get(e.kind) ?? 0) + 1);
  }
  const own = [...plain].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${KIND_NAMES[k] ?? k} ${n}`);
  const pct = (n: number) => `${((100 * n) / Math.max(1, run.seen.length)).toFixed(1)}%`;
  return (
    `  慢于 ${limit} ms 的录入 ${slow.length} 次（${pct(slow.length)}）：其中遇到垃圾回收 ${gcHit} 次，缺页超过 ${FAULTS} 次的 ${faulted} 次，` +
    `线程被挂起的 ${switched} 次，其余 ${slow.length - gcHit - faulted - switched} 次是录入本身的计算${own.length ? `（${own.join('、')}）` : ''}`
  );
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function report(title: string, targets: Targets, m: { run: Run; sizes: string }): string[] {
  const { run } = m;
  const med = median(run.typing);
  const within = (xs: readonly number[]) => median(xs) < targets.median && p95(xs) < targets.p95;
  const kinds = [...run.byKind.entries()].map(
    ([k, xs]) => `${KIND_NAMES[k] ?? k} ${xs.length} 次 中位 ${ms(median(xs))}/p95 ${ms(p95(xs))}${targets.perKind ? (within(xs) ? '' : '（未达标）') : ''}`,
  );
  const kindsOk = [...run.byKind.values()].every(within);
  const fullMed = median(run.full);
  return [
    `${title}`,
    `  规模：${m.sizes}`,
    `  每次录入（应用编辑 + 重新生成表格 + 重新校验全部规则，含情况说明规则）${run.typing.length} 次：中位数 ${ms(med)}，p95 ${ms(p95(run.typing))}，最大 ${ms(Math.max(...run.typing))}` +
      `；目标中位数 < ${targets.median} ms 且 p95 < ${targets.p95} ms：${verdict(within(run.typing))}`,
    `  按录入类型${targets.perKind ? `（目标：每一类都达标：${verdict(kindsOk)}）` : ''}：${kinds.join('；')}`,
    slowEdits(run, targets.p95),
    `  对照（同样的编辑，情况说明规则推迟）：仅表格规则 中位数 ${ms(median(run.tableOnly))}，p95 ${ms(p95(run.tableOnly))}；` +
      `情况说明规则补算（${run.settle.length} 次）中位数 ${ms(median(run.settle))}，p95 ${ms(p95(run.settle))}`,
    `  全量重算（每次在预算的新副本上 deriveTables + 全部 ${ALL_RULES.length} 条规则）：中位数 ${ms(fullMed)}` +
      (targets.full === undefined ? '' : `；目标 < ${targets.full} ms：${verdict(fullMed < targets.full)}`),
    `  内存：${run.memory}${run.growth ? `；${run.growth}` : ''}`,
    `  校验结果（最后状态）：${run.findings}`,
  ];
}

export const section = {
  name: '录入即校验：规则引擎（Issue 3、15）',
  async run(): Promise<string[]> {
    const catalog = builtinCatalog();
    return [
      ...report('样例：重庆市渝北区大数据应用发展管理局 2024', { median: 0.5, p95: 2, perKind: false }, await measure(yubeiBigData2024, 1)),
      ...report(
        `大型合成部门（${LARGE.functionItems} 个功能分类项，每套经济分类约 ${LARGE.econRows} 行，${LARGE.projects} 个项目 × ${LARGE.indicatorsPerProject} 个指标）`,
        { median: 5, p95: 16, perKind: true, full: 100 },
        await measure(() => syntheticBudget(catalog, LARGE), 2),
      ),
    ];
  },
};

export default section;
