/**
 * PERF: the performance-target tables (RULES §5.7): the department's (整体) and every project
 * block. Form fields are read where the template binds them, indicators under the printed
 * indicator header, so a block checks the same whether it was typed or imported.
 */
import Decimal from 'decimal.js';
import { fenToWanExact, formatAmountZero, formatCount, parseAmount, sharePercent, subFen, sumFen, type Fen } from '../money/money';
import type { TableRole } from '../tables/roles';
import type { DerivedTable, Row } from '../tables/types';
import { cellRef, fieldAmount, fieldFen, fieldText, isMissing, lineAmount, type Value } from './amounts';
import { blockInfo, projectBlocks, projectItems, type ProjectItem } from './cross';
import { defineRule } from './define';
import { yuan, type Draft } from './findings';
import { COL, LINES, PROJECT_BLOCKS, reads, roleOf, roleTable, tableNos } from './roles';
import type { CellRef, RuleContext } from './types';

// ------------------------------------------------------------------------------------------------
// Reading a target table

const FIELD_BY_HEADER = new Map<string, IndicatorField>([
  ['指标名称', 'name'],
  ['指标权重', 'weight'],
  ['计量单位', 'unit'],
  ['指标性质', 'nature'],
  ['指标值', 'value'],
  ['是否核心指标', 'core'],
]);
type IndicatorField = 'name' | 'weight' | 'unit' | 'nature' | 'value' | 'core';

const SPACE = /\s/;
const SPACES = /\s+/g;
/** The first characters' codes of the headers: a text starting otherwise (not with a space) names none. */
const HEADER_STARTS = new Set([...FIELD_BY_HEADER.keys()].map((k) => k.charCodeAt(0)));
/**
 * Whether a text may start with whitespace (/\s/): none of its characters is above U+3000 but U+FEFF,
 * so most CJK texts are ruled out by their code, without making a one-character string per cell.
 */
const mayStartWithSpace = (text: string, code: number): boolean => !(code > 0x3000 && code !== 0xfeff) && SPACE.test(text.charAt(0));
/** The indicator field a header cell names ('指 标 名 称' too); most texts have no space to remove. */
const headerField = (text: string): IndicatorField | undefined => {
  const code = text.charCodeAt(0);
  if (!HEADER_STARTS.has(code) && !mayStartWithSpace(text, code)) return undefined;
  return FIELD_BY_HEADER.get(text) ?? (SPACE.test(text) ? FIELD_BY_HEADER.get(text.replace(SPACES, '')) : undefined);
};

export interface IndicatorRow {
  index: number; // 1-based, as people count
  row: Row;
  text: Record<IndicatorField, string>;
}

export interface TargetTable {
  t: DerivedTable;
  /** The block's number with its project's name, or the department table's number. */
  label: string;
  isProject: boolean;
  budget: Value;
  indicators: IndicatorRow[];
  /** The field of each indicator column. */
  columns: ReadonlyMap<string, IndicatorField>;
}

const targetCache = new WeakMap<DerivedTable, TargetTable>();

/** A target table as printed (a derived table belongs to one set, so it is memoised by table). */
export function readTargetTable(ctx: RuleContext, t: DerivedTable): TargetTable {
  const hit = targetCache.get(t);
  if (hit) return hit;
  const role: TableRole = roleOf(ctx.templates, t.id) ?? 'deptPerformance';
  const isProject = PROJECT_BLOCKS.includes(role);
  // A block's name and 当年预算 as XT-14 reads them (the same label: '<no>“<name>”当年预算').
  const block = isProject ? blockInfo(ctx, role, t) : undefined;
  const label = block ? `${t.no}“${block.name}”` : t.no;
  const budget = block ? block.budget : fieldAmount(ctx, t, role, 'dept.total', () => `${label}部门支出预算数`);
  const indicators: IndicatorRow[] = [];
  let columns: Map<string, IndicatorField> | null = null;
  // The header row's columns and their fields by position: a row laid out like it (the usual case)
  // finds a cell's field by position, the others by the cell's column.
  let headCols: readonly string[] = [];
  let headFields: readonly (IndicatorField | undefined)[] = [];
  for (const row of t.body) {
    if (!columns) {
      const heads: [string, IndicatorField][] = [];
      for (const c of row.cells) {
        const field = c.covered ? undefined : headerField(c.text);
        if (field) heads.push([c.col, field]);
      }
      if (heads.length >= 3) {
        const cols = (columns = new Map(heads));
        headCols = row.cells.map((c) => c.col);
        headFields = headCols.map((col) => cols.get(col));
      }
      continue;
    }
    // One named store per field (a keyed store of six names is megamorphic); a later cell wins.
    let name = '', weight = '', unit = '', nature = '', value = '', core = '';
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (c.covered) continue;
      const field = headCols[i] === c.col ? headFields[i] : columns.get(c.col);
      if (!field) continue;
      const text = c.text.trim();
      if (field === 'name') name = text;
      else if (field === 'weight') weight = text;
      else if (field === 'unit') unit = text;
      else if (field === 'nature') nature = text;
      else if (field === 'value') value = text;
      else core = text;
    }
    indicators.push({ index: indicators.length + 1, row, text: { name, weight, unit, nature, value, core } });
  }
  const out = { t, label, isProject, budget, indicators, columns: columns ?? new Map() };
  targetCache.set(t, out);
  return out;
}

