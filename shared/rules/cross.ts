/**
 * XT: identities between tables (RULES §5.4). Every pair of inputs that describe the same money
 * (the basic-expenditure tables vs the 一般公共预算 table's 基本支出, the two economic schemes, 三公
 * vs the economic codes, projects vs 项目支出) is compared here, cell against cell. Tables are
 * found by role and named by the set's numbers.
 */
import { NONE, pushAll, sameItems } from '../arrays';
import { subFen, sumFen, type Fen } from '../money/money';
import { normalizeName } from '../catalog/catalog';
import { APPROPRIATION_FUNDS, CURRENT_SOURCES } from '../model/types';
import type { TableRole } from '../tables/roles';
import type { DerivedTable, Row } from '../tables/types';
import { cellFen, lineLabel, lineCell, rowCode, rowName, rowOf, cellOf } from '../tables/lookup';
import { SPEND_KIND_LABELS, THREE_PUBLIC_TABLE_LABELS } from '../text/terms';
import { amountAt, cellRef, constAmount, fieldAmount, fieldText, isMissing, lineAmount, sumAmounts, type Amount, type Value } from './amounts';
import { defineRule, documentMemo, requireTables, reuseFindings, roleTables, type Emit } from './define';
import { codedIndex, replacementDiff, RowChecks, type CodedIndex } from './lineage';
import { IDENTITIES, identityRule } from './identities';
import { atMostDrafts, equalDrafts, yuan, type Draft } from './findings';
import { CLASS_MAPPING, THREE_PUBLIC_CODES } from './mappings';
import { COL, INCOME_SOURCE_COLUMNS, LINES, PROJECT_BLOCKS, reads, roleTable, tableNos, THREE_PUBLIC } from './roles';
import type { Finding, RuleContext } from './types';

const union = (...lists: (readonly string[])[]) => [...new Set(lists.flat())].sort();

/** The name printed for a code in any of the given tables (for messages). */
function nameFor(code: string, ...tables: (DerivedTable | undefined)[]): string {
  for (const t of tables) {
    const row = rowOf(t, code);
    if (row) return rowName(row);
  }
  return '';
}

/** XT-01: the summary's 本年支出 by 类 and in total = the spending table's 总计 (rows of identities.ts). */
export const XT_01 = identityRule(IDENTITIES['XT-01']);

/** XT-02: the summary's income lines = the income table's column totals; its 合计 + 结转下年 = 收入合计. */
export const XT_02 = defineRule({
  id: 'XT-02',
  severity: 'error',
  title: '收支总表各项收入与收入总表各收入来源合计一致',
  reads: [
    reads.line('summary', LINES.carryForward, COL.outAmount),
    reads.line('summary', LINES.incomeTotal, COL.inAmount),
    ...[...CURRENT_SOURCES.map((s) => `income:${s}`), LINES.carryover, LINES.reserve].map((l) => reads.line('summary', l, COL.inAmount)),
    reads.column('summary', COL.inLabel),
    ...[COL.total, ...INCOME_SOURCE_COLUMNS].map((c) => reads.column('income', c)),
  ],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'summary', 'income');
    if (!got) return;
    const [t1, t2] = got;
    const IN = COL.inAmount;
    const carryForward = lineAmount(t1, LINES.carryForward, COL.outAmount, '结转下年');
    // With money carried to next year, the income table (this year's spending by source) may be below the income.
    const carried = !isMissing(carryForward) && carryForward.fen !== 0;
    // Each comparison is first decided on the bare amounts: the Amounts and labels are built only for a finding.
    for (const [lineKey, col] of XT_02_PAIRS) {
      const fa = lineFen(t1, lineKey, IN);
      const fb = cellFen(cellOf(t2, 'total', col));
      if (fa !== null && fb !== null && (carried ? fb <= fa : fa === fb)) continue;
      const a = lineAmount(t1, lineKey, IN, () => `${t1.no}${labelOf(t1, lineKey)}`);
      const b = amountAt(t2, 'total', col, () => `${t2.no}${incomeColumnName(t2, col)}合计`);
      if (carried) emit.atMost(b, a);
      else emit.equal(a, b);
    }
    const ft = cellFen(cellOf(t2, 'total', COL.total));
    const fi = lineFen(t1, LINES.incomeTotal, IN);
    if (ft !== null && fi !== null && !isMissing(carryForward) && Number.isSafeInteger(ft + carryForward.fen) && ft + carryForward.fen === fi) return;
    const t2Total = amountAt(t2, 'total', COL.total, `${t2.no}合计`);
    emit.equal(
      sumAmounts([t2Total, carryForward], carried ? `${t2.no}合计与${t1.no}结转下年之和` : `${t2.no}合计`),
      lineAmount(t1, LINES.incomeTotal, IN, `${t1.no}收入合计`),
    );
  },
});

