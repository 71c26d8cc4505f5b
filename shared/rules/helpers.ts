/**
 * The small interpreters the rules are written with: find a cell by table/row/column (or by the
 * semantic `line` key of 表一/表四), read its amount, and build the standard findings ("A 与 B
 * 不一致，相差 X 元", "A 不等于各项之和") with the numbers formatted by shared/money and the
 * cells to mark. Rules stay a few lines of data on top of these.
 */
import { pushAll } from '../arrays';
import { formatYuan, parseAmount, subFen, sumFen, type Fen } from '../money/money';
import type { Cell, DerivedTable, Row } from '../tables/types';
import { ruleFailure } from './engine';
import type { CellRef, Finding, Rule, RuleContext, RuleDeps, Severity } from './types';

/** Summary tables (表一, 表四) put a semantic key on their cells, e.g. 'income:gpb', 'class:215'. */
export type LineCell = Cell & { line?: string };

// ------------------------------------------------------------------------------------------------
// Lookup (cached per table object: derived tables are never mutated after derivation)

interface TableIndex {
  rows: Map<string, Row>;
  lines: Map<string, { row: Row; cell: Cell }>;
}
const indexCache = new WeakMap<DerivedTable, TableIndex>();

function indexOf(t: DerivedTable): TableIndex {
  let idx = indexCache.get(t);
  if (!idx) {
    const rows = new Map<string, Row>();
    const lines = new Map<string, { row: Row; cell: Cell }>();
    for (const row of t.body) {
      if (!rows.has(row.key)) rows.set(row.key, row);
      for (const cell of row.cells) {
        const line = (cell as LineCell).line;
        if (line && !lines.has(`${line}\u0000${cell.col}`)) lines.set(`${line}\u0000${cell.col}`, { row, cell });
      }
    }
    idx = { rows, lines };
    indexCache.set(t, idx);
  }
  return idx;
}

export function rowOf(t: DerivedTable | undefined, key: string): Row | undefined {
  return t ? indexOf(t).rows.get(key) : undefined;
}

export function cellIn(row: Row | undefined, col: string): Cell | undefined {
  if (!row) return undefined;
  for (const c of row.cells) if (c.col === col && !c.covered) return c;
  return undefined;
}

export function cellOf(t: DerivedTable | undefined, rowKey: string, col: string): Cell | undefined {
  return cellIn(rowOf(t, rowKey), col);
}

/** The row and cell of a summary line ('income:gpb', 'class:215') in a column. */
export function lineOf(t: DerivedTable | undefined, line: string, col: string): { row: Row; cell: Cell } | undefined {
  return t ? indexOf(t).lines.get(`${line}\u0000${col}`) : undefined;
}

/** The label printed beside a summary line (its 'inLabel' or 'outLabel' cell with the same line key), if any. */
export function lineLabel(t: DerivedTable, line: string, side: 'in' | 'out'): string | undefined {
  return lineOf(t, line, side === 'in' ? 'inLabel' : 'outLabel')?.cell.text;
}

/** Every summary line key present in a column of a summary table, in row order. */
export function lineKeys(t: DerivedTable | undefined, col: string, prefix = ''): string[] {
  if (!t) return [];
  const out: string[] = [];
  for (const row of t.body) {
    for (const c of row.cells) {
      const line = (c as LineCell).line;
      if (c.col === col && line && line.startsWith(prefix)) out.push(line);
    }
  }
  return out;
}

export const cellRef = (table: string, row: string, column: string): CellRef => ({ table, row, column });

/** The template a table id belongs to: 't17:p1' → 't17'. */
export const templateOf = (tableId: string): string => {
  const i = tableId.indexOf(':');
  return i < 0 ? tableId : tableId.slice(0, i);
};

/** 表六, or 表十七（项目名） for a project block. */
export function tableName(ctx: RuleContext, id: string): string {
  const t = ctx.table(id);
  if (!t) return id;
  if (t.projectId) {
    const p = ctx.budget.projects.find((x) => x.id === t.projectId);
    return p ? `${t.no}“${p.name}”` : t.no;
  }
  return t.no;
}

// ------------------------------------------------------------------------------------------------
// Amounts

/** The amount a money cell holds: its fen, or its printed text parsed; 0 for an absent cell; null if unreadable. */
export function cellFen(cell: Cell | undefined): Fen | null {
  if (!cell) return 0;
  if (cell.fen !== undefined) return cell.fen;
  const r = parseAmount(cell.text, { allowNegative: true });
  return r.ok ? r.fen : null;
}

/** An amount with what to call it in a message and the cells it comes from. */
export interface Amount {
  fen: Fen;
  /** Built only when a message needs it (most amounts agree and are never named). */
  readonly label: string;
  cells: CellRef[];
}