/** The cell an indicator's field is printed in (the last one, as its text), built only for a finding. */
function refOf(target: TargetTable, ind: IndicatorRow, field: IndicatorField): CellRef | undefined {
  let col: string | undefined;
  for (const c of ind.row.cells) if (!c.covered && target.columns.get(c.col) === field) col = c.col;
  return col === undefined ? undefined : cellRef(target.t.id, ind.row.key, col);
}

/** The cells of a field over indicators (default: all). */
const refsOf = (target: TargetTable, field: IndicatorField, of: readonly IndicatorRow[] = target.indicators): CellRef[] =>
  of.flatMap((i) => refOf(target, i, field) ?? []);

const TARGET_TABLES: readonly TableRole[] = ['deptPerformance', ...PROJECT_BLOCKS];
const BUDGET_READS = [reads.field('deptPerformance', 'dept.total'), ...PROJECT_BLOCKS.flatMap((r) => [reads.field(r, 'project.name'), reads.field(r, 'project.total')])];

const isTargetBlock = (t: DerivedTable) => !t.empty;

const NATURES = new Map<string, string>(
  Object.entries({ '≥': '≥', '>=': '≥', '＞＝': '≥', '≤': '≤', '<=': '≤', '＜＝': '≤', '=': '=', '＝': '=', '>': '>', '＞': '>', '<': '<', '＜': '<', 定性: '定性' }),
);
const nature = (s: string): string | undefined => NATURES.get(s) ?? (SPACE.test(s) ? NATURES.get(s.replace(SPACES, '')) : undefined);
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;
const isNumber = (s: string): boolean => NUMBER.test(s);
const GROUPING_OR_PERCENT = /[,%]/g;
const number = (s: string): Decimal | null => (isNumber(s) ? new Decimal(s.replace(GROUPING_OR_PERCENT, '')) : null);
/** A number (isNumber) that is ≤ 0: negative, or no digit other than 0. */
const NON_ZERO_DIGIT = /[1-9]/;
const notPositive = (s: string): boolean => s.startsWith('-') || !NON_ZERO_DIGIT.test(s);
/** Up to 1,000 whole weights of up to 12 digits add up exactly as numbers (below 2^53; Decimal is for the rest). */
const SMALL_WHOLE = /^\d{1,12}$/;

const indicatorName = (ind: IndicatorRow) => (ind.text.name ? `“${ind.text.name}”` : `第${ind.index}个`);

// ------------------------------------------------------------------------------------------------

/** PERF-01: each project's 当年预算 = 区级支出 + 补助镇街. */
export const PERF_01 = defineRule({
  id: 'PERF-01',
  severity: 'error',
  title: '项目当年预算等于区级支出与补助镇街之和',
  each: PROJECT_BLOCKS,
  reads: PROJECT_BLOCKS.flatMap((r) => [reads.field(r, 'project.total'), reads.field(r, 'project.district'), reads.field(r, 'project.town')]),
  checkTable(t, ctx, emit) {
    if (!isTargetBlock(t)) return;
    const role = roleOf(ctx.templates, t.id)!;
    // The usual case, decided from raw amounts: all three readable and adding up (sumDrafts would say nothing).
    const total = fieldFen(ctx, t, role, 'project.total');
    const district = fieldFen(ctx, t, role, 'project.district');
    const town = fieldFen(ctx, t, role, 'project.town');
    if (total != null && district != null && town != null && Number.isSafeInteger(district + town) && district + town === total) return;
    const { budget } = readTargetTable(ctx, t);
    emit.sum(budget, [fieldAmount(ctx, t, role, 'project.district', '区级支出'), fieldAmount(ctx, t, role, 'project.town', '补助镇街')]);
  },
});

