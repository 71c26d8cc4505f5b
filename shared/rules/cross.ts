/**
 * XT: identities between tables (RULES §5.4). Every pair of inputs that describe the same money
 * (表六 vs 表五 基本支出, 表七 vs 表六, 表八/九 vs 表五 项目支出, 三公 vs the economic codes,
 * projects vs 项目支出) is compared here, cell against cell.
 */
import { pushAll } from '../arrays';
import { subFen, sumFen } from '../money/money';
import { normalizeName } from '../catalog/catalog';
import { APPROPRIATION_FUNDS, CURRENT_SOURCES } from '../model/types';
import type { DerivedTable } from '../tables/types';
import {
  amountAt,
  cellFen,
  cellOf,
  cellRef,
  codedRows,
  constAmount,
  expectAtMost,
  expectEqual,
  finding,
  formAmount,
  formValue,
  perTable,
  tablesOf,
  lineAmount,
  lineKeys,
  lineLabel,
  rowName,
  rowOf,
  sumAmounts,
  yuan,
  type Amount,
} from './helpers';
import { CLASS_MAPPING, COL, ORGAN_SHARE, PROJECT_BLOCKS, T, T1_LINES, THREE_PUBLIC_CODES, T10 } from './roles';
import type { Finding, Rule, RuleContext } from './types';

const classCodes = (t: DerivedTable | undefined) => (t ? codedRows(t).filter((r) => r.code.length === 3).map((r) => r.code) : []);
const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

/** The name printed for a code in any of the given tables (for messages). */
function nameFor(code: string, ...tables: (DerivedTable | undefined)[]): string {
  for (const t of tables) {
    const row = rowOf(t, code);
    if (row) return rowName(row);
  }
  return '';
}

/** XT-01: 表一 本年支出 by 类 and in total = 表三 总计. */
export const XT_01: Rule = {
  id: 'XT-01',
  severity: 'error',
  title: '表一本年支出各类及合计与表三一致',
  deps: { tables: [T.summary, T.spending] },
  check(ctx) {
    const t1 = ctx.table(T.summary);
    const t3 = ctx.table(T.spending);
    if (!t1 || !t3) return [];
    const out: Finding[] = [];
    const t1Classes = lineKeys(t1, COL.outAmount, 'class:').map((k) => k.slice('class:'.length));
    for (const cls of union(t1Classes, classCodes(t3))) {
      const name = nameFor(cls, t3);
      pushAll(out, expectEqual(
          'XT-01',
          'error',
          lineAmount(t1, `class:${cls}`, COL.outAmount, `表一本年支出 ${cls} ${name}`),
          amountAt(t3, cls, COL.total, `表三 ${cls} ${name}总计`),
        ));
    }
    pushAll(out, expectEqual(
        'XT-01',
        'error',
        lineAmount(t1, T1_LINES.spendCurrent, COL.outAmount, '表一本年支出合计'),
        amountAt(t3, 'total', COL.total, '表三合计'),
      ));
    return out;
  },
};

/** XT-02: 表一 income lines = 表二 column totals; 表二 合计 + 结转下年 = 表一 收入合计. */
export const XT_02: Rule = {
  id: 'XT-02',
  severity: 'error',
  title: '表一各项收入与表二各收入来源合计一致',
  deps: { tables: [T.summary, T.income] },
  check(ctx) {
    const t1 = ctx.table(T.summary);
    const t2 = ctx.table(T.income);
    if (!t1 || !t2) return [];
    const IN = COL.inAmount;
    const carryForward = lineAmount(t1, T1_LINES.carryForward, COL.outAmount, '结转下年');
    // With money carried to next year, 表二 (this year's spending by source) may be below 表一's income.
    const compare = carryForward && carryForward.fen !== 0 ? expectAtMost : expectEqual;
    const out: Finding[] = [];
    const pairs: [string, string][] = [
      // 表一's 本年收入 lines, each against the 表二 column of that source.
      ...CURRENT_SOURCES.map((s): [string, string] => [`income:${s}`, s]),
      [T1_LINES.carryover, 'carryover'],
      [T1_LINES.reserve, 'reserve'],
    ];
    for (const [lineKey, col] of pairs) {
      if (!t2.columns.some((c) => c.key === col)) continue;
      const a = lineAmount(t1, lineKey, IN, () => `表一${labelOf(t1, lineKey)}`);
      const b = amountAt(t2, 'total', col, () => `表二${t2ColumnName(t2, col)}合计`);
      pushAll(out, (compare === expectEqual ? expectEqual('XT-02', 'error', a, b) : expectAtMost('XT-02', 'error', b, a)));
    }
    const t2Total = amountAt(t2, 'total', COL.total, '表二合计');
    if (t2Total && carryForward) {
      pushAll(out, expectEqual(
          'XT-02',
          'error',
          sumAmounts([t2Total, carryForward], carryForward.fen ? '表二合计与表一结转下年之和' : '表二合计'),
          lineAmount(t1, T1_LINES.incomeTotal, IN, '表一收入合计'),
        ));
    }
    return out;
  },
};