/** The summary's 本年收入 lines, each against the income-table column of that source (XT-02). */
const XT_02_PAIRS: readonly (readonly [string, string])[] = [
  ...CURRENT_SOURCES.map((s): [string, string] => [`income:${s}`, s]),
  [LINES.carryover, 'carryover'],
  [LINES.reserve, 'reserve'],
];

/** A summary line's amount as lineAmount reads it, without the Amount (null: no amount). */
function lineFen(t: DerivedTable, line: string, col: string): Fen | null {
  return cellFen(lineCell(t, line, col));
}

/** The label printed on a summary income line, without its 一、 numbering. */
function labelOf(t: DerivedTable, lineKey: string): string {
  return lineLabel(t, lineKey, 'in')?.replace(/^[一二三]、/, '') ?? lineKey;
}

function incomeColumnName(t2: DerivedTable, col: string): string {
  const i = t2.columns.findIndex((c) => c.key === col);
  for (const row of t2.header) {
    const c = row.cells[i];
    if (c && !c.covered && c.text) return c.text;
  }
  return col;
}

/** XT-03: the appropriation table's 本年收入 fund lines = the summary's; its 上年结转 ≤ the summary's. */
export const XT_03 = defineRule({
  id: 'XT-03',
  severity: 'error',
  title: '财政拨款收支总表财政拨款收入与收支总表相符',
  reads: [
    ...(['appropriation', 'summary'] as const).flatMap((r) => [LINES.carryover, ...APPROPRIATION_FUNDS.map((f) => `income:${f}`)].map((l) => reads.line(r, l, COL.inAmount))),
    reads.column('appropriation', COL.inLabel),
  ],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'summary', 'appropriation');
    if (!got) return;
    const [t1, t4] = got;
    const IN = COL.inAmount;
    for (const key of FUND_INCOME_LINES) {
      const fa = lineFen(t4, key, IN);
      if (fa !== null && fa === lineFen(t1, key, IN)) continue; // (decided on the bare amounts first)
      emit.equal(lineAmount(t4, key, IN, () => `${t4.no}${labelOf(t4, key)}`), lineAmount(t1, key, IN, () => `${t1.no}${labelOf(t1, key)}`));
    }
    const ca = lineFen(t4, LINES.carryover, IN);
    const cb = lineFen(t1, LINES.carryover, IN);
    if (ca !== null && cb !== null && ca <= cb) return;
    emit.atMost(lineAmount(t4, LINES.carryover, IN, `${t4.no}上年结转`), lineAmount(t1, LINES.carryover, IN, `${t1.no}上年结转`));
  },
});

const FUND_INCOME_LINES: readonly string[] = APPROPRIATION_FUNDS.map((f) => `income:${f}`);

/** XT-04: the appropriation table's 一般公共预算 column by 类 and 本年支出 = the 一般公共预算 table's 本年小计. */
export const XT_04 = identityRule(IDENTITIES['XT-04']);

/** XT-05: the appropriation table's 政府性基金 / 国有资本经营 columns = the fund tables (by 类 too). */
export const XT_05 = identityRule(IDENTITIES['XT-05']);

