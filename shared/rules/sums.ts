/**
 * SUM: arithmetic within one table (RULES §5.3). Exact to the 分 in 元 tables. They hold by
 * construction in derived tables and guard imported data and regressions.
 */
import { addTo, NONE, pushAll, sameItems } from '../arrays';
import type { TemplateSet } from '../tables/template-types';
import type { DerivedTable, Row } from '../tables/types';
import { cellFen, cellIn, rowCode, columnLabel, lineKeys, lineLabel, lineCell, moneyColumns, sumDiffers, rowOf } from '../tables/lookup';
import { lineAmount, rowAmount, sumAmounts, type Label } from './amounts';
import { defineRule, requireTables } from './define';
import { carried, classesIn, codedIndex, RowChecks, type CodedIndex } from './lineage';
import { IDENTITIES, identityRule, rowSumsOf } from './identities';
import { sumDrafts, type Draft } from './findings';
import { COL, ECON_TREES, FUNCTION_TREES, LINES, reads, roleOf } from './roles';
import type { RuleContext } from './types';

const LEVEL_NAMES: Record<number, string> = { 5: '款', 7: '项' };

function levelsOf(ctx: RuleContext, t: DerivedTable): number[] {
  const role = roleOf(ctx.templates, t.id);
  return role && FUNCTION_TREES.includes(role) ? [3, 5, 7] : [3, 5];
}

/** A tree table's parents and children, by body position (the same while its coded index is: lineage.ts). */
interface SumTree {
  index: CodedIndex;
  /** Parent code → its row's position (the last row with that code), in first-seen order. */
  parentAt: Map<string, number>;
  kidsAt: Map<string, number[]>;
  /** Parent code → its findings (parents without any left out). */
  drafts: Map<string, Draft[]>;
}

function parentDrafts(t: DerivedTable, levels: readonly number[], tree: SumTree, code: string, cols: readonly string[]): Draft[] {
  const kids = tree.kidsAt.get(code);
  if (!kids) return []; // no detail below: GRN-01/02
  const parent = t.body[tree.parentAt.get(code)!];
  const kidRows = kids.map((i) => t.body[i]);
  const level = LEVEL_NAMES[levels[levels.indexOf(code.length) + 1]];
  const drafts: Draft[] = [];
  for (const col of cols) {
    if (!sumDiffers(parent, kidRows, col)) continue;
    pushAll(drafts, sumDrafts(rowAmount(t, parent, col), kidRows.map((k) => rowAmount(t, k, col)), `其下各${level}之和`));
  }
  return drafts;
}

/**
 * SUM-01's findings of a tree table, parent by parent. A table replacing another in place with the
 * same codes (the same coded index) re-checks only the parents whose row or one of whose children
 * it replaced (lineage.ts).
 */
const sumTrees = (levels: readonly number[]) =>
  carried<SumTree>((t, prior) => {
    const index = codedIndex(t);
    const cols = moneyColumns(t);
    if (prior && prior.value.index === index) {
      const tree: SumTree = { ...prior.value, drafts: prior.value.drafts };
      const dirty = new Set<string>();
      for (const row of [...prior.diff.added, ...prior.diff.removed]) {
        const code = row.role === 'header' ? null : rowCode(row);
        if (!code) continue;
        if (tree.parentAt.has(code)) dirty.add(code);
        const level = levels.indexOf(code.length);
        if (level > 0) dirty.add(code.slice(0, levels[level - 1]));
      }
      for (const code of dirty) {
        if (!tree.parentAt.has(code)) continue;
        const d = parentDrafts(t, levels, tree, code, cols);
        if (d.length === 0 && !tree.drafts.has(code)) continue;
        if (tree.drafts === prior.value.drafts) tree.drafts = new Map(tree.drafts);
        if (d.length) tree.drafts.set(code, d);
        else tree.drafts.delete(code);
      }
      return tree;
    }
    const parentAt = new Map<string, number>();
    const kidsAt = new Map<string, number[]>();
    index.codes.forEach((code, k) => {
      const level = levels.indexOf(code.length);
      if (level < 0) return;
      const i = index.at[k];
      if (level < levels.length - 1) parentAt.set(code, i);
      if (level > 0) addTo(kidsAt, code.slice(0, levels[level - 1]), i);
    });
    const tree: SumTree = { index, parentAt, kidsAt, drafts: new Map() };
    for (const code of parentAt.keys()) {
      const d = parentDrafts(t, levels, tree, code, cols);
      if (d.length) tree.drafts.set(code, d);
    }
    return tree;
  });