/** PERF-02: indicator weights add up to 100 (整体) and to the template's value per project (渝北区 90). */
export const PERF_02 = defineRule({
  id: 'PERF-02',
  severity: 'warning',
  title: '绩效指标权重合计符合模板要求',
  each: TARGET_TABLES,
  reads: BUDGET_READS,
  checkTable(t, ctx, emit) {
    if (!isTargetBlock(t)) return;
    const target = readTargetTable(ctx, t);
    if (target.indicators.length === 0) return;
    const texts = target.indicators.map((i) => i.text.weight);
    if (!texts.every(isNumber)) return; // PERF-03 reports the unreadable weight
    const sum = texts.length <= 1000 && texts.every((w) => SMALL_WHOLE.test(w))
      ? texts.reduce((a, w) => a + Number(w), 0)
      : texts.reduce((a: Decimal, w) => a.plus(number(w)!), new Decimal(0));
    const expected = target.isProject ? ctx.profile.projectWeightTotal : ctx.profile.departmentWeightTotal;
    if (typeof sum === 'number' ? sum === expected : sum.eq(expected)) return;
    emit.report(
      `${target.label} 指标权重合计为 ${sum.toString()}，按“${ctx.profile.name}”模板应为 ${expected}${target.isProject ? '（其余权重通常留给预算执行率）' : ''}`,
      refsOf(target, 'weight'),
    );
  },
});

/** What an indicator lacks (PERF-03), each with the field to point at; undefined when it lacks nothing. */
function indicatorProblems(ind: IndicatorRow): [string, IndicatorField][] | undefined {
  const { name, weight: w, unit, nature: natureText, value } = ind.text;
  const n = nature(natureText);
  // The usual complete indicator is told apart first, with nothing allocated for it.
  if (name && isNumber(w) && !notPositive(w) && n && (n === '定性' ? value : unit && isNumber(value))) return undefined;
  const problems: [string, IndicatorField][] = [];
  if (!name) problems.push(['缺少指标名称', 'name']);
  if (!isNumber(w)) problems.push([w ? `权重“${w}”不是数字` : '缺少指标权重', 'weight']);
  else if (notPositive(w)) problems.push(['权重应大于 0', 'weight']);
  if (!n) problems.push([natureText ? `指标性质“${natureText}”应为 ≥、≤、=、>、< 或“定性”` : '缺少指标性质', 'nature']);
  else if (n === '定性') {
    if (!value) problems.push(['定性指标缺少指标值（如“优”“完成”）', 'value']);
  } else {
    if (!unit) problems.push(['定量指标缺少计量单位', 'unit']);
    if (!isNumber(value)) problems.push([value ? `指标值“${value}”不是数字` : '缺少指标值', 'value']);
  }
  return problems.length ? problems : undefined;
}

/** PERF-03: every indicator has a name, a weight > 0, a valid 指标性质, and a unit and number when quantitative. */
export const PERF_03 = defineRule({
  id: 'PERF-03',
  severity: 'warning',
  title: '绩效指标要素齐全',
  each: TARGET_TABLES,
  reads: BUDGET_READS,
  checkTable(t, ctx, emit) {
    if (!isTargetBlock(t)) return;
    const target = readTargetTable(ctx, t);
    if (target.isProject && target.indicators.length === 0) emit.report(`${target.label} 没有绩效指标`);
    for (const ind of target.indicators) {
      const problems = indicatorProblems(ind);
      if (!problems) continue; // the usual case: nothing allocated for a complete indicator
      const cells: CellRef[] = [];
      for (const [, field] of problems) {
        const r = refOf(target, ind, field);
        if (r) cells.push(r);
      }
      emit.report(`${target.label} 第${ind.index}个指标${ind.text.name ? `“${ind.text.name}”` : ''}：${problems.map(([what]) => what).join('；')}`, cells);
    }
  },
});