/** XT-06: per 项 and for 基本/项目: 一般公共预算 + 政府性基金 + 国有资本经营 ≤ the spending table (= when there is no other source). */
export const XT_06 = defineRule({
  id: 'XT-06',
  severity: 'error',
  title: '一般公共预算、政府性基金、国有资本经营支出之和不超过部门支出（无其他资金来源时相等）',
  reads: [
    reads.line('summary', LINES.incomeTotal, COL.inAmount),
    reads.line('appropriation', LINES.incomeTotal, COL.inAmount),
    reads.column('spending', COL.total),
    reads.column('spending', COL.basic),
    reads.column('spending', COL.project),
    reads.column('gpb', COL.current),
    reads.column('gpb', COL.basic),
    reads.column('gpb', COL.project),
    { ...reads.column('fund', COL.total), optional: true },
    { ...reads.column('soe', COL.total), optional: true },
  ],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'summary', 'appropriation', 'spending', 'gpb');
    if (!got) return;
    const [t1, t4, t3, t5] = got;
    const t11 = roleTable(ctx, 'fund');
    const t12 = roleTable(ctx, 'soe');
    const funds = [t5, t11, t12].filter((t): t is DerivedTable => !!t);
    const fundNos = funds.map((t) => t.no).join('、');
    const all = lineAmount(t1, LINES.incomeTotal, COL.inAmount, '');
    const appropriations = lineAmount(t4, LINES.incomeTotal, COL.inAmount, '');
    const onlyAppropriations = !isMissing(all) && !isMissing(appropriations) && all.fen === appropriations.fen;
    const cols: [string, string, string][] = [
      [COL.total, COL.current, ''],
      [COL.basic, COL.basic, SPEND_KIND_LABELS.basic],
      [COL.project, COL.project, SPEND_KIND_LABELS.project],
    ];
    const fen = (t: DerivedTable | undefined, key: string, col: string) => (t ? cellFen(cellOf(t, key, col)) : 0);
    const compare = (rowKey: string, label: () => string): Draft[] => {
      const out: Draft[] = [];
      for (const [c3, c5, name] of cols) {
        // Compare raw amounts first; build the labelled amounts only for a finding.
        const f5 = fen(t5, rowKey, c5);
        const f11 = fen(t11, rowKey, c3);
        const f12 = fen(t12, rowKey, c3);
        const f3 = fen(t3, rowKey, c3);
        if (f5 === null || f11 === null || f12 === null || f3 === null) continue;
        const sum = sumFen([f5, f11, f12]);
        if (onlyAppropriations ? sum === f3 : sum <= f3) continue;
        const parts: Value[] = [amountAt(t5, rowKey, c5, t5.no), ...(t11 ? [amountAt(t11, rowKey, c3, t11.no)] : []), ...(t12 ? [amountAt(t12, rowKey, c3, t12.no)] : [])];
        const fundsSum = sumAmounts(parts, () => `${label()}${name}：${fundNos}之和`);
        const spend = amountAt(t3, rowKey, c3, `${t3.no}${name || '总计'}`);
        pushAll(out, onlyAppropriations ? equalDrafts(fundsSum, spend, '（本部门只有财政拨款收入，两者应相等）') : atMostDrafts(fundsSum, spend));
      }
      return out;
    };
    // A line's findings depend on its rows in the four tables (kept objects when unchanged) and on
    // the tables' ids and numbers: the same rows give the same findings as in the last run.
    const memo = documentMemo<string, { rows: (Row | undefined)[]; drafts: Draft[] }>(ctx, 'XT-06');
    const frame = [onlyAppropriations, t3.id, t3.no, t5.id, t5.no, t11?.id, t11?.no, t12?.id, t12?.no];
    const lastFrame = xt06Frames.get(memo);
    if (!lastFrame || !sameItems(lastFrame, frame)) {
      memo.clear();
      xt06Runs.delete(memo);
    }
    xt06Frames.set(memo, frame);
    const draftsOf = (rowKey: string, label: () => string): Draft[] => {
      const r3 = rowOf(t3, rowKey);
      const r5 = rowOf(t5, rowKey);
      const r11 = rowOf(t11, rowKey);
      const r12 = rowOf(t12, rowKey);
      let hit = memo.get(rowKey);
      if (!hit || hit.rows[0] !== r3 || hit.rows[1] !== r5 || hit.rows[2] !== r11 || hit.rows[3] !== r12) memo.set(rowKey, (hit = { rows: [r3, r5, r11, r12], drafts: compare(rowKey, label) }));
      return hit.drafts;
    };
    const itemLabel = (code: string) => () => `${code} ${nameFor(code, t3, t5)} `;
    const totalLabel = () => '合计 ';
    const tables = [t3, t5, t11, t12];
    // The tables' 项 are those of the last run when their coded indices are the same objects
    // (lineage.ts): then only the lines whose rows a re-derivation replaced are looked at again.
    const indices = [t3, ...funds].map(codedIndex);
    const last = xt06Runs.get(memo);
    const changed = last && sameItems(last.indices, indices) ? replacedRowKeys(last.tables, tables) : null;
    if (last && changed) {
      let same = true;
      for (const key of changed) {
        if (!last.items.has(key)) continue;
        const before = memo.get(key)?.drafts;
        const now = draftsOf(key, itemLabel(key));
        if (now !== before && (now.length > 0 || (before?.length ?? 0) > 0)) same = false;
      }
      if (same) {
        xt06Runs.set(memo, { ...last, tables });
        pushAll(emit.out, last.found);
        if (last.found.length === 0) emit.addKept(draftsOf('total', totalLabel));
        return;
      }
    }
    const items = new Set<string>();
    for (const ix of indices) for (const code of ix.codes) if (code.length === 7) items.add(code);
    // Line by line, each line's kept drafts giving the same findings as before (Emit.addKept).
    const start = emit.out.length;
    for (const code of items) emit.addKept(draftsOf(code, itemLabel(code)));
    const found = emit.out.slice(start);
    xt06Runs.set(memo, { tables, indices, items, found });
    if (found.length === 0) emit.addKept(draftsOf('total', totalLabel));
  },
});

