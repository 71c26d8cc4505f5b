/**
 * GRN: granularity and classification (RULES §5.2): detail down to 项 / 款, codes and names against
 * the catalog, 基本/项目 plausibility, 人员/公用 placement, and the two economic schemes' mapping.
 */
import { addTo, NONE, sameItems } from '../arrays';
import type { Catalog, Scheme } from '../catalog/catalog';
import { normalizeName, SCHEME_LABELS } from '../catalog/catalog';
import { formatAmountZero, sumFen } from '../money/money';
import { isPersonnelCode } from '../tables/derive';
import type { TableRole } from '../tables/roles';
import type { DerivedTable, Row } from '../tables/types';
import { cellFen, cellIn, rowCode, rowHasMoney, rowName, rowOf } from '../tables/lookup';
import { cellRef } from './amounts';
import { defineRule, perTable, reuseFindings, roleTables } from './define';
import { carried, codedIndex, RowChecks, RowResults, type CodedIndex } from './lineage';
import { yuan, type Draft } from './findings';
import { COL, ECON_TREES, FUNCTION_TREES, reads, roleTable } from './roles';
import type { CellRef, RuleContext } from './types';

const LEVEL_WORD: Record<number, string> = { 3: '类', 5: '款', 7: '项' };

interface Detail {
  /** The table's coded rows: while their codes stay the same, so do parents and children. */
  index: CodedIndex;
  present: Set<string>;
  parentsWithChildren: Set<string>;
  results: RowResults<Draft>;
}

/** One coded row's GRN-01/GRN-02 findings: its code's level, its parent's row, detail below it. */
function rowDetail(t: DerivedTable, d: Detail, row: Row, code: string, levels: readonly number[], what: string): Draft[] {
  const out: Draft[] = [];
  const level = levels.indexOf(code.length);
  const ref = () => cellRef(t.id, row.key, row.cells.find((c) => c.kind === 'code')?.col ?? t.columns[0].key);
  if (level < 0) return [{ message: `${t.no} 科目编码“${code}”不是${levels.join('/')}位的${what}编码`, cells: [ref()] }];
  if (level > 0) {
    const parent = code.slice(0, levels[level - 1]);
    if (!d.present.has(parent)) {
      out.push({ message: `${t.no} ${LEVEL_WORD[code.length]}级科目 ${code} 没有所属的${LEVEL_WORD[parent.length]}级科目 ${parent} 行`, cells: [ref()] });
    }
  }
  if (code.length === levels[levels.length - 1] || !rowHasMoney(row)) return out;
  if (!d.parentsWithChildren.has(code)) {
    out.push({ message: `${t.no} ${code} ${rowName(row)} 有金额但没有下级${LEVEL_WORD[levels[level + 1]]}级科目：${what}应公开到${LEVEL_WORD[levels[levels.length - 1]]}级`, cells: [ref()] });
  }
  return out;
}

/**
 * Shared by GRN-01 and GRN-02: detail below every amount-bearing parent, leaves at the item level.
 * A re-derived table with the same codes re-checks only the rows it replaced (lineage.ts).
 */
function detailFindings(levels: readonly number[], what: string): (t: DerivedTable) => Draft[] {
  const detail = carried<Detail>((t, prior) => {
    const index = codedIndex(t);
    const codes = index.codes;
    // The same index object: replaced in place with the same codes (no pass over every row to know it).
    if (prior && (prior.value.index === index || sameItems(prior.value.index.codes, codes))) {
      const d: Detail = { ...prior.value, index, results: RowResults.from(prior.value.results) };
      for (const row of prior.diff.removed) d.results.delete(row);
      for (const row of prior.diff.added) {
        const code = row.role === 'header' ? null : rowCode(row);
        if (code) d.results.set(row, rowDetail(t, d, row, code, levels, what));
      }
      return d;
    }
    const parentsWithChildren = new Set<string>();
    for (const code of codes) {
      const level = levels.indexOf(code.length);
      if (level > 0) parentsWithChildren.add(code.slice(0, levels[level - 1]));
    }
    const d: Detail = { index, present: new Set(codes), parentsWithChildren, results: RowResults.empty() };
    codes.forEach((code, k) => {
      const row = t.body[index.at[k]];
      d.results.set(row, rowDetail(t, d, row, code, levels, what));
    });
    return d;
  });
  return (t) => detail(t).results.inOrder(t.body);
}