/** PERF-04: each target table has at least one 核心指标. */
export const PERF_04 = defineRule({
  id: 'PERF-04',
  severity: 'info',
  title: '绩效目标表至少有一个核心指标',
  each: TARGET_TABLES,
  reads: BUDGET_READS,
  checkTable(t, ctx, emit) {
    if (!isTargetBlock(t)) return;
    const target = readTargetTable(ctx, t);
    if (target.indicators.length === 0 || target.indicators.some((i) => i.text.core === '是')) return;
    emit.report(`${target.label} 没有标为“是”的核心指标，建议至少指定一个`, refsOf(target, 'core'));
  },
});

/** PERF-05: projects with target tables appear in the project list with the same amount (and the reverse, as info). */
export const PERF_05 = defineRule({
  id: 'PERF-05',
  severity: 'warning',
  title: '绩效目标表的项目与项目支出明细表相符',
  reads: [reads.column('projects', COL.projectName), reads.column('projects', COL.total), ...BUDGET_READS.slice(1)],
  check(ctx, emit) {
    const t13 = roleTable(ctx, 'projects');
    if (!t13) return emit.report(`无法核验：本文件没有${tableNos(ctx).projects}`, [], 'unverifiable');
    const items = projectItems.of(t13);
    const byName = new Map<string, ProjectItem>();
    for (const p of items) if (p.key && !byName.has(p.key)) byName.set(p.key, p);
    const matched = new Set<ProjectItem>();
    const n = tableNos(ctx);
    for (const b of projectBlocks(ctx)) {
      const p = byName.get(b.key);
      if (!p) {
        emit.report(`${b.t.no}“${b.name}”在${t13.no}项目支出明细中没有同名项目`, b.nameCell ? [b.nameCell] : []);
        continue;
      }
      matched.add(p);
      if (p.total === null || (!isMissing(b.budget) && b.budget.fen === p.total)) continue; // agrees: nothing to build
      emit.equal(b.budget, { fen: p.total, label: `${t13.no}该项目合计`, cells: [cellRef(t13.id, p.row.key, COL.total)] });
    }
    for (const p of items) {
      if (matched.has(p)) continue;
      emit.report(`${t13.no}项目“${p.name}”（${yuan(p.total ?? 0)}）没有绩效目标表（${n.keyProjects}/${n.generalProjects}）`, [cellRef(t13.id, p.row.key, COL.projectName)], 'info');
    }
  },
});

/** PERF-06: a department with expenditure publishes an 整体绩效目标 (its target table not empty). */
export const PERF_06 = defineRule({
  id: 'PERF-06',
  severity: 'error',
  title: '有支出的部门应公开整体绩效目标',
  reads: [reads.line('summary', LINES.spendTotal, COL.outAmount), reads.field('deptPerformance', 'dept.goal')],
  check(ctx, emit) {
    const n = tableNos(ctx);
    const t15 = roleTable(ctx, 'deptPerformance');
    const spend = lineAmount(roleTable(ctx, 'summary'), LINES.spendTotal, COL.outAmount, `${n.summary}支出合计`);
    if (isMissing(spend)) return emit.report(`无法核验：无法读取${spend.missing}`, [], 'unverifiable');
    if (spend.fen === 0) return;
    if (!t15) return emit.report(`部门支出合计 ${yuan(spend.fen)}，但没有${n.deptPerformance}部门预算整体绩效目标表`, spend.cells);
    const target = readTargetTable(ctx, t15);
    if (target.indicators.length > 0) return;
    const goal = fieldText(ctx, t15, 'deptPerformance', 'dept.goal').cell;
    emit.report(`${t15.no}没有整体绩效指标，而部门支出合计为 ${yuan(spend.fen)}：有支出的部门应公开整体绩效目标`, goal ? [goal] : []);
  },
});

// ------------------------------------------------------------------------------------------------
// PERF-07: cost indicators

const MONEY_UNIT = /^(元|万元)(?:\/(.+))?$/;
const COST_NATURES = new Set(['≤', '=', '<']);

/** '225.6' for 2,256,000.00 元. */
const wan = fenToWanExact;

interface Cost {
  ind: IndicatorRow;
  fen: Fen;
  base: '元' | '万元';
  per: string | undefined;
}

