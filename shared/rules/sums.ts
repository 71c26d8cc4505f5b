/**
 * SUM: arithmetic within one table (RULES §5.3). Exact to the 分 in 元 tables. They hold by
 * construction in derived tables and guard imported data and regressions.
 */
import { pushAll } from '../arrays';
import type { DerivedTable, Row } from '../tables/types';
import {
  amountAt,
  cellIn,
  codedRows,
  columnLabel,
  expectEqual,
  expectSum,
  lineAmount,
  lineKeys,
  lineLabel,
  moneyColumns,
  rowAmount,
  rowMemo,
  rowOf,
  sumAmounts,
  sumDiffers,
  tableRule,
  templateOf,
  type Label,
} from './helpers';
import { COL, ECON_TREES, FUNCTION_TREES, T, T10, T1_LINES, T2_SOURCE_COLUMNS } from './roles';
import type { Finding, Rule } from './types';

const LEVEL_NAMES: Record<number, string> = { 5: '款', 7: '项' };

function levelsOf(t: DerivedTable): number[] {
  return FUNCTION_TREES.includes(templateOf(t.id)) ? [3, 5, 7] : [3, 5];
}

const sum01Memo = new WeakMap<Row, { kids: Row[]; findings: Finding[] }>();

/** SUM-01: 类 = Σ 款, 款 = Σ 项, in every money column (both years in 表五). */
export const SUM_01 = tableRule({
  id: 'SUM-01',
  severity: 'error',
  title: '类、款金额等于其下级科目之和',
  tables: [...FUNCTION_TREES, ...ECON_TREES],
  checkTable(t) {
    const levels = levelsOf(t);
    const rows = codedRows(t);
    const children = new Map<string, Row[]>();
    const parents = new Map<string, Row>();
    for (const { code, row } of rows) {
      const level = levels.indexOf(code.length);
      if (level < 0) continue;
      if (level < levels.length - 1) parents.set(code, row);
      if (level > 0) {
        const parent = code.slice(0, levels[level - 1]);
        const list = children.get(parent);
        if (list) list.push(row);
        else children.set(parent, [row]);
      }
    }
    const out: Finding[] = [];
    const cols = moneyColumns(t);
    for (const [code, parent] of parents) {
      const kids = children.get(code);
      if (!kids) continue; // no detail below: GRN-01/02
      // A parent whose row and children are the very same objects as last time has the same result.
      const memo = sum01Memo.get(parent);
      if (memo && memo.kids.length === kids.length && memo.kids.every((k, i) => k === kids[i])) {
        pushAll(out, memo.findings);
        continue;
      }
      const level = LEVEL_NAMES[levels[levels.indexOf(code.length) + 1]];
      const found: Finding[] = [];
      for (const col of cols) {
        if (!sumDiffers(parent, kids, col)) continue;
        pushAll(found, expectSum('SUM-01', 'error', rowAmount(t, parent, col), kids.map((k) => rowAmount(t, k, col)), `其下各${level}之和`));
      }
      sum01Memo.set(parent, { kids, findings: found });
      pushAll(out, found);
    }
    return out;
  },
});

/** SUM-02: 合计 = Σ 类 rows, in every money column. */
export const SUM_02 = tableRule({
  id: 'SUM-02',
  severity: 'error',
  title: '合计等于各类之和',
  tables: [...FUNCTION_TREES, ...ECON_TREES],
  checkTable(t) {
    const total = rowOf(t, 'total');
    if (!total) return [];
    const classes = codedRows(t)
      .filter((r) => r.code.length === 3)
      .map((r) => r.row);
    const out: Finding[] = [];
    for (const col of moneyColumns(t)) {
      if (!sumDiffers(total, classes, col)) continue;
      pushAll(out, expectSum('SUM-02', 'error', rowAmount(t, total, col), classes.map((c) => rowAmount(t, c, col)), '各类之和'));
    }
    return out;
  },
});

/** Row identities: a column that is the sum of others, in every body row (SUM-03, SUM-05, SUM-08, SUM-09). */
function identityRule(id: string, spec: (t: DerivedTable) => { total: string; parts: readonly string[] } | undefined) {
  const one = rowMemo((t, row): Finding[] => {
    const s = spec(t);
    if (!s || row.role === 'header' || !cellIn(row, s.total)) return [];
    return expectSum(id, 'error', rowAmount(t, row, s.total), s.parts.map((p) => rowAmount(t, row, p, () => columnLabel(t, p) || p)));
  });
  return (t: DerivedTable): Finding[] => t.body.flatMap((row) => one(t, row));
}

const SUM_03_IDENTITIES: Record<string, { total: string; parts: readonly string[] }> = {
  [T.spending]: { total: COL.total, parts: [COL.basic, COL.project] },
  [T.gpb]: { total: COL.current, parts: [COL.basic, COL.project] },
  [T.fund]: { total: COL.total, parts: [COL.basic, COL.project] },
  [T.soe]: { total: COL.total, parts: [COL.basic, COL.project] },
  [T.basicDept]: { total: COL.total, parts: [COL.personnel, COL.public] },
};