/** Per XT-06 memo of lines: the frame (tables' ids and numbers) its entries were made under; another frame empties it. */
const xt06Frames = new WeakMap<object, unknown[]>();

/** Per XT-06 memo: its last run's tables, their coded indices, the 项 it checked and their findings in order. */
const xt06Runs = new WeakMap<object, { tables: (DerivedTable | undefined)[]; indices: CodedIndex[]; items: Set<string>; found: Finding[] }>();

/**
 * The keys of the rows that `now`'s tables replaced in `before`'s (each the same table, or one noted
 * as replacing it: lineage.ts), or null when a table's lineage is unknown.
 */
function replacedRowKeys(before: readonly (DerivedTable | undefined)[], now: readonly (DerivedTable | undefined)[]): Set<string> | null {
  const keys = new Set<string>();
  for (let k = 0; k < now.length; k++) {
    const a = before[k];
    const b = now[k];
    if (a === b) continue;
    const diff = replacementDiff(a, b);
    if (!diff) return null;
    for (const row of diff.added) keys.add(row.key);
    for (const row of diff.removed) keys.add(row.key);
  }
  return keys;
}

/** XT-07: the 一般公共预算 table's 基本支出 合计 = both basic-expenditure tables' 合计. */
export const XT_07 = identityRule(IDENTITIES['XT-07']);

/** XT-08: its 项目支出 合计 = both project-expenditure tables' 合计. */
export const XT_08 = identityRule(IDENTITIES['XT-08']);

const ECON_PAIRS = [
  { dept: 'basicDept', gov: 'basicGov' },
  { dept: 'projectDept', gov: 'projectGov' },
] as const;

/** Σ of the given rows (classes or 款) of a table as one Amount; null when none of them is printed. */
function rowsSum(t: DerivedTable, codes: readonly string[], col: string): Value | null {
  const present = codes.filter((c) => rowOf(t, c));
  if (present.length === 0) return null;
  return sumAmounts(
    present.map((c) => amountAt(t, c, col, c)),
    () => `${t.no} ${present.join(' + ')}`,
  );
}

const ECON_READS = [
  reads.column('basicDept', COL.total),
  reads.column('basicGov', COL.total),
  { ...reads.column('projectDept', COL.total), optional: true },
  { ...reads.column('projectGov', COL.total), optional: true },
];

/** The department-scheme and government-scheme tables of each kind that the file has. */
function econPairs(ctx: RuleContext): { d: DerivedTable; g: DerivedTable }[] {
  return ECON_PAIRS.flatMap((p) => {
    const d = roleTable(ctx, p.dept);
    const g = roleTable(ctx, p.gov);
    return d && g ? [{ d, g }] : [];
  });
}

/** XT-09: 类-level identities between the two economic schemes (301 = 501 + 50501, …). */
export const XT_09 = defineRule({
  id: 'XT-09',
  severity: 'warning',
  title: '部门经济分类与政府经济分类类级金额对应一致',
  reads: ECON_READS,
  check(ctx, emit) {
    // A mapping's drafts depend on the rows of its codes in the two tables (kept objects while
    // unchanged) and on the tables' ids and numbers: the same rows give the same findings again.
    // (keyed by pair and mapping as one number; the rows compared in place: nothing is made for a hit)
    const memo = documentMemo<number, { rows: (Row | undefined)[]; frame: string; drafts: readonly Draft[] }>(ctx, 'XT-09');
    econPairs(ctx).forEach(({ d, g }, p) => {
      const frame = `${d.id}\u0000${d.no}\u0000${g.id}\u0000${g.no}`;
      CLASS_MAPPING.forEach((m, k) => {
        const key = p * 1024 + k;
        const hit = memo.get(key);
        if (hit && hit.frame === frame && sameRowsOf(hit.rows, d, m.dept, g, m.gov)) return emit.addKept(hit.drafts);
        const rows = [...m.dept.map((c) => rowOf(d, c)), ...m.gov.map((c) => rowOf(g, c))];
        let drafts: readonly Draft[] = NONE;
        // Decided on the bare amounts first (a side not printed reads 0, as its constAmount does).
        const fa = rowsFen(d, m.dept, COL.total);
        const fb = rowsFen(g, m.gov, COL.total);
        if (fa === null || fb === null || fa !== fb) {
          const a = rowsSum(d, m.dept, COL.total);
          const b = rowsSum(g, m.gov, COL.total);
          drafts =
            !a && !b
              ? NONE
              : equalDrafts(
                  a ?? constAmount(0, `${d.no} ${m.dept.join(' + ')}（未列）`),
                  b ?? constAmount(0, `${g.no} ${m.gov.join(' + ')}（未列）`),
                  '（按两套经济分类对照表，两者应相等）',
                );
        }
        memo.set(key, { rows, frame, drafts });
        emit.addKept(drafts);
      });
    });
  },
});