const FUNCTION_SUMS = sumTrees([3, 5, 7]);
const ECON_SUMS = sumTrees([3, 5]);

/** SUM-01: 类 = Σ 款, 款 = Σ 项, in every money column (both years where a table has two). */
export const SUM_01 = defineRule({
  id: 'SUM-01',
  severity: 'error',
  title: '类、款金额等于其下级科目之和',
  each: [...FUNCTION_TREES, ...ECON_TREES],
  checkTable(t, ctx, emit) {
    const tree = (levelsOf(ctx, t).length === 3 ? FUNCTION_SUMS : ECON_SUMS)(t);
    if (tree.drafts.size === 0) return;
    // In the order of the parents (a Map keeps first-set order; a changed parent keeps its place).
    for (const code of tree.parentAt.keys()) {
      const d = tree.drafts.get(code);
      if (d) emit.add(d);
    }
  },
});

/** SUM-02: 合计 = Σ 类 rows, in every money column. */
export const SUM_02 = defineRule({
  id: 'SUM-02',
  severity: 'error',
  title: '合计等于各类之和',
  each: [...FUNCTION_TREES, ...ECON_TREES],
  checkTable(t, _ctx, emit) {
    const total = rowOf(t, 'total');
    if (!total) return; // an empty tree prints no 合计 row
    const classes = classesIn(codedIndex(t)).at.map((i) => t.body[i]);
    for (const col of moneyColumns(t)) {
      if (!sumDiffers(total, classes, col)) continue;
      emit.sum(rowAmount(t, total, col), classes.map((c) => rowAmount(t, c, col)), '各类之和');
    }
  },
});

/**
 * True when every cell is there and readable and `total` = Σ `parts` exactly (sumDrafts then has
 * nothing to say): the common case, decided without building amounts or labels.
 */
function rowSumHolds(row: Row, total: string, parts: readonly string[]): boolean {
  const t = cellIn(row, total);
  const want = t ? cellFen(t) : null;
  if (want === null) return false;
  let sum = 0;
  for (const p of parts) {
    const c = cellIn(row, p);
    const f = c ? cellFen(c) : null;
    if (f === null) return false;
    sum += f;
    if (!Number.isSafeInteger(sum)) return false; // sumDrafts reports it (as sumFen does)
  }
  return sum === want;
}

/** Row identities: a column that is the sum of others, in every body row (SUM-03, SUM-05, SUM-08, SUM-09). */
function identityRows(spec: (t: DerivedTable) => { total: string; parts: readonly string[] } | undefined) {
  const rows = new RowChecks((t, row): readonly Draft[] => {
    const s = spec(t);
    if (!s || row.role === 'header' || !cellIn(row, s.total) || rowSumHolds(row, s.total, s.parts)) return NONE;
    return sumDrafts(rowAmount(t, row, s.total), s.parts.map((p) => rowAmount(t, row, p, () => columnLabel(t, p) || p)));
  });
  return (t: DerivedTable): readonly Draft[] => rows.of(t);
}

const SUM_03_IDENTITIES = rowSumsOf('SUM-03');
const SUM_03_ROLES = [...SUM_03_IDENTITIES.keys()];
const sum03Cache = new WeakMap<TemplateSet, (t: DerivedTable) => readonly Draft[]>();

/** SUM-03: 总计/小计 = 基本支出 + 项目支出 in the function tables; in the department-scheme basic table 总计 = 人员经费 + 日常公用经费. */
export const SUM_03 = defineRule({
  id: 'SUM-03',
  severity: 'error',
  title: '每行合计等于基本支出与项目支出之和（部门经济分类基本支出表：人员经费与公用经费之和）',
  each: SUM_03_ROLES,
  reads: SUM_03_ROLES.flatMap((r) => [SUM_03_IDENTITIES.get(r)!.total, ...SUM_03_IDENTITIES.get(r)!.parts].map((c) => reads.column(r, c))),
  checkTable(t, ctx, emit) {
    const set = ctx.templates!;
    let rows = sum03Cache.get(set);
    if (!rows) sum03Cache.set(set, (rows = identityRows((x) => SUM_03_IDENTITIES.get(roleOf(set, x.id)!))));
    emit.add(rows(t));
  },
});