const functionDetail = detailFindings([3, 5, 7], '支出功能分类');
const econDetail = detailFindings([3, 5], '支出经济分类');

/** GRN-01: function detail reaches 项 (every function-classification tree). */
export const GRN_01 = defineRule({
  id: 'GRN-01',
  severity: 'error',
  title: '支出功能分类公开到项级科目',
  each: FUNCTION_TREES,
  checkTable: (t, _ctx, emit) => emit.add(functionDetail(t)),
});

/** GRN-02: economic detail reaches 款 (every economic-classification tree). */
export const GRN_02 = defineRule({
  id: 'GRN-02',
  severity: 'error',
  title: '支出经济分类公开到款级科目',
  each: ECON_TREES,
  checkTable: (t, _ctx, emit) => emit.add(econDetail(t)),
});

const SCHEME_OF: Partial<Record<TableRole, Scheme>> = {
  basicDept: 'econ-department',
  projectDept: 'econ-department',
  basicGov: 'econ-government',
  projectGov: 'econ-government',
};

interface Occurrence {
  scheme: Scheme;
  code: string;
  name: string;
  codeCell: CellRef;
  nameCell: CellRef;
}

/** The code a row prints, with its printed name. */
function rowOccurrence(t: DerivedTable, row: Row, scheme: Scheme): Occurrence | null {
  const code = row.role === 'header' ? null : rowCode(row);
  if (!code) return null;
  const codeCol = row.cells.find((c) => c.kind === 'code')?.col ?? t.columns[0].key;
  const nameCol = row.cells.find((c) => c.kind === 'name')?.col ?? t.columns[1]?.key ?? codeCol;
  return { scheme, code, name: rowName(row), codeCell: cellRef(t.id, row.key, codeCol), nameCell: cellRef(t.id, row.key, nameCol) };
}

/** The summary tables print function 类 names without codes, on their 'class:' lines. */
const summaryOccurrences = new RowChecks((t: DerivedTable, row: Row): readonly Occurrence[] => {
  let out: Occurrence[] | undefined;
  for (const c of row.cells) {
    const line = (c as { line?: string }).line;
    if (c.col !== COL.outLabel || !line?.startsWith('class:')) continue;
    const ref = cellRef(t.id, row.key, COL.outLabel);
    (out ??= []).push({ scheme: 'function', code: line.slice('class:'.length), name: c.text, codeCell: ref, nameCell: ref });
  }
  return out ?? NONE;
}, sameOccurrence);

/** Per scheme, the codes the rows of a table print (kept per row object across re-derivations: lineage.ts). */
const codedOccurrences = new Map<Scheme, RowChecks<Occurrence>>();

/** The codes a table prints, with their printed names. */
function tableOccurrences(t: DerivedTable, role: TableRole): readonly Occurrence[] {
  if (role === 'summary' || role === 'appropriation') return summaryOccurrences.of(t);
  const scheme: Scheme | undefined = FUNCTION_TREES.includes(role) ? 'function' : SCHEME_OF[role];
  if (!scheme) return [];
  let checks = codedOccurrences.get(scheme);
  if (!checks) {
    checks = new RowChecks((x, row) => {
      const o = rowOccurrence(x, row, scheme);
      return o ? [o] : NONE;
    }, sameOccurrence);
    codedOccurrences.set(scheme, checks);
  }
  return checks.of(t);
}

const CODE_TABLES: readonly TableRole[] = ['summary', 'income', 'spending', 'appropriation', 'gpb', ...ECON_TREES, 'fund', 'soe'];
const CODE_READS = CODE_TABLES.map((r) => ({ ...reads.table(r), optional: true }));

/** Occurrence lists of every classification table, one list per table, in table order. */
function occurrenceLists(ctx: RuleContext): (readonly Occurrence[])[] {
  const out: (readonly Occurrence[])[] = [];
  for (const role of CODE_TABLES) for (const t of roleTables(ctx, role)) out.push(tableOccurrences(t, role));
  return out;
}