/** Whether `rows` are the rows of `dept` codes in `d` then of `gov` codes in `g` (rowOf each), item by item. */
function sameRowsOf(rows: readonly (Row | undefined)[], d: DerivedTable, dept: readonly string[], g: DerivedTable, gov: readonly string[]): boolean {
  if (rows.length !== dept.length + gov.length) return false;
  for (let i = 0; i < dept.length; i++) if (rows[i] !== rowOf(d, dept[i])) return false;
  for (let i = 0; i < gov.length; i++) if (rows[dept.length + i] !== rowOf(g, gov[i])) return false;
  return true;
}

/**
 * `sum` plus the amounts of the rows of `codes` in `t`, as amountAt and rowsSum read them, without
 * the Amounts (a row not printed adds 0); null when one is no amount or a sum leaves exact
 * integers (the Amounts then say so).
 */
function rowsFen(t: DerivedTable, codes: readonly string[], col: string, sum: Fen = 0): Fen | null {
  for (const c of codes) {
    const f = cellFen(cellOf(t, c, col));
    if (f === null) return null;
    sum += f;
    if (!Number.isSafeInteger(sum)) return null;
  }
  return sum;
}

/** XT-10: 机关 shares in the government scheme do not exceed the department-scheme 款 (rows of identities.ts). */
export const XT_10 = identityRule(IDENTITIES['XT-10']);

/** XT-11: 三公 (this year) = the matching economic 款 of the basic and project tables (department scheme). */
export const XT_11 = defineRule({
  id: 'XT-11',
  severity: 'error',
  title: '“三公”经费与经济分类对应科目一致',
  reads: [
    ...(Object.keys(THREE_PUBLIC_CODES) as (keyof typeof THREE_PUBLIC_CODES)[]).map((item) => reads.column('threePublic', THREE_PUBLIC.col('current', item))),
    reads.column('basicDept', COL.total),
    { ...reads.column('projectDept', COL.total), optional: true },
  ],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'threePublic', 'basicDept');
    if (!got) return;
    const [t10, t6] = got;
    const t8 = roleTable(ctx, 'projectDept');
    const year = ctx.budget.meta.year;
    for (const item of Object.keys(THREE_PUBLIC_CODES) as (keyof typeof THREE_PUBLIC_CODES)[]) {
      const codes = THREE_PUBLIC_CODES[item];
      // Decided on the bare amounts first: the Amounts and labels are built only for a finding.
      const ftp = cellFen(cellOf(t10, THREE_PUBLIC.row, THREE_PUBLIC.col('current', item)));
      let fe = rowsFen(t6, codes, COL.total);
      if (t8 && fe !== null) fe = rowsFen(t8, codes, COL.total, fe);
      if (ftp !== null && fe !== null && (t8 ? fe === ftp : fe <= ftp)) continue;
      const tp = amountAt(t10, THREE_PUBLIC.row, THREE_PUBLIC.col('current', item), () => `${t10.no}${year}年${THREE_PUBLIC_TABLE_LABELS[item]}`);
      const econ = sumAmounts(
        [t6, ...(t8 ? [t8] : [])].flatMap((t) => codes.map((c) => amountAt(t, c, COL.total, () => `${t.no} ${c}`))),
        () => `${t8 ? `${t6.no}、${t8.no}` : t6.no} ${codes.join('、')}（${codes.map((c) => ctx.catalog.name('econ-department', c) ?? c).join('、')}）合计`,
      );
      if (t8) emit.equal(tp, econ);
      else emit.atMost(econ, tp, '', 'warning');
    }
  },
});

/** XT-12: the project list's 合计 = the spending table's 项目支出. */
export const XT_12 = identityRule(IDENTITIES['XT-12']);

/** XT-13: the department target table's 部门支出预算数 = the summary's 支出合计. */
export const XT_13 = identityRule(IDENTITIES['XT-13']);

export interface BlockInfo {
  t: DerivedTable;
  name: string;
  /** normalizeName(name), as project names are matched. */
  key: string;
  nameCell: ReturnType<typeof cellRef> | null;
  budget: Value;
}

const blockInfos = new WeakMap<DerivedTable, BlockInfo>();

/**
 * A block's project name and 当年预算 (a derived table belongs to one set, so it is memoised by
 * table): read once for XT-14, PERF-05 and the PERF rules' readTargetTable.
 */
