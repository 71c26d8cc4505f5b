/**
 * The point of importing a published workbook: every printed cell the workbench derives (totals,
 * 类/款 rows, 表一, 表四, 增幅, 当年预算 …) is compared with what it derives from the imported
 * inputs, and every difference is a finding naming the sheet, row and column.
 */
import Decimal from 'decimal.js';
import { changeRatio, formatChangePercentTable, formatYuan, fenToWan, fenToWanExact, percentTolerance, type Fen } from '../money/money';
import { normalizeName } from '../catalog/catalog';
import type { Finding } from '../rules/types';
import type { BodyDef, TemplateSet } from '../tables/template-types';
import type { Cell, DerivedTable } from '../tables/types';
import { colLetter, halfWidth } from './grid';
import { summaryBase, type ImportState, type Printed } from './read';
import type { Catalog } from '../catalog/catalog';

type Index = Map<string, Map<string, Map<string, Cell>>>;

/**
 * Derived cells by table, row key and column. 表一/表四 lines are keyed by side and label
 * ('L:合计#0', 'R:类215#0'); `rowKeys` gives their derived row's own key, for the findings' cells.
 */
export function indexTables(tables: readonly DerivedTable[], templates: TemplateSet, catalog: Catalog): { index: Index; rowKeys: Map<string, string> } {
  const index: Index = new Map();
  const rowKeys = new Map<string, string>();
  for (const t of tables) {
    const rows = new Map<string, Map<string, Cell>>();
    index.set(t.id, rows);
    const template = templates.tables.find((x) => x.no === t.no);
    const body = template?.body as BodyDef | undefined;
    if (body?.type === 'summary') {
      const seen = new Map<string, number>();
      for (const row of t.body) {
        for (const [side, cols] of [['L', body.leftColumns], ['R', body.rightColumns]] as const) {
          const label = row.cells.find((c) => c.col === cols[0])?.text ?? '';
          if (!label) continue;
          const base = summaryBase(side, label, catalog);
          const n = seen.get(base) ?? 0;
          seen.set(base, n + 1);
          rows.set(`${base}#${n}`, new Map(row.cells.filter((c) => cols.includes(c.col)).map((c) => [c.col, c])));
          rowKeys.set(`${t.id}|${base}#${n}`, row.key);
        }
      }
      continue;
    }
    for (const row of t.body) rows.set(row.key, new Map(row.cells.map((c) => [c.col, c])));
  }
  return { index, rowKeys };
}


function printedText(p: Printed): string {
  if (p.fen === 0 && !/\d/.test(p.text)) return `空白${p.text ? `（“${p.text}”）` : ''}`;
  if (p.unit === '万元') return `${fenToWan(p.fen, Math.min(6, Math.max(2, p.decimals)))} 万元（${formatYuan(p.fen)}）`;
  return formatYuan(p.fen);
}

/**
 * 万元 sheets print rounded amounts: a derived total may differ from the printed one by up to
 * (n+1) × ½ × 10^−d 万元 (RULES §5.0 tol_amt), d the coarsest decimals the sheet shows (at least 2).
 * 元 sheets are exact to the 分.
 */
function tolerances(printed: readonly Printed[]): Map<string, number> {
  const coarsest = new Map<string, number>();
  for (const p of printed) {
    if (p.kind !== 'money' || p.unit !== '万元' || p.fen === 0) continue;
    const d = Math.min(6, Math.max(2, p.decimals));
    coarsest.set(p.sheet, Math.min(coarsest.get(p.sheet) ?? 6, d));
  }
  return coarsest;
}

function toleranceOf(p: Printed, coarsest: Map<string, number>): Fen {
  if (p.unit !== '万元') return 0;
  const d = coarsest.get(p.sheet) ?? 2;
  return Math.round(((p.addends + 1) * 10 ** (6 - d)) / 2);
}

function place(p: Printed): string {
  return `工作表“${p.sheet}”第${p.rowNo}行“${p.label}”列（${colLetter(p.colNo)}${p.rowNo}）`;
}

/** A printed 增幅: null when blank or a dash (no percentage), else the number and its decimals. */
function parsePercent(text: string): { value: Decimal; decimals: number } | null | 'bad' {
  const s = halfWidth(text).replace(/\s+/g, '').replace(/^\+/, '');
  if (s === '' || /^[-—–－]+$/.test(s)) return null;
  const m = /^(-?\d+(?:\.(\d+))?)%?$/.exec(s);
  if (!m) return 'bad';
  return { value: new Decimal(m[1]), decimals: m[2]?.length ?? 0 };
}

/**
 * 增幅 as printed against the amounts of its row (RULES tol_pct): within half a unit of the shown
 * precision passes; within one unit is a rounding slip (warning); beyond is an error. A zero base has
 * no percentage (blank or '—').
 */