type Verdict = 'ok' | 'unknown' | 'mismatch';
/** Per catalog and occurrence (an occurrence lives as long as its row). */
const verdicts = new WeakMap<Catalog, WeakMap<Occurrence, Verdict>>();

function verdictOf(catalog: Catalog, o: Occurrence): Verdict {
  let m = verdicts.get(catalog);
  if (!m) verdicts.set(catalog, (m = new WeakMap()));
  let v = m.get(o);
  if (v === undefined) {
    v = !catalog.get(o.scheme, o.code) ? 'unknown' : o.name && !catalog.namesMatch(o.scheme, o.code, o.name) ? 'mismatch' : 'ok';
    m.set(o, v);
  }
  return v;
}

const keyCache = new WeakMap<Occurrence, { key: string; name: string }>();

/** 'scheme\0code' and the normalised printed name of an occurrence (GRN-04). */
function nameKey(o: Occurrence): { key: string; name: string } {
  let v = keyCache.get(o);
  if (!v) keyCache.set(o, (v = { key: `${o.scheme}\u0000${o.code}`, name: normalizeName(o.name) }));
  return v;
}

/** Two occurrences print the same code and name in the same cells (a re-derived row whose amounts alone changed). */
function sameOccurrence(a: Occurrence, b: Occurrence): boolean {
  return a === b || (a.scheme === b.scheme && a.code === b.code && a.name === b.name && sameCell(a.codeCell, b.codeCell) && sameCell(a.nameCell, b.nameCell));
}
function sameCell(a: CellRef, b: CellRef): boolean {
  return a.table === b.table && a.row === b.row && a.column === b.column;
}

/** GRN-03/04 inputs: occurrence lists compared occurrence by occurrence, the rest by identity. */
function sameInput(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameOccurrence(a[i] as Occurrence, b[i] as Occurrence)) return false;
  return true;
}

/** GRN-03: each code exists in the catalog for the year; its printed name matches the catalog's. */
export const GRN_03 = defineRule({
  id: 'GRN-03',
  severity: 'warning',
  title: '科目编码在目录中存在，名称与目录一致',
  reads: CODE_READS,
  check(ctx, emit) {
    const lists = occurrenceLists(ctx);
    reuseFindings(ctx, emit, 'GRN-03', [ctx.budget.meta.year, ctx.catalog, ...lists], sameInput, () => {
      const unknown = new Map<string, Occurrence[]>();
      const mismatch = new Map<string, Occurrence[]>();
      for (const list of lists) {
        for (const o of list) {
          const v = verdictOf(ctx.catalog, o);
          if (v === 'unknown') {
            const key = `${o.scheme}\u0000${o.code}`;
            addTo(unknown, key, o);
          } else if (v === 'mismatch') {
            const key = `${o.scheme}\u0000${o.code}\u0000${normalizeName(o.name)}`;
            addTo(mismatch, key, o);
          }
        }
      }
      const year = ctx.budget.meta.year;
      for (const list of unknown.values()) {
        const o = list[0];
        emit.report(`科目编码 ${o.code}${o.name ? `（${o.name}）` : ''} 不在${year}年${SCHEME_LABELS[o.scheme]}目录中：请核对编码；内置目录可能不全，也可载入最新的官方目录`, list.map((x) => x.codeCell));
      }
      for (const list of mismatch.values()) {
        const o = list[0];
        emit.report(`科目 ${o.code} 的名称“${o.name}”与${SCHEME_LABELS[o.scheme]}目录名称“${ctx.catalog.name(o.scheme, o.code)}”不一致`, list.map((x) => x.nameCell));
      }
    });
  },
});