export function blockInfo(ctx: RuleContext, role: TableRole, t: DerivedTable): BlockInfo {
  let info = blockInfos.get(t);
  if (!info) {
    const name = fieldText(ctx, t, role, 'project.name');
    // A plain label (a concatenation is cheaper to make than a lazy one's closure and getter).
    info = { t, name: name.text, key: normalizeName(name.text), nameCell: name.cell, budget: fieldAmount(ctx, t, role, 'project.total', `${t.no}“${name.text}”当年预算`) };
    blockInfos.set(t, info);
  }
  return info;
}

/** The 当年预算 of every project target block, with the block's project name. */
export function projectBlocks(ctx: RuleContext): readonly BlockInfo[] {
  // Listed once per set of tables (XT-14 and PERF-05 both read it); where the tables are kept
  // grouped (a Session), once per pair of block lists: the same list while no block changed.
  const lists = PROJECT_BLOCKS.map((role) => roleTables(ctx, role));
  const key = ctx.tablesOf ? lists[0] : ctx.tables;
  const hit = blockLists.get(key);
  if (hit && hit.templates === ctx.templates && (!ctx.tablesOf || sameItems(hit.lists, lists))) return hit.blocks;
  const out: BlockInfo[] = [];
  PROJECT_BLOCKS.forEach((role, i) => {
    for (const t of lists[i]) if (!t.empty) out.push(blockInfo(ctx, role, t));
  });
  blockLists.set(key, { templates: ctx.templates, lists, blocks: out });
  return out;
}

const blockLists = new WeakMap<readonly DerivedTable[], { templates: RuleContext['templates']; lists: readonly (readonly DerivedTable[])[]; blocks: readonly BlockInfo[] }>();

export interface ProjectItem {
  row: Row;
  name: string;
  /** normalizeName(name), as project names are matched. */
  key: string;
  total: number | null;
}

/** The project list's item rows with their names and 合计 (kept per row across re-derivations: lineage.ts). */
export const projectItems = new RowChecks((_t: DerivedTable, row: Row): readonly ProjectItem[] => {
  if (row.role !== 'item') return NONE;
  const name = row.cells.find((c) => c.col === COL.projectName)?.text ?? '';
  return [{ row, name, key: normalizeName(name), total: cellFen(row.cells.find((c) => c.col === COL.total)) }];
});

const BLOCK_READS = PROJECT_BLOCKS.flatMap((r) => [reads.field(r, 'project.name'), reads.field(r, 'project.total')]);

/** XT-14: Σ project-target 当年预算 ≤ the spending table's 项目支出 (error if above; warning if below: not every project has targets). */
export const XT_14 = defineRule({
  id: 'XT-14',
  severity: 'warning',
  title: '绩效目标表的项目预算合计与支出总表项目支出一致',
  reads: [...BLOCK_READS, reads.column('spending', COL.project), reads.column('projects', COL.projectName), reads.column('projects', COL.total)],
  check(ctx, emit) {
    const n = tableNos(ctx);
    const t3 = roleTable(ctx, 'spending');
    const projectSpend = amountAt(t3, 'total', COL.project, `${n.spending}项目支出合计`);
    const blocks = projectBlocks(ctx);
    // Its findings come from the spending total's amount, the project list and the blocks (table
    // objects, kept while unchanged): a function edit elsewhere leaves them as they were.
    const spent = isMissing(projectSpend) ? projectSpend.missing : projectSpend.fen;
    // The block list object stands for its blocks when it is the same (kept while no block changed).
    const inputs = [spent, t3?.id, n.spending, n.keyProjects, n.generalProjects, roleTable(ctx, 'projects'), blocks];
    reuseFindings(ctx, emit, 'XT-14', inputs, sameInput, () => xt14(ctx, emit, projectSpend, blocks));
  },
});

/** Equal inputs of XT-14: the same values, or block lists of the same tables. */
const sameInput = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x: BlockInfo, i) => x.t === (b[i] as BlockInfo).t));

/** Σ the blocks' 当年预算 (null: one is unreadable), kept per block list (a function edit changes only the spending side). */
const blockSums = new WeakMap<readonly BlockInfo[], number | null>();
function blockSum(blocks: readonly BlockInfo[]): number | null {
  let sum = blockSums.get(blocks);
  if (sum === undefined) {
    sum = blocks.some((b) => isMissing(b.budget)) ? null : sumFen(blocks.map((b) => (b.budget as Amount).fen));
    blockSums.set(blocks, sum);
  }
  return sum;
}