/** SUM-03: 总计/小计 = 基本支出 + 项目支出 (表三、五、十一、十二); 表六 总计 = 人员经费 + 日常公用经费. */
export const SUM_03 = tableRule({
  id: 'SUM-03',
  severity: 'error',
  title: '每行合计等于基本支出与项目支出之和（表六：人员经费与公用经费之和）',
  tables: Object.keys(SUM_03_IDENTITIES),
  checkTable: identityRule('SUM-03', (t) => SUM_03_IDENTITIES[templateOf(t.id)]),
});

const line = (t: DerivedTable, key: string, col: string, label: Label) => lineAmount(t, key, col, label);

/** SUM-04: 表一 收支平衡. */
export const SUM_04: Rule = {
  id: 'SUM-04',
  severity: 'error',
  title: '表一收入合计等于支出合计，各合计等于其组成之和',
  deps: { tables: [T.summary] },
  check(ctx) {
    const t = ctx.table(T.summary);
    if (!t) return [];
    const IN = COL.inAmount;
    const OUT = COL.outAmount;
    const incomeCurrent = line(t, T1_LINES.incomeCurrent, IN, '表一本年收入合计');
    const incomeTotal = line(t, T1_LINES.incomeTotal, IN, '表一收入合计');
    const spendCurrent = line(t, T1_LINES.spendCurrent, OUT, '表一本年支出合计');
    const spendTotal = line(t, T1_LINES.spendTotal, OUT, '表一支出合计');
    const sources = lineKeys(t, IN, 'income:').map((k) => line(t, k, IN, () => `表一${labelOf(t, k, IN)}`));
    const classes = lineKeys(t, OUT, 'class:').map((k) => line(t, k, OUT, () => `表一${labelOf(t, k, OUT)}`));
    return [
      ...expectSum('SUM-04', 'error', incomeCurrent, sources, '各项收入之和'),
      ...expectSum('SUM-04', 'error', incomeTotal, [
        incomeCurrent,
        line(t, T1_LINES.carryover, IN, '上年结转'),
        line(t, T1_LINES.reserve, IN, '用事业基金弥补收支差额'),
      ]),
      ...expectSum('SUM-04', 'error', spendCurrent, classes, '各类支出之和'),
      ...expectSum('SUM-04', 'error', spendTotal, [spendCurrent, line(t, T1_LINES.carryForward, OUT, '结转下年')]),
      ...expectEqual('SUM-04', 'error', incomeTotal, spendTotal, '（收支不平衡）'),
    ];
  },
};

/** The label printed next to a summary line's amount ('一般公共预算财政拨款资金'). */
function labelOf(t: DerivedTable, lineKey: string, col: string): string {
  return lineLabel(t, lineKey, col === COL.inAmount ? 'in' : 'out') ?? lineKey;
}

/** SUM-05: 表二 each row's 合计 = Σ its source columns (the hierarchy is SUM-01). */
export const SUM_05 = tableRule({
  id: 'SUM-05',
  severity: 'error',
  title: '表二每行合计等于各收入来源之和',
  tables: [T.income],
  checkTable: identityRule('SUM-05', (t) => ({ total: COL.total, parts: T2_SOURCE_COLUMNS.filter((c) => t.columns.some((x) => x.key === c)) })),
});