/** GRN-04: the same code carries the same name in every table. */
export const GRN_04 = defineRule({
  id: 'GRN-04',
  severity: 'warning',
  title: '同一科目在各表中名称一致',
  reads: CODE_READS,
  check(ctx, emit) {
    const lists = occurrenceLists(ctx);
    // Names are printed with the tables' numbers (tableNo).
    const nos = lists.map((l) => (l.length ? tableNo(ctx, l[0].nameCell.table) : ''));
    reuseFindings(ctx, emit, 'GRN-04', [...nos, ...lists], sameInput, () => {
      // The government-scheme and department-scheme tables are separate code spaces: the key carries the scheme.
      const first = new Map<string, string>();
      const conflicting = new Set<string>();
      for (const list of lists) {
        for (const o of list) {
          if (!o.name) continue;
          const e = nameKey(o);
          const seen = first.get(e.key);
          if (seen === undefined) first.set(e.key, e.name);
          else if (seen !== e.name) conflicting.add(e.key);
        }
      }
      if (conflicting.size === 0) return;
      const byCode = new Map<string, Map<string, Occurrence[]>>();
      for (const list of lists) {
        for (const o of list) {
          if (!o.name) continue;
          const e = nameKey(o);
          if (!conflicting.has(e.key)) continue;
          const names = byCode.get(e.key) ?? new Map<string, Occurrence[]>();
          addTo(names, e.name, o);
          byCode.set(e.key, names);
        }
      }
      for (const names of byCode.values()) {
        const all = [...names.values()];
        const code = all[0][0].code;
        const desc = all.map((list) => `${[...new Set(list.map((o) => tableNo(ctx, o.nameCell.table)))].join('、')}“${list[0].name}”`).join('，');
        emit.report(`科目 ${code} 在各表中名称不一致：${desc}`, all.flat().map((o) => o.nameCell));
      }
    });
  },
});

const tableNo = (ctx: RuleContext, id: string) => ctx.table(id)?.no ?? id;

/** Function 项 that should carry only 基本支出 (RULES GRN-05). */
export function basicOnly(catalog: Catalog, code: string): boolean {
  if (['2080505', '2080506', '2210201'].includes(code) || code.startsWith('21011')) return true;
  const name = catalog.name('function', code);
  if (name !== undefined) return name === '行政运行' || name === '事业运行';
  return code.endsWith('01') || code.endsWith('50');
}

/** GRN-05: no 项目支出 on 行政运行/事业运行, 养老/年金缴费, 行政事业单位医疗 or 住房公积金. */
export const GRN_05 = defineRule({
  id: 'GRN-05',
  severity: 'warning',
  title: '行政运行等项级科目只应列基本支出',
  inputs: ['functionLines'],
  reads: [reads.column('spending', COL.project), { ...reads.column('gpb', COL.project), optional: true }],
  check(ctx, emit) {
    const amounts = new Map<string, number[]>();
    for (const l of ctx.budget.functionLines) {
      if (l.kind !== 'project' || l.current === 0 || !basicOnly(ctx.catalog, l.code)) continue;
      addTo(amounts, l.code, l.current);
    }
    const spending = roleTable(ctx, 'spending')?.id ?? 'spending';
    const t5 = roleTable(ctx, 'gpb');
    const found = [...amounts]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, list]) => ({ code, total: sumFen(list), onGpb: !!t5 && !!cellIn(rowOf(t5, code), COL.project) }));
    // The findings come from these alone (and the catalog's names): the same ones are emitted again as they were.
    const inputs = [ctx.catalog, spending, t5?.id, ...found.flatMap((f) => [f.code, f.total, f.onGpb])];
    reuseFindings(ctx, emit, 'GRN-05', inputs, (a, b) => a === b, () => {
      for (const { code, total, onGpb } of found) {
        const name = ctx.catalog.name('function', code) ?? '';
        const cells = [cellRef(spending, code, COL.project)];
        if (onGpb) cells.push(cellRef(t5!.id, code, COL.project));
        emit.report(`${code} ${name} 列有项目支出 ${yuan(total)}：该科目一般只安排基本支出，项目支出通常应列入相应的业务类科目（如“一般行政管理事务”），请核对`, cells);
      }
    });
  },
});