/** XT-14's comparison (run when its inputs changed). */
function xt14(ctx: RuleContext, emit: Emit, projectSpend: Value, blocks: readonly BlockInfo[]): void {
  const n = tableNos(ctx);
  const label = `${n.keyProjects}、${n.generalProjects}绩效目标表当年预算合计（${blocks.length} 个项目）`;
  // The labelled sum (600 blocks' cells) only for the findings that name it.
  const budgets = () => sumAmounts(blocks.map((b) => b.budget), label);
  const sum = blockSum(blocks);
  if (isMissing(projectSpend) || sum === null) return emit.equal(budgets(), projectSpend);
  if (sum > projectSpend.fen) {
    // Every budget is readable: the labelled sum is this sum with every block's cells (a loop, as
    // flatMap over 600 blocks costs more than the rest of the rule).
    const cells: Amount['cells'][number][] = [];
    for (const b of blocks) pushAll(cells, (b.budget as Amount).cells);
    return emit.atMost({ fen: sum, label, cells }, projectSpend, '', 'error');
  }
  if (sum === projectSpend.fen) return;
  // Which projects of the project list have no target table?
  const t13 = roleTable(ctx, 'projects');
  const missing = withoutTargets(blocks, t13 ? projectItems.of(t13) : NONE);
  const list = missing.length ? `；未编制绩效目标表的项目：${missing.map((m) => `“${m.name}” ${yuan(m.fen)}`).join('、')}` : '';
  emit.report(
    `${label} ${yuan(sum)}少于${projectSpend.label} ${yuan(projectSpend.fen)}，相差 ${yuan(subFen(projectSpend.fen, sum))}，并非所有项目支出都设置了绩效目标${list}`,
    [...projectSpend.cells, ...(t13 ? missing.map((m) => cellRef(t13.id, m.key, COL.total)) : [])],
  );
}

/**
 * The project list's items with an amount but no target block, kept per pair of lists (both the
 * very same arrays while no block and no project row changed: projectBlocks, RowChecks), so a
 * function edit does not rebuild a set of 600 names.
 */
function withoutTargets(blocks: readonly BlockInfo[], items: readonly ProjectItem[]): readonly { key: string; name: string; fen: number }[] {
  const hit = withoutTargetsMemo.get(blocks);
  if (hit && hit.items === items) return hit.missing;
  const withTargets = new Set(blocks.map((b) => b.key));
  const missing = items.flatMap((p) => (withTargets.has(p.key) || !p.total ? [] : [{ key: p.row.key, name: p.name, fen: p.total }]));
  withoutTargetsMemo.set(blocks, { items, missing });
  return missing;
}

const withoutTargetsMemo = new WeakMap<readonly BlockInfo[], { items: readonly ProjectItem[]; missing: readonly { key: string; name: string; fen: number }[] }>();

/** The spending table's 项 codes with 项目支出 (kept per row across re-derivations: lineage.ts). */
const spendingItems = new RowChecks((_t: DerivedTable, row: Row): readonly string[] => {
  const code = row.role === 'header' ? null : rowCode(row);
  return code?.length === 7 && (cellFen(row.cells.find((c) => c.col === COL.project)) ?? 0) !== 0 ? [code] : NONE;
}, (a, b) => a === b);

/** The projects booked to one function 项: their amounts (each project's, in order) and ids. */
interface CodeGroup {
  fen: number[];
  ids: string[];
}

/**
 * The projects' amounts by function code, in project order. Kept while the projects are
 * (CheckedDocument.inputVersion); a regrouping keeps the group objects that came out the same,
 * so per-code results keyed by them stand.
 */
function projectGroups(ctx: RuleContext): Map<string, CodeGroup> {
  const doc = ctx.document;
  const version = doc?.inputVersion?.('projects');
  const key = 'rule:XT-16:groups';
  const prev = doc?.store.get(key) as { version: number; budget: unknown; groups: Map<string, CodeGroup> } | undefined;
  const prior = prev?.budget === ctx.budget ? prev.groups : undefined;
  if (prior && prev!.version === version) return prior;
  const groups = new Map<string, CodeGroup>();
  for (const p of ctx.budget.projects) {
    let e = groups.get(p.functionCode);
    if (!e) groups.set(p.functionCode, (e = { fen: [], ids: [] }));
    for (const k in p.amounts) e.fen.push(p.amounts[k as keyof typeof p.amounts] ?? 0);
    e.ids.push(p.id);
  }
  if (prior) {
    for (const [code, g] of groups) {
      const o = prior.get(code);
      if (o && sameItems(o.fen, g.fen) && sameItems(o.ids, g.ids)) groups.set(code, o);
    }
  }
  if (doc && version !== undefined) doc.store.set(key, { version, budget: ctx.budget, groups });
  return groups;
}