/** The label printed on a 表一/表四 income line, without its 一、 numbering. */
function labelOf(t: DerivedTable, lineKey: string): string {
  return lineLabel(t, lineKey, 'in')?.replace(/^[一二三]、/, '') ?? lineKey;
}

function t2ColumnName(t2: DerivedTable, col: string): string {
  const i = t2.columns.findIndex((c) => c.key === col);
  for (const row of t2.header) {
    const c = row.cells[i];
    if (c && !c.covered && c.text) return c.text;
  }
  return col;
}

/** XT-03: 表四 本年收入 fund lines = 表一 fund lines; 表四 上年结转 ≤ 表一 上年结转. */
export const XT_03: Rule = {
  id: 'XT-03',
  severity: 'error',
  title: '表四财政拨款收入与表一一致',
  deps: { tables: [T.summary, T.appropriation] },
  check(ctx) {
    const t1 = ctx.table(T.summary);
    const t4 = ctx.table(T.appropriation);
    if (!t1 || !t4) return [];
    const IN = COL.inAmount;
    const out: Finding[] = [];
    for (const f of APPROPRIATION_FUNDS) {
      const key = `income:${f}`;
      pushAll(out, expectEqual('XT-03', 'error', lineAmount(t4, key, IN, () => `表四${labelOf(t4, key)}`), lineAmount(t1, key, IN, () => `表一${labelOf(t1, key)}`)));
    }
    pushAll(out, expectAtMost('XT-03', 'error', lineAmount(t4, 'carryover', IN, '表四上年结转'), lineAmount(t1, T1_LINES.carryover, IN, '表一上年结转')));
    return out;
  },
};

/** XT-04: 表四 一般公共预算 column by 类 and 本年支出 = 表五 本年小计. */
export const XT_04: Rule = {
  id: 'XT-04',
  severity: 'error',
  title: '表四一般公共预算支出各类及合计与表五一致',
  deps: { tables: [T.appropriation, T.gpb] },
  check(ctx) {
    const t4 = ctx.table(T.appropriation);
    const t5 = ctx.table(T.gpb);
    if (!t4 || !t5) return [];
    return fundColumnAgainst('XT-04', t4, COL.outGpb, '一般公共预算', t5, COL.current, '本年小计');
  },
};

/** A 表四 fund column (by 类 and 本年支出) against a fund table's column. */
function fundColumnAgainst(id: string, t4: DerivedTable, col: string, fundName: string, other: DerivedTable, otherCol: string, otherColName: string): Finding[] {
  const out: Finding[] = [];
  const t4Classes = lineKeys(t4, col, 'class:').map((k) => k.slice('class:'.length));
  for (const cls of union(t4Classes, classCodes(other))) {
    const name = () => nameFor(cls, other) || labelOfClass(t4, cls);
    const a = lineAmount(t4, `class:${cls}`, col, () => `表四 ${cls} ${name()}（${fundName}）`);
    const b = amountAt(other, cls, otherCol, () => `${other.no} ${cls} ${name()}（${otherColName}）`);
    pushAll(out, expectEqual(id, 'error', a, b));
  }
  pushAll(out, expectEqual(
      id,
      'error',
      lineAmount(t4, 'spendCurrent', col, `表四本年支出（${fundName}）`),
      amountAt(other, 'total', otherCol, `${other.no}合计（${otherColName}）`),
    ));
  return out;
}