/** GRN-06: in the department-scheme basic table, rows under 301/303 have only 人员经费, all others only 公用经费. */
export const GRN_06 = defineRule({
  id: 'GRN-06',
  severity: 'warning',
  title: '基本支出表（部门经济分类）人员经费、公用经费按科目归类',
  each: ['basicDept'],
  reads: [reads.column('basicDept', COL.personnel), reads.column('basicDept', COL.public)],
  checkTable(t, _ctx, emit) {
    const index = codedIndex(t);
    for (let k = 0; k < index.codes.length; k++) {
      const code = index.codes[k];
      const row = t.body[index.at[k]];
      const personnel = isPersonnelCode(code);
      const wrongCol = personnel ? COL.public : COL.personnel;
      const fen = cellFen(cellIn(row, wrongCol));
      if (!fen) continue;
      emit.report(`${t.no} ${code} ${rowName(row)} 在“${personnel ? '日常公用经费' : '人员经费'}”列有 ${yuan(fen)}：${
            personnel ? '工资福利支出和对个人和家庭的补助属于人员经费' : '该科目属于公用经费，不属于人员经费'
          }`, [cellRef(t.id, row.key, wrongCol)]);
    }
  },
});

/** A table's 款 rows with money and their codes, once per table object (an econ edit re-derives one of the four tables). */
const itemsOf = perTable((t: DerivedTable) => {
  const index = codedIndex(t);
  const rows: { code: string; row: Row }[] = [];
  for (let k = 0; k < index.codes.length; k++) {
    const code = index.codes[k];
    const row = t.body[index.at[k]];
    if (code.length === 5 && rowHasMoney(row)) rows.push({ code, row });
  }
  return { rows, codes: new Set(rows.map((r) => r.code)) };
});

/** GRN-07's drafts for a pair of tables, by the department table (the same pair and catalog give the same drafts). */
const grn07Pairs = new WeakMap<DerivedTable, { gt: DerivedTable; catalog: Catalog; drafts: Draft[] }>();

const GRN_07_PAIRS = [
  ['basicDept', 'basicGov'],
  ['projectDept', 'projectGov'],
] as const;

/** GRN-07: every 部门 款 with money has a permitted 政府 counterpart with money, and vice versa. */
export const GRN_07 = defineRule({
  id: 'GRN-07',
  severity: 'warning',
  title: '部门经济分类与政府经济分类款级科目相互对应',
  reads: [reads.column('basicDept', COL.total), reads.column('basicGov', COL.total), { ...reads.table('projectDept'), optional: true }, { ...reads.table('projectGov'), optional: true }],
  check(ctx, emit) {
    for (const [d, g] of GRN_07_PAIRS) {
      const dt = roleTable(ctx, d);
      const gt = roleTable(ctx, g);
      if (!dt || !gt) continue;
      const hit = grn07Pairs.get(dt);
      if (hit && hit.gt === gt && hit.catalog === ctx.catalog) {
        emit.addKept(hit.drafts);
        continue;
      }
      const drafts: Draft[] = [];
      const { rows: deptItems, codes: deptCodes } = itemsOf(dt);
      const { rows: govItems, codes: govCodes } = itemsOf(gt);
      for (const { code, row } of deptItems) {
        const m = ctx.catalog.mappingFor(code);
        if (!m) continue; // unknown in the mapping: nothing to say (GRN-03 covers unknown codes)
        const allowed = [m.administrative, m.institution].filter((x): x is string => !!x);
        if (allowed.some((x) => govCodes.has(x))) continue;
        drafts.push({
          message: `${dt.no} ${code} ${rowName(row)}（${formatAmountZero(cellFen(cellIn(row, COL.total)) ?? 0)} 元）在${gt.no}中没有对应的政府经济分类科目（应为 ${allowed.join(' 或 ')}）`,
          cells: [cellRef(dt.id, row.key, COL.total)],
        });
      }
      for (const { code, row } of govItems) {
        const sources = ctx.catalog.deptCodesFor(code);
        if (sources.length === 0 || sources.some((x) => deptCodes.has(x))) continue;
        drafts.push({
          message: `${gt.no} ${code} ${rowName(row)}（${formatAmountZero(cellFen(cellIn(row, COL.total)) ?? 0)} 元）在${dt.no}中没有对应的部门经济分类科目（应来自 ${sources.slice(0, 6).join('、')}${sources.length > 6 ? ' 等' : ''}）`,
          cells: [cellRef(gt.id, row.key, COL.total)],
        });
      }
      grn07Pairs.set(dt, { gt, catalog: ctx.catalog, drafts });
      emit.addKept(drafts);
    }
  },
});

export const GRANULARITY_RULES = [GRN_01, GRN_02, GRN_03, GRN_04, GRN_05, GRN_06, GRN_07];