export type Label = string | (() => string);

/** An Amount whose label is computed on first use. */
export function makeAmount(fen: Fen, label: Label, cells: CellRef[]): Amount {
  if (typeof label === 'string') return { fen, label, cells };
  let text: string | undefined;
  return {
    fen,
    cells,
    get label() {
      return (text ??= label());
    },
  };
}

/** A money cell as an Amount: 0 with no cell when the row is absent, null when its text is not a number. */
export function amountAt(t: DerivedTable | undefined, rowKey: string, col: string, label: Label): Amount | null {
  if (!t) return null;
  const row = rowOf(t, rowKey);
  const cell = cellIn(row, col);
  const fen = cellFen(cell);
  if (fen === null) return null;
  return makeAmount(fen, label, row && cell ? [cellRef(t.id, row.key, col)] : []);
}

/** A summary line (表一/表四) as an Amount, found by its line key. */
export function lineAmount(t: DerivedTable | undefined, line: string, col: string, label: Label): Amount | null {
  if (!t) return null;
  const hit = lineOf(t, line, col);
  const fen = cellFen(hit?.cell);
  if (fen === null) return null;
  return makeAmount(fen, label, hit ? [cellRef(t.id, hit.row.key, col)] : []);
}

export function sumAmounts(parts: readonly Amount[], label: Label): Amount {
  return makeAmount(sumFen(parts.map((p) => p.fen)), label, parts.flatMap((p) => p.cells));
}

export function constAmount(fen: Fen, label: string): Amount {
  return { fen, label, cells: [] };
}

// ------------------------------------------------------------------------------------------------
// Messages

/** '2,685,855.89 元' (zero prints as 0.00 元 in messages, unlike in tables). */
export const yuan = formatYuan;

const absDiff = (a: Fen, b: Fen): Fen => Math.abs(subFen(a, b));

export function finding(id: string, severity: Severity, message: string, cells: readonly CellRef[]): Finding {
  return { id, severity, message, cells: dedupeCells(cells) };
}