/** The 类 name printed on a 表一/表四 'class:' line. */
function labelOfClass(t: DerivedTable, cls: string): string {
  return lineLabel(t, `class:${cls}`, 'out') ?? '';
}

/** XT-05: 表四 政府性基金 column = 表十一; 国有资本经营 column = 表十二 (by 类 too). */
export const XT_05: Rule = {
  id: 'XT-05',
  severity: 'error',
  title: '表四政府性基金、国有资本经营支出与表十一、表十二一致',
  deps: { tables: [T.appropriation, T.fund, T.soe] },
  check(ctx) {
    const t4 = ctx.table(T.appropriation);
    const t11 = ctx.table(T.fund);
    const t12 = ctx.table(T.soe);
    if (!t4) return [];
    return [
      ...(t11 ? fundColumnAgainst('XT-05', t4, COL.outFund, '政府性基金预算', t11, COL.total, '总计') : []),
      ...(t12 ? fundColumnAgainst('XT-05', t4, COL.outSoe, '国有资本经营预算', t12, COL.total, '总计') : []),
    ];
  },
};

/** XT-06: per 项 and for 基本/项目: 表五 + 表十一 + 表十二 ≤ 表三 (= when 表一 has no other source). */
export const XT_06: Rule = {
  id: 'XT-06',
  severity: 'error',
  title: '表五、表十一、表十二之和不超过表三（无其他资金来源时相等）',
  deps: { tables: [T.summary, T.appropriation, T.spending, T.gpb, T.fund, T.soe] },
  check(ctx) {
    const t1 = ctx.table(T.summary);
    const t4 = ctx.table(T.appropriation);
    const t3 = ctx.table(T.spending);
    const t5 = ctx.table(T.gpb);
    if (!t3 || !t5) return [];
    const t11 = ctx.table(T.fund);
    const t12 = ctx.table(T.soe);
    const all = lineAmount(t1, T1_LINES.incomeTotal, COL.inAmount, '');
    const appropriations = lineAmount(t4, 'incomeTotal', COL.inAmount, '');
    const onlyAppropriations = !!all && !!appropriations && all.fen === appropriations.fen;
    const items = new Set<string>();
    for (const t of [t3, t5, t11, t12]) if (t) for (const r of codedRows(t)) if (r.code.length === 7) items.add(r.code);
    const out: Finding[] = [];
    const cols: [string, string, string][] = [
      [COL.total, COL.current, ''],
      [COL.basic, COL.basic, '基本支出'],
      [COL.project, COL.project, '项目支出'],
    ];
    const fen = (t: DerivedTable | undefined, key: string, col: string) => (t ? cellFen(cellOf(t, key, col)) : 0);
    const check = (rowKey: string, label: () => string) => {
      const found: Finding[] = [];
      for (const [c3, c5, name] of cols) {
        // Compare raw amounts first; build the labelled amounts only for a finding.
        const f5 = fen(t5, rowKey, c5);
        const f11 = fen(t11, rowKey, c3);
        const f12 = fen(t12, rowKey, c3);
        const f3 = fen(t3, rowKey, c3);
        if (f5 === null || f11 === null || f12 === null || f3 === null) continue;
        const sum = sumFen([f5, f11, f12]);
        if (onlyAppropriations ? sum === f3 : sum <= f3) continue;
        const parts = [amountAt(t5, rowKey, c5, '表五'), t11 ? amountAt(t11, rowKey, c3, '表十一') : null, t12 ? amountAt(t12, rowKey, c3, '表十二') : null].filter(
          (x): x is Amount => x !== null,
        );
        const fundsSum = sumAmounts(parts, () => `${label()}${name}：表五、表十一、表十二之和`);
        const spend = amountAt(t3, rowKey, c3, `表三${name || '总计'}`);
        pushAll(found, (onlyAppropriations
            ? expectEqual('XT-06', 'error', fundsSum, spend, '（本部门只有财政拨款收入，两者应相等）')
            : expectAtMost('XT-06', 'error', fundsSum, spend)));
      }
      return found;
    };
    for (const code of items) pushAll(out, check(code, () => `${code} ${nameFor(code, t3, t5)} `));
    if (out.length === 0) pushAll(out, check('total', () => '合计 '));
    return out;
  },
};