/** The label printed next to a summary line's amount ('一般公共预算财政拨款资金'). */
function labelOf(t: DerivedTable, lineKey: string, col: string): string {
  return lineLabel(t, lineKey, col === COL.inAmount ? 'in' : 'out') ?? lineKey;
}

/** SUM-04: the summary table balances (rows of identities.ts). */
export const SUM_04 = identityRule(IDENTITIES['SUM-04']);

/** SUM-05: the income table: each row's 合计 = Σ its source columns (the hierarchy is SUM-01). */
const SUM_05_ROWS = rowSumsOf('SUM-05').get('income')!;
const sum05Rows = identityRows(() => SUM_05_ROWS);
export const SUM_05 = defineRule({
  id: 'SUM-05',
  severity: 'error',
  title: '收入总表每行合计等于各收入来源之和',
  each: ['income'],
  reads: [SUM_05_ROWS.total, ...SUM_05_ROWS.parts].map((c) => reads.column('income', c)),
  checkTable: (t, _ctx, emit) => emit.add(sum05Rows(t)),
});

const FUND_COLUMNS = [COL.outGpb, COL.outFund, COL.outSoe];
/** The appropriation table's lines and column of each fund. */
const FUNDS = [
  { income: 'income:gpb', carry: 'carry:carryGpb', col: COL.outGpb },
  { income: 'income:fund', carry: 'carry:carryFund', col: COL.outFund },
  { income: 'income:soe', carry: 'carry:carrySoe', col: COL.outSoe },
];

/** lineKeys of a table, kept per table, column and prefix (SUM-06 asks for the same ones twice). */
const lineKeyCache = new WeakMap<DerivedTable, Map<string, string[]>>();
function keysOf(t: DerivedTable, col: string, prefix: string): string[] {
  let m = lineKeyCache.get(t);
  if (!m) lineKeyCache.set(t, (m = new Map()));
  const k = `${col}\u0000${prefix}`;
  let keys = m.get(k);
  if (!keys) m.set(k, (keys = lineKeys(t, col, prefix)));
  return keys;
}