export function dedupeCells(cells: readonly CellRef[]): CellRef[] {
  const seen = new Set<string>();
  const out: CellRef[] = [];
  for (const c of cells) {
    const k = `${c.table}\u0000${c.row}\u0000${c.column}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

/** a = b, or the standard message: "表六合计 2,685,855.90 元与表五基本支出合计 2,685,855.89 元不一致，相差 0.01 元". */
export function expectEqual(id: string, severity: Severity, a: Amount | null, b: Amount | null, note = ''): Finding[] {
  if (!a || !b || a.fen === b.fen) return [];
  return [
    finding(
      id,
      severity,
      `${a.label} ${yuan(a.fen)}与${b.label} ${yuan(b.fen)}不一致，相差 ${yuan(absDiff(a.fen, b.fen))}${note}`,
      [...a.cells, ...b.cells],
    ),
  ];
}

/** a ≤ b, or "A X 元超过 B Y 元，超出 Z 元". */
export function expectAtMost(id: string, severity: Severity, a: Amount | null, b: Amount | null, note = ''): Finding[] {
  if (!a || !b || a.fen <= b.fen) return [];
  return [
    finding(
      id,
      severity,
      `${a.label} ${yuan(a.fen)}超过${b.label} ${yuan(b.fen)}，超出 ${yuan(absDiff(a.fen, b.fen))}${note}`,
      [...a.cells, ...b.cells],
    ),
  ];
}

/**
 * total = Σ parts: "表三合计 总计 X 元不等于基本支出 Y 元与项目支出 Z 元之和 S 元，相差 D 元". With many parts
 * (or a `partsLabel`) they are named as a group: "…不等于其下各款之和 S 元".
 */
export function expectSum(
  id: string,
  severity: Severity,
  total: Amount | null,
  parts: readonly (Amount | null)[],
  partsLabel?: string,
): Finding[] {
  if (!total || parts.some((p) => p === null)) return [];
  const ps = parts as Amount[];
  const sum = sumFen(ps.map((p) => p.fen));
  if (sum === total.fen) return [];
  const named = partsLabel ?? `${ps.map((p) => `${p.label} ${yuan(p.fen)}`).join('、')}之和`;
  return [
    finding(
      id,
      severity,
      `${total.label} ${yuan(total.fen)}不等于${named} ${yuan(sum)}，相差 ${yuan(absDiff(total.fen, sum))}`,
      [...total.cells, ...ps.flatMap((p) => p.cells)],
    ),
  ];
}

// ------------------------------------------------------------------------------------------------
// Tables as trees (function and economic classification)

export interface CodedRow {
  code: string;
  row: Row;
}

const DIGITS = /^\d+$/;

/** The code of a body row: its key when that is a code, else the text of its code cell. */
export function rowCode(row: Row): string | null {
  if (DIGITS.test(row.key)) return row.key;
  const c = row.cells.find((x) => x.kind === 'code');
  const text = c?.text.trim() ?? '';
  return DIGITS.test(text) ? text : null;
}

const codedCache = new WeakMap<DerivedTable, CodedRow[]>();

const codedRowCache = new WeakMap<Row, CodedRow | null>();

export function codedRows(t: DerivedTable): CodedRow[] {
  let out = codedCache.get(t);
  if (!out) {
    out = [];
    for (const row of t.body) {
      if (row.role === 'header') continue;
      let coded = codedRowCache.get(row);
      if (coded === undefined) {
        const code = rowCode(row);
        coded = code ? { code, row } : null;
        codedRowCache.set(row, coded);
      }
      if (coded) out.push(coded);
    }
    codedCache.set(t, out);
  }
  return out;
}

/** The printed name on a coded row. */
export function rowName(row: Row): string {
  return row.cells.find((c) => c.kind === 'name')?.text ?? '';
}

export function moneyColumns(t: DerivedTable): string[] {
  return t.columns.filter((c) => c.kind === 'money').map((c) => c.key);
}

// ------------------------------------------------------------------------------------------------
// Column and row labels (for messages and readable locations)

const colLabelCache = new WeakMap<DerivedTable, Map<string, string>>();

/** A column's header text, top to bottom through merged cells: '2024年预算数 基本支出', '总计'. */
export function columnLabel(t: DerivedTable, col: string): string {
  let m = colLabelCache.get(t);
  if (!m) {
    m = new Map();
    colLabelCache.set(t, m);
  }
  const hit = m.get(col);
  if (hit !== undefined) return hit;
  const index = t.columns.findIndex((c) => c.key === col);
  const parts: string[] = [];
  if (index >= 0) {
    for (let r = 0; r < t.header.length; r++) {
      const text = headerTextAt(t.header, r, index);
      if (text && parts[parts.length - 1] !== text) parts.push(text);
    }
  }
  const label = parts.join(' ').replace(/\s+/g, ' ').trim();
  m.set(col, label);
  return label;
}

/** The text shown at (r, c) of header rows: a covered cell shows its merge origin's text. */
function headerTextAt(rows: readonly Row[], r: number, c: number): string {
  const cell = rows[r]?.cells[c];
  if (!cell) return '';
  if (!cell.covered) return cell.text.replace(/\s+/g, '');
  // Origin: to the left in the same row (a column merge), else above in the same column (a row merge).
  for (let cc = c - 1; cc >= 0; cc--) {
    const x = rows[r].cells[cc];
    if (x.covered) continue;
    if ((x.colSpan ?? 1) > c - cc) return x.text.replace(/\s+/g, '');
    break;
  }
  for (let rr = r - 1; rr >= 0; rr--) {
    const x = rows[rr].cells[c];
    if (!x || x.covered) continue;
    return (x.rowSpan ?? 1) > r - rr ? x.text.replace(/\s+/g, '') : '';
  }
  return '';
}

// ------------------------------------------------------------------------------------------------
// Rule construction

export interface TableRuleSpec {
  id: string;
  severity: Severity;
  title: string;
  /** Template ids the rule applies to; absent: every table. */
  tables?: readonly string[];
  inputs?: RuleDeps['inputs'];
  checkTable(t: DerivedTable, ctx: RuleContext): Finding[];
}

/** A rule that looks at one table at a time (so a session re-runs it only on tables that changed). */
export interface TableRule extends Rule {
  checkTable(t: DerivedTable, ctx: RuleContext): Finding[];
  appliesTo(tableId: string): boolean;
}

export function tableRule(spec: TableRuleSpec): TableRule {
  const set = spec.tables ? new Set(spec.tables) : null;
  const appliesTo = (id: string) => !set || set.has(templateOf(id));
  const rule: TableRule = {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    deps: { ...(spec.tables ? { tables: spec.tables } : {}), ...(spec.inputs ? { inputs: spec.inputs } : {}) },
    appliesTo,
    checkTable: spec.checkTable,
    check(ctx) {
      const out: Finding[] = [];
      for (const t of ctx.tables) if (appliesTo(t.id)) pushAll(out, checkOneTable(rule, t, ctx));
      return out;
    },
  };
  return rule;
}

export function isTableRule(r: Rule): r is TableRule {
  return typeof (r as Partial<TableRule>).checkTable === 'function' && typeof (r as Partial<TableRule>).appliesTo === 'function';
}

// ------------------------------------------------------------------------------------------------
// Labels of amounts in tree and list tables

/** '表三合计', '表三 215 资源勘探工业信息等支出'. */
export function rowLabel(t: DerivedTable, row: Row): string {
  if (row.key === 'total' || row.role === 'total') return `${t.no}合计`;
  const code = rowCode(row);
  if (code) return `${t.no} ${code} ${rowName(row)}`.trimEnd();
  const named = row.cells.find((c) => !c.covered && (c.col === 'projectName' || c.col === 'item') && c.text);
  if (named) return `${t.no}“${named.text}”`;
  const label = row.cells.find((c) => !c.covered && c.kind === 'label' && c.text);
  return label ? `${t.no}“${label.text}”` : t.no;
}

/** A cell of a row as an Amount labelled '表三 215 资源勘探工业信息等支出（总计）'. */
export function rowAmount(t: DerivedTable, row: Row, col: string, label?: Label): Amount | null {
  const cell = cellIn(row, col);
  if (!cell) return null;
  const fen = cellFen(cell);
  if (fen === null) return null;
  return makeAmount(
    fen,
    label ??
      (() => {
        const colText = columnLabel(t, col);
        return colText ? `${rowLabel(t, row)}（${colText}）` : rowLabel(t, row);
      }),
    [cellRef(t.id, row.key, col)],
  );
}

/** True when any money cell of the row is non-zero (or unreadable). */
export function rowHasMoney(row: Row): boolean {
  return row.cells.some((c) => c.kind === 'money' && !c.covered && cellFen(c) !== 0);
}

// ------------------------------------------------------------------------------------------------
// Forms (表十五, 表十六/十七): values sit to the right of their printed label

/** The first uncovered cell to the right of a label matching `label` (e.g. '当年预算' → its amount). */
export function formValue(t: DerivedTable | undefined, label: RegExp): { row: Row; cell: Cell } | undefined {
  if (!t) return undefined;
  for (const row of t.body) {
    const i = row.cells.findIndex((c) => !c.covered && c.kind === 'label' && label.test(c.text));
    if (i < 0) continue;
    for (let j = i + 1; j < row.cells.length; j++) if (!row.cells[j].covered) return { row, cell: row.cells[j] };
  }
  return undefined;
}

/** A form value as an Amount (null when absent or unreadable). */
export function formAmount(t: DerivedTable | undefined, label: RegExp, name: string): Amount | null {
  const hit = formValue(t, label);
  if (!t || !hit) return null;
  const fen = cellFen(hit.cell);
  return fen === null ? null : { fen, label: name, cells: [cellRef(t.id, hit.row.key, hit.cell.col)] };
}

/** One table rule on one table; an exception becomes an 无法核验 finding (the same in every engine). */
export function checkOneTable(rule: TableRule, t: DerivedTable, ctx: RuleContext): Finding[] {
  try {
    return rule.checkTable(t, ctx);
  } catch (e) {
    return [ruleFailure(rule, e)];
  }
}

/** A per-table-object memo: derived tables never change once made, so neither do facts read from them. */
export function perTable<T>(read: (t: DerivedTable) => T): (t: DerivedTable) => T {
  const cache = new WeakMap<DerivedTable, T>();
  return (t) => {
    let v = cache.get(t);
    if (v === undefined) cache.set(t, (v = read(t)));
    return v;
  };
}

/**
 * A per-row memo for row-local checks. Rows are never mutated once derived and an incremental
 * re-derivation keeps the rows it did not touch, so a row's findings are computed once.
 */
export function rowMemo<T>(fn: (t: DerivedTable, row: Row) => T): (t: DerivedTable, row: Row) => T {
  const cache = new WeakMap<Row, T>();
  return (t, row) => {
    let v = cache.get(row);
    if (v === undefined) cache.set(row, (v = fn(t, row)));
    return v;
  };
}

const byTemplateCache = new WeakMap<readonly DerivedTable[], Map<string, DerivedTable[]>>();

/** The tables of one template ('t17' → every project block), in order. */
export function tablesOf(ctx: RuleContext, template: string): readonly DerivedTable[] {
  let m = byTemplateCache.get(ctx.tables);
  if (!m) {
    m = new Map();
    for (const t of ctx.tables) {
      const k = templateOf(t.id);
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    }
    byTemplateCache.set(ctx.tables, m);
  }
  return m.get(template) ?? [];
}

/** True when a column of `total` differs from the sum over `parts` (raw, no labels built); unreadable cells count as agreeing. */
export function sumDiffers(total: Row, parts: readonly Row[], col: string): boolean {
  const t = cellFen(cellIn(total, col));
  if (t === null) return false;
  const fens: Fen[] = [];
  for (const p of parts) {
    const f = cellFen(cellIn(p, col));
    if (f === null) return false;
    fens.push(f);
  }
  return sumFen(fens) !== t;
}