/** XT-16 (new): projects booked to a function 项 add up to that 项's 项目支出 in the spending table. */
export const XT_16 = defineRule({
  id: 'XT-16',
  severity: 'warning',
  title: '各功能科目下的项目金额合计与支出总表该科目项目支出一致',
  reads: [reads.column('spending', COL.project), reads.column('projects', COL.total)],
  inputs: ['projects'],
  check(ctx, emit) {
    const got = requireTables(ctx, emit, 'spending', 'projects');
    if (!got || ctx.budget.projects.length === 0) return;
    const [t3, t13] = got;
    const byCode = projectGroups(ctx);
    // The codes to compare: listed again only when the groups or the spending table's 项 changed.
    const items = spendingItems.of(t3);
    const codesMemo = documentMemo<'codes', { byCode: Map<string, CodeGroup>; items: readonly string[]; codes: string[]; set: Set<string> }>(ctx, 'XT-16:codes');
    let codes = codesMemo.get('codes');
    if (!codes || codes.byCode !== byCode || codes.items !== items) {
      const list = union([...byCode.keys()], items);
      codesMemo.set('codes', (codes = { byCode, items, codes: list, set: new Set(list) }));
    }
    // A code's findings depend on its group (kept object), its row of the spending table (kept
    // while unchanged), the two tables' ids and numbers and the catalog (a name it does not print).
    const memo = documentMemo<string, { group: CodeGroup | undefined; row: Row | undefined; frame: string; catalog: unknown; drafts: Draft[] }>(ctx, 'XT-16');
    const frame = `${t3.id}\u0000${t3.no}\u0000${t13.id}\u0000${t13.no}`;
    const draftsOf = (code: string): Draft[] => {
      const e = byCode.get(code);
      const row = rowOf(t3, code);
      const hit = memo.get(code);
      if (hit && hit.group === e && hit.row === row && hit.frame === frame && hit.catalog === ctx.catalog) return hit.drafts;
      const drafts = codeDrafts(ctx, t3, t13, code, e);
      memo.set(code, { group: e, row, frame, catalog: ctx.catalog, drafts });
      return drafts;
    };
    // The same codes, frame and catalog as the last run, and a spending table replacing its table:
    // only the codes whose rows it replaced are looked at again (lineage.ts).
    const last = xt16Runs.get(memo);
    const changed = last && last.codes === codes && last.frame === frame && last.catalog === ctx.catalog ? replacedRowKeys([last.t3], [t3]) : null;
    if (last && changed) {
      let same = true;
      for (const code of changed) {
        if (!codes.set.has(code)) continue;
        const before = memo.get(code)?.drafts;
        const now = draftsOf(code);
        if (now !== before && (now.length > 0 || (before?.length ?? 0) > 0)) same = false;
      }
      if (same) {
        xt16Runs.set(memo, { ...last, t3 });
        pushAll(emit.out, last.found);
        return;
      }
    }
    // Code by code, each code's kept drafts giving the same findings as before (Emit.addKept).
    const start = emit.out.length;
    for (const code of codes.codes) emit.addKept(draftsOf(code));
    xt16Runs.set(memo, { codes, frame, catalog: ctx.catalog, t3, found: emit.out.slice(start) });
  },
});

/** Per XT-16 memo: its last run's codes, frame, catalog and spending table, and its findings in code order. */
const xt16Runs = new WeakMap<object, { codes: object; frame: string; catalog: unknown; t3: DerivedTable; found: Finding[] }>();

/** XT-16's finding on one code, if its projects and the spending table's 项目支出 differ. */
function codeDrafts(ctx: RuleContext, t3: DerivedTable, t13: DerivedTable, code: string, e: CodeGroup | undefined): Draft[] {
  const fen = e ? sumFen(e.fen) : 0;
  if (cellFen(cellOf(t3, code, COL.project)) === fen) return []; // agrees: no amount or labels to build
  const spend = amountAt(t3, code, COL.project, `${t3.no}该科目项目支出`);
  if (!isMissing(spend) && spend.fen === fen) return [];
  const name = nameFor(code, t3) || ctx.catalog.name('function', code) || '';
  const projects: Amount = e
    ? { fen, label: `${t13.no}中列在 ${code} ${name} 的 ${e.ids.length} 个项目合计`, cells: e.ids.map((id) => cellRef(t13.id, id, COL.total)) }
    : constAmount(0, `${t13.no}中列在 ${code} ${name} 的项目合计`);
  return equalDrafts(projects, spend);
}

export const CROSS_RULES = [XT_01, XT_02, XT_03, XT_04, XT_05, XT_06, XT_07, XT_08, XT_09, XT_10, XT_11, XT_12, XT_13, XT_14, XT_16];