/** SUM-06: the appropriation table balances, by column and by fund. */
export const SUM_06 = defineRule({
  id: 'SUM-06',
  severity: 'error',
  title: '财政拨款收支总表收支平衡，各合计等于其组成之和',
  reads: [
    ...[LINES.incomeCurrent, LINES.carryover, LINES.incomeTotal, ...FUNDS.flatMap((f) => [f.income, f.carry])].map((l) => reads.line('appropriation', l, COL.inAmount)),
    ...[COL.outTotal, ...FUND_COLUMNS].flatMap((c) => [
      reads.line('appropriation', LINES.spendCurrent, c),
      reads.line('appropriation', LINES.spendTotal, c),
      reads.line('appropriation', LINES.carryForward, c),
    ]),
  ],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'appropriation');
    if (!got) return;
    const [t] = got;
    const IN = COL.inAmount;
    const line = (key: string, col: string, label: Label) => lineAmount(t, key, col, label);
    // Each sum is first decided on the bare amounts (sumHolds, sameSums): the amounts and labels are built only for a finding.
    const incomeCurrent = () => line(LINES.incomeCurrent, IN, `${t.no}本年收入`);
    const carryover = () => line(LINES.carryover, IN, `${t.no}上年结转`);
    const incomeTotal = () => line(LINES.incomeTotal, IN, `${t.no}收入合计`);
    const keys = (col: string, prefix = '') => keysOf(t, col, prefix);
    if (!sumHolds(t, LINES.incomeCurrent, IN, keys(IN, 'income:'), IN))
      emit.sum(incomeCurrent(), keys(IN, 'income:').map((k) => line(k, IN, () => `${t.no}本年收入${labelOf(t, k, IN)}`)), '各项财政拨款收入之和');
    if (!sumHolds(t, LINES.carryover, IN, keys(IN, 'carry:'), IN))
      emit.sum(carryover(), keys(IN, 'carry:').map((k) => line(k, IN, () => `${t.no}上年结转${labelOf(t, k, IN)}`)), '各项上年结转之和');
    if (!sumHolds(t, LINES.incomeTotal, IN, INCOME_PARTS, IN)) emit.sum(incomeTotal(), [incomeCurrent(), carryover()]);
    const colName = (c: string) => columnLabel(t, c) || c;
    // Each expenditure line: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.
    for (const key of keys(COL.outTotal)) {
      if (sumHolds(t, key, COL.outTotal, key, FUND_COLUMNS)) continue;
      emit.sum(line(key, COL.outTotal, () => `${t.no}${labelOf(t, key, COL.outTotal)}（合计）`), FUND_COLUMNS.map((c) => line(key, c, colName(c))));
    }
    for (const c of ALL_OUT_COLUMNS) {
      const classes = keys(c, 'class:');
      if (!sumHolds(t, LINES.spendCurrent, c, classes, c))
        emit.sum(line(LINES.spendCurrent, c, `${t.no}本年支出（${colName(c)}）`), classes.map((k) => line(k, c, () => labelOf(t, k, COL.outTotal))), '各类支出之和');
      if (!sumHolds(t, LINES.spendTotal, c, SPEND_PARTS, c))
        emit.sum(line(LINES.spendTotal, c, `${t.no}支出合计（${colName(c)}）`), [line(LINES.spendCurrent, c, '本年支出'), line(LINES.carryForward, c, '结转下年')]);
    }
    if (!sumHolds(t, LINES.incomeTotal, IN, LINES.spendTotal, COL.outTotal)) emit.equal(incomeTotal(), line(LINES.spendTotal, COL.outTotal, `${t.no}支出合计`), '（收支不平衡）');
    // Per fund: 本年收入 + 上年结转 = 本年支出 + 结转下年.
    for (const f of FUNDS) {
      if (sameSums(t, f.income, f.carry, IN, LINES.spendCurrent, LINES.carryForward, f.col)) continue;
      const n = colName(f.col);
      const inc = line(f.income, IN, () => `${t.no}${n}本年收入`);
      const car = line(f.carry, IN, `上年结转`);
      const sp = line(LINES.spendCurrent, f.col, `本年支出`);
      const cf = line(LINES.carryForward, f.col, `结转下年`);
      emit.equal(sumAmounts([inc, car], () => `${t.no}${n}本年收入与上年结转之和`), sumAmounts([sp, cf], () => `${n}本年支出与结转下年之和`));
    }
  },
});

const INCOME_PARTS: readonly string[] = [LINES.incomeCurrent, LINES.carryover];
const SPEND_PARTS: readonly string[] = [LINES.spendCurrent, LINES.carryForward];
const ALL_OUT_COLUMNS: readonly string[] = [COL.outTotal, ...FUND_COLUMNS];

/**
 * True when a summary line's amount (`key` in `col`) and the parts' are readable and the parts add
 * up to it exactly (sumDrafts would say nothing): decided without building amounts or labels. The
 * parts are given as keys and columns, either one for all (a string) or one per part (a list): no
 * list of pairs is made per sum (SUM-06 decides some 150 sums on every function edit).
 */
function sumHolds(t: DerivedTable, key: string, col: string, partKeys: string | readonly string[], partCols: string | readonly string[]): boolean {
  const want = cellFen(lineCell(t, key, col));
  if (want === null) return false;
  const n = typeof partKeys === 'string' ? (typeof partCols === 'string' ? 1 : partCols.length) : partKeys.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = cellFen(lineCell(t, typeof partKeys === 'string' ? partKeys : partKeys[i], typeof partCols === 'string' ? partCols : partCols[i]));
    if (f === null) return false;
    sum += f;
    if (!Number.isSafeInteger(sum)) return false; // sumDrafts reports it (as sumFen does)
  }
  return sum === want;
}

/**
 * Whether a + b = c + d over four summary lines (a, b in `abCol`; c, d in `cdCol`), decided as
 * equalDrafts would on sumAmounts of the pairs: false (let the Amounts say) when one is no amount
 * or a sum leaves exact integers.
 */
function sameSums(t: DerivedTable, a: string, b: string, abCol: string, c: string, d: string, cdCol: string): boolean {
  const fa = cellFen(lineCell(t, a, abCol));
  const fb = cellFen(lineCell(t, b, abCol));
  const fc = cellFen(lineCell(t, c, cdCol));
  const fd = cellFen(lineCell(t, d, cdCol));
  if (fa === null || fb === null || fc === null || fd === null) return false;
  const left = fa + fb;
  const right = fc + fd;
  return Number.isSafeInteger(left) && Number.isSafeInteger(right) && left === right;
}