/** XT-07: 表五 合计 基本支出 = 表六 合计 = 表七 合计. */
export const XT_07: Rule = {
  id: 'XT-07',
  severity: 'error',
  title: '表六、表七合计与表五基本支出合计一致',
  deps: { tables: [T.gpb, T.basicDept, T.basicGov] },
  check(ctx) {
    const t5 = amountAt(ctx.table(T.gpb), 'total', COL.basic, '表五基本支出合计');
    return [
      ...expectEqual('XT-07', 'error', amountAt(ctx.table(T.basicDept), 'total', COL.total, '表六合计'), t5),
      ...expectEqual('XT-07', 'error', amountAt(ctx.table(T.basicGov), 'total', COL.total, '表七合计'), t5),
    ];
  },
};

/** XT-08: 表五 合计 项目支出 = 表八 合计 = 表九 合计. */
export const XT_08: Rule = {
  id: 'XT-08',
  severity: 'error',
  title: '表八、表九合计与表五项目支出合计一致',
  deps: { tables: [T.gpb, T.projectDept, T.projectGov] },
  check(ctx) {
    const t5 = amountAt(ctx.table(T.gpb), 'total', COL.project, '表五项目支出合计');
    return [
      ...expectEqual('XT-08', 'error', amountAt(ctx.table(T.projectDept), 'total', COL.total, '表八合计'), t5),
      ...expectEqual('XT-08', 'error', amountAt(ctx.table(T.projectGov), 'total', COL.total, '表九合计'), t5),
    ];
  },
};

const ECON_PAIRS = [
  { dept: T.basicDept, gov: T.basicGov },
  { dept: T.projectDept, gov: T.projectGov },
] as const;

/** Σ of the given rows (classes or 款) of a table as one Amount; null when none of them is printed. */
function rowsSum(t: DerivedTable, codes: readonly string[], col: string): Amount | null {
  const present = codes.filter((c) => rowOf(t, c));
  if (present.length === 0) return null;
  const parts = present.map((c) => amountAt(t, c, col, c)).filter((x): x is Amount => x !== null);
  return sumAmounts(parts, `${t.no} ${present.join(' + ')}`);
}

/** XT-09: 类-level identities between the two economic schemes (301 = 501 + 50501, …). */
export const XT_09: Rule = {
  id: 'XT-09',
  severity: 'warning',
  title: '部门经济分类与政府经济分类类级金额对应一致',
  deps: { tables: [T.basicDept, T.basicGov, T.projectDept, T.projectGov] },
  check(ctx) {
    const out: Finding[] = [];
    for (const pair of ECON_PAIRS) {
      const d = ctx.table(pair.dept);
      const g = ctx.table(pair.gov);
      if (!d || !g) continue;
      for (const m of CLASS_MAPPING) {
        const a = rowsSum(d, m.dept, COL.total);
        const b = rowsSum(g, m.gov, COL.total);
        if (!a && !b) continue;
        pushAll(out, expectEqual(
            'XT-09',
            'warning',
            a ?? constAmount(0, `${d.no} ${m.dept.join(' + ')}（未列）`),
            b ?? constAmount(0, `${g.no} ${m.gov.join(' + ')}（未列）`),
            '（按两套经济分类对照表，两者应相等）',
          ));
      }
    }
    return out;
  },
};

/** XT-10: 机关 shares in the government scheme do not exceed the department-scheme 款. */
export const XT_10: Rule = {
  id: 'XT-10',
  severity: 'warning',
  title: '政府经济分类机关款项不超过部门经济分类对应款项',
  deps: { tables: [T.basicDept, T.basicGov, T.projectDept, T.projectGov] },
  check(ctx) {
    const out: Finding[] = [];
    for (const pair of ECON_PAIRS) {
      const d = ctx.table(pair.dept);
      const g = ctx.table(pair.gov);
      if (!d || !g) continue;
      for (const s of ORGAN_SHARE) {
        if (!rowOf(g, s.gov)) continue;
        pushAll(out, expectAtMost(
            'XT-10',
            'warning',
            amountAt(g, s.gov, COL.total, `${g.no} ${s.gov} ${nameFor(s.gov, g)}`),
            amountAt(d, s.dept, COL.total, `${d.no} ${s.dept} ${nameFor(s.dept, d) || ctx.catalog.name('econ-department', s.dept) || ''}`.trimEnd()),
          ));
      }
    }
    return out;
  },
};