/** SUM-06: 表四 财政拨款收支平衡, by column and by fund. */
export const SUM_06: Rule = {
  id: 'SUM-06',
  severity: 'error',
  title: '表四财政拨款收支平衡，各合计等于其组成之和',
  deps: { tables: [T.appropriation] },
  check(ctx) {
    const t = ctx.table(T.appropriation);
    if (!t) return [];
    const IN = COL.inAmount;
    const out: Finding[] = [];
    const incomeCurrent = line(t, 'incomeCurrent', IN, '表四本年收入');
    const carryover = line(t, 'carryover', IN, '表四上年结转');
    const incomeTotal = line(t, 'incomeTotal', IN, '表四收入合计');
    pushAll(out, [
      ...expectSum('SUM-06', 'error', incomeCurrent, lineKeys(t, IN, 'income:').map((k) => line(t, k, IN, () => `表四本年收入${labelOf(t, k, IN)}`)), '各项财政拨款收入之和'),
      ...expectSum('SUM-06', 'error', carryover, lineKeys(t, IN, 'carry:').map((k) => line(t, k, IN, () => `表四上年结转${labelOf(t, k, IN)}`)), '各项上年结转之和'),
      ...expectSum('SUM-06', 'error', incomeTotal, [incomeCurrent, carryover]),
    ]);
    const fundCols = [COL.outGpb, COL.outFund, COL.outSoe];
    const colName = (c: string) => columnLabel(t, c) || c;
    // Each expenditure line: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.
    for (const key of lineKeys(t, COL.outTotal)) {
      pushAll(out, expectSum(
          'SUM-06',
          'error',
          line(t, key, COL.outTotal, () => `表四${labelOf(t, key, COL.outTotal)}（合计）`),
          fundCols.map((c) => line(t, key, c, colName(c))),
        ));
    }
    for (const c of [COL.outTotal, ...fundCols]) {
      const n = colName(c);
      pushAll(out, [
        ...expectSum(
          'SUM-06',
          'error',
          line(t, 'spendCurrent', c, `表四本年支出（${n}）`),
          lineKeys(t, c, 'class:').map((k) => line(t, k, c, () => labelOf(t, k, COL.outTotal))),
          '各类支出之和',
        ),
        ...expectSum('SUM-06', 'error', line(t, 'spendTotal', c, `表四支出合计（${n}）`), [
          line(t, 'spendCurrent', c, '本年支出'),
          line(t, 'carryForward', c, '结转下年'),
        ]),
      ]);
    }
    pushAll(out, expectEqual('SUM-06', 'error', incomeTotal, line(t, 'spendTotal', COL.outTotal, '表四支出合计'), '（收支不平衡）'));
    // Per fund: 本年收入 + 上年结转 = 本年支出 + 结转下年.
    const funds = [
      { income: 'income:gpb', carry: 'carry:carryGpb', col: COL.outGpb },
      { income: 'income:fund', carry: 'carry:carryFund', col: COL.outFund },
      { income: 'income:soe', carry: 'carry:carrySoe', col: COL.outSoe },
    ];
    for (const f of funds) {
      const n = colName(f.col);
      const inc = line(t, f.income, IN, `表四${n}本年收入`);
      const car = line(t, f.carry, IN, `上年结转`);
      const sp = line(t, 'spendCurrent', f.col, `本年支出`);
      const cf = line(t, 'carryForward', f.col, `结转下年`);
      if (!inc || !car || !sp || !cf) continue;
      const left = sumAmounts([inc, car], `表四${n}本年收入与上年结转之和`);
      const right = sumAmounts([sp, cf], `${n}本年支出与结转下年之和`);
      pushAll(out, expectEqual('SUM-06', 'error', left, right));
    }
    return out;
  },
};

/** SUM-07: 表十 each year: 合计 = 出国 + 公务用车小计 + 接待; 小计 = 购置 + 运行. */
export const SUM_07: Rule = {
  id: 'SUM-07',
  severity: 'error',
  title: '表十“三公”经费合计等于各分项之和，公务用车小计等于购置费与运行费之和',
  deps: { tables: [T.threePublic] },
  check(ctx) {
    const t = ctx.table(T.threePublic);
    if (!t) return [];
    const out: Finding[] = [];
    for (const y of T10.years) {
      const year = y === 'current' ? ctx.budget.meta.year : ctx.budget.meta.year - 1;
      const a = (item: Parameters<typeof T10.col>[1], name: string) => amountAt(t, T10.row, T10.col(y, item), `${name}`);
      pushAll(out, [
        ...expectSum('SUM-07', 'error', a('total', `表十${year}年“三公”经费合计`), [
          a('abroad', '因公出国（境）费'),
          a('vehicle', '公务用车购置及运行费'),
          a('reception', '公务接待费'),
        ]),
        ...expectSum('SUM-07', 'error', a('vehicle', `表十${year}年公务用车购置及运行费小计`), [
          a('vehiclePurchase', '公务用车购置费'),
          a('vehicleOperation', '公务用车运行费'),
        ]),
      ]);
    }
    return out;
  },
};

const sum08Rows = identityRule('SUM-08', () => ({ total: COL.total, parts: ['goods', 'works', 'services'] }));
const sum09Rows = identityRule('SUM-09', () => ({ total: COL.total, parts: ['gpb', 'fund', 'soe', 'others'] }));

/** SUM-08: 表十四 each line's 合计 = 货物 + 工程 + 服务; the 合计 row = Σ lines. */
export const SUM_08 = tableRule({
  id: 'SUM-08',
  severity: 'error',
  title: '表十四每行合计等于货物、工程、服务之和，合计行等于各行之和',
  tables: [T.procurement],
  checkTable: (t) => [...sum08Rows(t), ...columnTotals('SUM-08', t)],
});

/** SUM-09: 表十三 each project's 合计 = Σ its fund columns; the 合计 row = Σ projects. */
export const SUM_09 = tableRule({
  id: 'SUM-09',
  severity: 'error',
  title: '表十三每个项目的合计等于各资金来源之和，合计行等于各项目之和',
  tables: [T.projects],
  checkTable: (t) => [...sum09Rows(t), ...columnTotals('SUM-09', t)],
});

/** The 合计 row of a list table = Σ its item rows, per money column. */
function columnTotals(id: string, t: DerivedTable): Finding[] {
  const total = rowOf(t, 'total');
  if (!total) return [];
  const items = t.body.filter((r) => r.role === 'item');
  const out: Finding[] = [];
  for (const col of moneyColumns(t)) {
    if (!sumDiffers(total, items, col)) continue;
    pushAll(out, expectSum(id, 'error', rowAmount(t, total, col), items.map((r) => rowAmount(t, r, col)), '各行之和'));
  }
  return out;
}

export const SUM_RULES: readonly Rule[] = [SUM_01, SUM_02, SUM_03, SUM_04, SUM_05, SUM_06, SUM_07, SUM_08, SUM_09];