/** SUM-07: the 三公 table, each year: 合计 = 出国 + 公务用车小计 + 接待; 小计 = 购置 + 运行 (rows of identities.ts). */
export const SUM_07 = identityRule(IDENTITIES['SUM-07']);

const SUM_08_ROWS = rowSumsOf('SUM-08').get('procurement')!;
const SUM_09_ROWS = rowSumsOf('SUM-09').get('projects')!;
const sum08Rows = identityRows(() => SUM_08_ROWS);
const sum09Rows = identityRows(() => SUM_09_ROWS);

/** SUM-08: the procurement list: each line's 合计 = 货物 + 工程 + 服务; the 合计 row = Σ lines. */
export const SUM_08 = defineRule({
  id: 'SUM-08',
  severity: 'error',
  title: '政府采购预算明细表每行合计等于货物、工程、服务之和，合计行等于各行之和',
  each: ['procurement'],
  reads: [SUM_08_ROWS.total, ...SUM_08_ROWS.parts].map((c) => reads.column('procurement', c)),
  checkTable: (t, _ctx, emit) => emit.add([...sum08Rows(t), ...columnTotals(t)]),
});

/** SUM-09: the project list: each project's 合计 = Σ its fund columns; the 合计 row = Σ projects. */
export const SUM_09 = defineRule({
  id: 'SUM-09',
  severity: 'error',
  title: '项目支出明细表每个项目的合计等于各资金来源之和，合计行等于各项目之和',
  each: ['projects'],
  reads: [SUM_09_ROWS.total, ...SUM_09_ROWS.parts].map((c) => reads.column('projects', c)),
  checkTable: (t, _ctx, emit) => emit.add([...sum09Rows(t), ...columnTotals(t)]),
});

/**
 * Per money column of a list table: Σ its item rows' amounts and how many item cells are no amount
 * (none: a cell that is not an amount, as sumDiffers skips a column). A re-derived table patches
 * its predecessor's sums with the rows it added and dropped (lineage.ts) instead of a pass over
 * every item row; a sum that leaves the safe integers is marked unknown (NaN) and summed afresh.
 */
interface ItemSums {
  cols: string[];
  fen: number[];
  unread: number[];
}

const itemSums = carried<ItemSums>((t, prior) => {
  const cols = moneyColumns(t);
  const same = prior && sameItems(prior.value.cols, cols);
  const fen = same ? prior.value.fen.slice() : cols.map(() => 0);
  const unread = same ? prior.value.unread.slice() : cols.map(() => 0);
  const count = (row: Row, sign: 1 | -1) => {
    if (row.role !== 'item') return;
    cols.forEach((col, i) => {
      const f = cellFen(cellIn(row, col));
      if (f === null) unread[i] += sign;
      else if (Number.isSafeInteger((fen[i] += sign * f)) === false) fen[i] = NaN;
    });
  };
  if (same) {
    for (const row of prior.diff.removed) count(row, -1);
    for (const row of prior.diff.added) count(row, 1);
  } else for (const row of t.body) count(row, 1);
  return { cols, fen, unread };
});

/** The 合计 row of a list table = Σ its item rows, per money column. */
function columnTotals(t: DerivedTable): Draft[] {
  const total = rowOf(t, 'total');
  if (!total) return [];
  const sums = itemSums(t);
  let items: Row[] | undefined;
  const out: Draft[] = [];
  sums.cols.forEach((col, i) => {
    // The carried sum decides the common case (it agrees, or a cell is no amount); the rest is summed afresh.
    if (sums.unread[i] > 0 || sums.fen[i] === cellFen(cellIn(total, col)) || cellFen(cellIn(total, col)) === null) return;
    items ??= t.body.filter((r) => r.role === 'item');
    if (!sumDiffers(total, items, col)) return;
    pushAll(out, sumDrafts(rowAmount(t, total, col), items.map((r) => rowAmount(t, r, col)), '各行之和'));
  });
  return out;
}

export const SUM_RULES = [SUM_01, SUM_02, SUM_03, SUM_04, SUM_05, SUM_06, SUM_07, SUM_08, SUM_09];