const THREE_PUBLIC_LABELS = {
  abroad: '因公出国（境）费',
  reception: '公务接待费',
  vehicleOperation: '公务用车运行费',
  vehiclePurchase: '公务用车购置费',
} as const;

/** XT-11: 三公 (表十 本年) = the matching economic 款 of 表六 + 表八. */
export const XT_11: Rule = {
  id: 'XT-11',
  severity: 'error',
  title: '“三公”经费与经济分类对应科目一致',
  deps: { tables: [T.threePublic, T.basicDept, T.projectDept] },
  check(ctx) {
    const t10 = ctx.table(T.threePublic);
    const t6 = ctx.table(T.basicDept);
    const t8 = ctx.table(T.projectDept);
    if (!t10 || !t6) return [];
    const out: Finding[] = [];
    const year = ctx.budget.meta.year;
    for (const item of Object.keys(THREE_PUBLIC_CODES) as (keyof typeof THREE_PUBLIC_CODES)[]) {
      const codes = THREE_PUBLIC_CODES[item];
      const tp = amountAt(t10, T10.row, T10.col('current', item), `表十${year}年${THREE_PUBLIC_LABELS[item]}`);
      const parts = [t6, ...(t8 ? [t8] : [])].flatMap((t) => codes.map((c) => amountAt(t, c, COL.total, `${t.no} ${c}`)));
      const econ = sumAmounts(
        parts.filter((x): x is Amount => x !== null),
        `${t8 ? '表六、表八' : '表六'} ${codes.join('、')}（${codes.map((c) => ctx.catalog.name('econ-department', c) ?? c).join('、')}）合计`,
      );
      pushAll(out, (t8 ? expectEqual('XT-11', 'error', tp, econ) : expectAtMost('XT-11', 'warning', econ, tp)));
    }
    return out;
  },
};

/** XT-12: 表十三 合计 = 表三 项目支出 (表十三 covers every source of money). */
export const XT_12: Rule = {
  id: 'XT-12',
  severity: 'warning',
  title: '表十三项目支出明细合计与表三项目支出一致',
  deps: { tables: [T.projects, T.spending] },
  check(ctx) {
    const t13 = ctx.table(T.projects);
    const t3 = ctx.table(T.spending);
    if (!t13 || !t3) return [];
    return expectEqual('XT-12', 'warning', amountAt(t13, 'total', COL.total, '表十三项目合计'), amountAt(t3, 'total', COL.project, '表三项目支出合计'));
  },
};

/** XT-13: 表十五 部门支出预算数 = 表一 支出合计. */
export const XT_13: Rule = {
  id: 'XT-13',
  severity: 'error',
  title: '表十五部门支出预算数与表一支出合计一致',
  deps: { tables: [T.deptPerformance, T.summary] },
  check(ctx) {
    return expectEqual(
      'XT-13',
      'error',
      formAmount(ctx.table(T.deptPerformance), /部门支出预算数/, '表十五部门支出预算数'),
      lineAmount(ctx.table(T.summary), T1_LINES.spendTotal, COL.outAmount, '表一支出合计'),
    );
  },
};

export interface BlockInfo {
  t: DerivedTable;
  name: string;
  budget: Amount | null;
}

const blockInfo = perTable((t: DerivedTable): BlockInfo => {
  const name = formValueText(t, /专项资金名称|项目名称/);
  return { t, name, budget: formAmount(t, /^当年预算/, `${t.no}“${name}”当年预算`) };
});

/** The 当年预算 of every 表十六/十七 block, with the block's project name. */
export function projectBlocks(ctx: RuleContext): BlockInfo[] {
  const out: BlockInfo[] = [];
  for (const id of PROJECT_BLOCKS) for (const t of tablesOf(ctx, id)) if (!t.empty) out.push(blockInfo(t));
  return out;
}

function formValueText(t: DerivedTable, label: RegExp): string {
  return formValue(t, label)?.cell.text ?? '';
}