function percentProblem(p: Printed, row: Map<string, Cell> | undefined, templates: TemplateSet): { severity: 'error' | 'warning'; message: string } | null {
  const template = templates.tables.find((t) => t.id === p.table);
  const body = template?.body;
  const col = body?.type === 'functionTree' ? body.columns.find((c) => c.key === p.col) : undefined;
  if (!col || col.kind !== 'percent') return null;
  const current = row?.get(col.change.current)?.fen ?? 0;
  const prior = row?.get(col.change.prior)?.fen ?? 0;
  const shown = parsePercent(p.text);
  const ratio = changeRatio(current, prior);
  const derived = formatChangePercentTable(current, prior);
  if (shown === 'bad') return { severity: 'error', message: `“${p.text}”不是百分比，按本行金额应为“${derived || '空白'}”` };
  if (ratio === null) {
    return shown === null ? null : { severity: 'error', message: `上年预算数为 0，不应计算增幅，文件中却为“${p.text}”` };
  }
  if (shown === null) return { severity: 'error', message: `增幅为空白，按本行金额应为“${derived}”` };
  const tol = percentTolerance(shown.value, shown.decimals, ratio);
  if (tol === 'pass') return null;
  const exact = ratio.toDecimalPlaces(Math.max(2, shown.decimals + 1)).toString();
  if (tol === 'warning') {
    return { severity: 'warning', message: `文件中为“${p.text}”，按本行金额为 ${exact}%，应写作“${derived}”（舍入有误）` };
  }
  return { severity: 'error', message: `文件中为“${p.text}”，按本行金额计算应为“${derived}”（${exact}%）` };
}

export function compareWithDerived(state: ImportState, tables: readonly DerivedTable[], templates: TemplateSet): Finding[] {
  const { index, rowKeys } = indexTables(tables, templates, state.catalog);
  const out: Finding[] = [];
  const coarsest = tolerances(state.printed);
  for (const p of state.printed) {
    const cell = index.get(p.table)?.get(p.row)?.get(p.col);
    const cells = [{ table: p.table, row: rowKeys.get(`${p.table}|${p.row}`) ?? p.row, column: p.col }];
    if (p.kind === 'money') {
      const derived = cell?.fen ?? 0;
      const diff = p.fen - derived;
      if (diff === 0) continue;
      const derivedText = p.unit === '万元' ? `${formatYuan(derived)}（${fenToWanExact(derived)} 万元）` : formatYuan(derived);
      if (Math.abs(diff) <= toleranceOf(p, coarsest)) {
        out.push({
          id: 'IMP-04',
          severity: 'info',
          message: `${place(p)}：文件中为 ${printedText(p)}，按明细计算为 ${derivedText}，差额在万元取整的误差之内`,
          cells,
        });
        continue;
      }
      out.push({
        id: 'IMP-01',
        severity: 'error',
        message: `${place(p)}：文件中为 ${printedText(p)}，按明细计算应为 ${derivedText}`,
        cells,
      });
    } else if (p.kind === 'text') {
      const problem = percentProblem(p, index.get(p.table)?.get(p.row), templates);
      if (problem) out.push({ id: 'IMP-01', severity: problem.severity, message: `${place(p)}：${problem.message}`, cells });
    } else {
      const derived = cell?.text ?? '';
      if (!derived || normalizeName(p.text) === normalizeName(derived)) continue;
      out.push({
        id: 'IMP-05',
        severity: 'warning',
        message: `${place(p)}：科目 ${p.row} 的名称“${p.text}”与其他表中的“${derived}”不一致`,
        cells,
      });
    }
  }
  // Rows the workbench derives (with money) that the sheet does not print.
  for (const [table, { sheet, keys }] of state.rowKeys) {
    const derived = tables.find((t) => t.id === table);
    if (!derived) continue;
    for (const row of derived.body) {
      const money = row.cells.filter((c) => c.kind === 'money' && (c.fen ?? 0) !== 0);
      if (money.length === 0) continue;
      const template = templates.tables.find((x) => x.id === table);
      if (template?.body.type === 'summary') {
        const body = template.body;
        // Compare by side: rebuild the key the same way as the index does.
        for (const [side, cols] of [['L', body.leftColumns], ['R', body.rightColumns]] as const) {
          const label = row.cells.find((c) => c.col === cols[0])?.text ?? '';
          const value = row.cells.find((c) => c.col === cols[1])?.fen ?? 0;
          if (!label || value === 0) continue;
          const base = summaryBase(side, label, state.catalog);
          if (![...keys].some((k) => k.startsWith(`${base}#`))) {
            out.push({
              id: 'IMP-09',
              severity: 'warning',
              message: `工作表“${sheet}”缺少“${label}”一行（按明细计算为 ${formatYuan(value)}）`,
              cells: [{ table, row: row.key, column: cols[1] }],
            });
          }
        }
        continue;
      }
      if (keys.has(row.key)) continue;
      const code = row.cells[0]?.text ?? row.key;
      const name = row.cells[1]?.text ?? '';
      out.push({
        id: 'IMP-09',
        severity: 'warning',
        message: `工作表“${sheet}”缺少${row.key === 'total' ? '合计行' : `科目 ${code}“${name}”一行`}（按明细计算为 ${formatYuan(money[0].fen ?? 0)}）`,
        cells: [{ table, row: row.key, column: money[0].col }],
      });
    }
  }
  return out;
}