function costIndicators(target: TargetTable): Cost[] {
  const out: Cost[] = [];
  for (const ind of target.indicators) {
    const n = nature(ind.text.nature);
    if (!n || !COST_NATURES.has(n)) continue;
    if (!ind.text.unit.includes('元')) continue; // not a money unit (MONEY_UNIT), without the replace
    const m = MONEY_UNIT.exec(ind.text.unit.replace(SPACES, ''));
    if (!m) continue;
    const base = m[1] as '元' | '万元';
    const parsed = parseAmount(ind.text.value, { unit: base });
    if (!parsed.ok || parsed.empty) continue;
    out.push({ ind, fen: parsed.fen, base, per: m[2] });
  }
  return out;
}

/** PERF-07: a cost indicator (元/万元, ≤ or =) converted to 元 does not exceed the project's 当年预算; ×10^4 is a unit slip. */
export const PERF_07 = defineRule({
  id: 'PERF-07',
  severity: 'warning',
  title: '成本指标不超过项目当年预算',
  each: PROJECT_BLOCKS,
  reads: BUDGET_READS.slice(1),
  checkTable(t, ctx, emit) {
    if (!isTargetBlock(t)) return;
    const target = readTargetTable(ctx, t);
    const budget = target.budget;
    if (isMissing(budget)) return emit.report(`无法核验：无法读取${budget.missing}`, [], 'unverifiable');
    if (budget.fen <= 0) return;
    const costs = costIndicators(target);
    const out: Draft[] = [];
    // Formatted only for a finding (most blocks have none).
    const budgetText = () => `项目当年预算 ${yuan(budget.fen)}（${wan(budget.fen)} 万元）`;
    for (const c of costs) {
      if (c.fen <= budget.fen) continue;
      const unit = `${c.base}${c.per ? `/${c.per}` : ''}`;
      const cells = [...refsOf(target, 'value', [c.ind]), ...refsOf(target, 'unit', [c.ind]), ...budget.cells];
      const ratio = Number(sharePercent(c.fen, budget.fen, 0)) / 100;
      if (c.base === '万元' && ratio >= 2000 && ratio <= 50000) {
        const asYuan = parseAmount(c.ind.text.value, { unit: '元' });
        const per = c.per ? `/${c.per}` : '';
        const hint = asYuan.ok ? `：若单位为“元${per}”，即 ${formatAmountZero(asYuan.fen)} 元${per}（${wan(asYuan.fen)} 万元${per}）${asYuan.fen === budget.fen ? '，恰与项目预算相符' : ''}` : '';
        out.push({ message: `${target.label} 指标${indicatorName(c.ind)} ${c.ind.text.value} ${unit}（${yuan(c.fen)}）是${budgetText()}的约 ${formatCount(Math.round(ratio))} 倍，疑似计量单位错误（元误写为万元）${hint}`, cells });
      } else {
        out.push({ message: `${target.label} 成本指标${indicatorName(c.ind)} ${c.ind.text.value} ${unit}（${yuan(c.fen)}）超过${budgetText()}，超出 ${yuan(subFen(c.fen, budget.fen))}`, cells });
      }
    }
    if (out.length > 0) return emit.add(out);
    // No single indicator is above the budget, but together the amounts are (rates such as 万元/人 aside).
    const amounts = costs.filter((c) => !c.per || c.per === '年');
    const sum = sumFen(amounts.map((c) => c.fen));
    if (amounts.length < 2 || sum <= budget.fen) return;
    const parts = amounts.map((c) => `${c.ind.text.value}${amounts.every((x) => x.base === c.base) ? '' : ` ${c.base}`}`).join(' + ');
    const unit = amounts.every((x) => x.base === '万元') ? ' 万元' : amounts.every((x) => x.base === '元') ? ' 元' : '';
    emit.report(`${target.label}的 ${amounts.length} 个成本指标合计 ${wan(sum)} 万元（${parts}${unit}，即 ${yuan(sum)}）超过${budgetText()}，超出 ${yuan(subFen(sum, budget.fen))}`, [...refsOf(target, 'value', amounts.map((c) => c.ind)), ...budget.cells]);
  },
});

export const PERFORMANCE_RULES = [PERF_01, PERF_02, PERF_03, PERF_04, PERF_05, PERF_06, PERF_07];