/** XT-14: Σ 表十六/十七 当年预算 ≤ 表三 项目支出 (error if above; warning if below: not every project has targets). */
export const XT_14: Rule = {
  id: 'XT-14',
  severity: 'warning',
  title: '绩效目标表的项目预算合计与表三项目支出一致',
  deps: { tables: [T.keyProjects, T.generalProjects, T.spending, T.projects] },
  check(ctx) {
    const t3 = ctx.table(T.spending);
    const projectSpend = amountAt(t3, 'total', COL.project, '表三项目支出合计');
    if (!projectSpend) return [];
    const blocks = projectBlocks(ctx);
    const budgets = blocks.map((b) => b.budget).filter((x): x is Amount => x !== null);
    const sum = sumFen(budgets.map((b) => b.fen));
    const label = `表十六、表十七绩效目标表当年预算合计（${blocks.length} 个项目）`;
    if (sum > projectSpend.fen) {
      return expectAtMost('XT-14', 'error', sumAmounts(budgets, label), projectSpend);
    }
    if (sum === projectSpend.fen) return [];
    // Which projects of 表十三 have no target table?
    const t13 = ctx.table(T.projects);
    const withTargets = new Set(blocks.map((b) => normalizeName(b.name)));
    const missing = (t13?.body ?? []).filter((r) => r.role === 'item').flatMap((r) => {
      const name = r.cells.find((c) => c.col === 'projectName')?.text ?? '';
      const fen = cellFen(r.cells.find((c) => c.col === COL.total));
      return withTargets.has(normalizeName(name)) || !fen ? [] : [{ key: r.key, name, fen }];
    });
    const list = missing.length
      ? `；未编制绩效目标表的项目：${missing.map((m) => `“${m.name}” ${yuan(m.fen)}`).join('、')}`
      : '';
    return [
      finding(
        'XT-14',
        'warning',
        `${label} ${yuan(sum)}少于${projectSpend.label} ${yuan(projectSpend.fen)}，相差 ${yuan(subFen(projectSpend.fen, sum))}，并非所有项目支出都设置了绩效目标${list}`,
        [...projectSpend.cells, ...missing.map((m) => cellRef(T.projects, m.key, COL.total))],
      ),
    ];
  },
};

/** XT-16 (new): projects booked to a function 项 add up to that 项's 项目支出 in 表三. */
export const XT_16: Rule = {
  id: 'XT-16',
  severity: 'warning',
  title: '各功能科目下的项目金额合计与表三该科目项目支出一致',
  deps: { tables: [T.spending], inputs: ['projects'] },
  check(ctx) {
    const t3 = ctx.table(T.spending);
    if (!t3 || ctx.budget.projects.length === 0) return [];
    const byCode = new Map<string, { fen: number[]; ids: string[] }>();
    for (const p of ctx.budget.projects) {
      const e = byCode.get(p.functionCode) ?? { fen: [], ids: [] };
      pushAll(e.fen, Object.values(p.amounts).map((v) => v ?? 0));
      e.ids.push(p.id);
      byCode.set(p.functionCode, e);
    }
    const items = codedRows(t3).filter((r) => r.code.length === 7 && (cellFen(r.row.cells.find((c) => c.col === COL.project)) ?? 0) !== 0);
    const out: Finding[] = [];
    for (const code of union([...byCode.keys()], items.map((r) => r.code))) {
      const e = byCode.get(code);
      const name = nameFor(code, t3) || ctx.catalog.name('function', code) || '';
      const projects: Amount = e
        ? { fen: sumFen(e.fen), label: `表十三中列在 ${code} ${name} 的 ${e.ids.length} 个项目合计`, cells: e.ids.map((id) => cellRef(T.projects, id, COL.total)) }
        : constAmount(0, `表十三中列在 ${code} ${name} 的项目合计`);
      pushAll(out, expectEqual('XT-16', 'warning', projects, amountAt(t3, code, COL.project, `表三该科目项目支出`)));
    }
    return out;
  },
};

export const CROSS_RULES: readonly Rule[] = [XT_01, XT_02, XT_03, XT_04, XT_05, XT_06, XT_07, XT_08, XT_09, XT_10, XT_11, XT_12, XT_13, XT_14, XT_16];
