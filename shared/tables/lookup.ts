/**
 * Reading a derived table: a row by key, a cell by column, a summary line (表一/表四 style) by its
 * semantic key, a row's code and name, a column's header text, a cell's amount. Rules, the command
 * line and describeCell read tables only through these (derived tables are never mutated, so the
 * indexes are cached per table object).
 */
import { addFen, parseAmount, type Fen } from '../money/money';
import type { Cell, DerivedTable, Row } from './types';

/** Summary tables put a semantic key on their cells, e.g. 'income:gpb', 'class:215'. */
export type LineCell = Cell & { line?: string };

/**
 * Per table, the body position of each key's first row. A re-derived table whose body has the same
 * keys in the same order (rows replaced in place) shares its predecessor's (carryRowIndex): a
 * function tree of 600 rows then costs no new index per edit.
 */
const rowIndex = new WeakMap<DerivedTable, Map<string, number>>();
/**
 * Summary line → column → where its (first) cell is: body row position × CELLS + cell position
 * (only summary tables have lines; built on first use). Places, not objects: a table whose rows
 * print the same lines in the same cells as its predecessor's shares its index (carryLineIndex).
 */
const lineIndex = new WeakMap<DerivedTable, Map<string, Map<string, number>>>();
/** The cell positions a place can hold (a row of more cells is not indexed by place). */
const CELLS = 0x10000;

function positionsOf(t: DerivedTable): Map<string, number> {
  let at = rowIndex.get(t);
  if (!at) {
    at = new Map();
    const body = t.body;
    for (let i = 0; i < body.length; i++) if (!at.has(body[i].key)) at.set(body[i].key, i);
    rowIndex.set(t, at);
  }
  return at;
}

/**
 * Lets `t` use the row index of `old` when its body has the same keys in the same order (a table
 * re-derived after an edit, most of its rows kept): a pass over the keys instead of a new index.
 * Its summary-line index, too, when the replaced rows print the same lines (carryLineIndex).
 */
export function carryRowIndex(t: DerivedTable, old: DerivedTable): void {
  if (t === old) return;
  carryLineIndex(t, old);
  const at = rowIndex.get(old);
  if (!at || rowIndex.has(t) || t.body.length !== old.body.length) return;
  for (let i = 0; i < t.body.length; i++) if (t.body[i].key !== old.body[i].key) return;
  rowIndex.set(t, at);
}

/**
 * `t`'s summary-line index is `old`'s when both bodies have as many rows and each replaced row
 * prints the same lines in the same columns as the row it replaces (an amount changed): the index
 * holds places, which stay the same. A summary table of 30 rows is re-derived on every function
 * edit; its index then costs nothing, not 60 maps and 200 entries made again.
 */
function carryLineIndex(t: DerivedTable, old: DerivedTable): void {
  const was = lineIndex.get(old);
  if (!was || lineIndex.has(t) || t.body.length !== old.body.length) return;
  // The replaced rows must have the same (line, column) pairs at the same cells.
  for (let i = 0; i < t.body.length; i++) {
    const row = t.body[i];
    const prev = old.body[i];
    if (row === prev) continue;
    if (row.cells.length !== prev.cells.length) return;
    for (let j = 0; j < row.cells.length; j++) {
      const c = row.cells[j];
      const p = prev.cells[j];
      if ((c as LineCell).line !== (p as LineCell).line || c.col !== p.col) return;
    }
  }
  lineIndex.set(t, was);
}

function linesOf(t: DerivedTable): Map<string, Map<string, number>> {
  let lines = lineIndex.get(t);
  if (!lines) {
    lines = new Map();
    const body = t.body;
    for (let i = 0; i < body.length; i++) {
      const cells = body[i].cells;
      for (let j = 0; j < cells.length && j < CELLS; j++) {
        const cell = cells[j];
        const line = (cell as LineCell).line;
        if (!line) continue;
        let cols = lines.get(line);
        if (!cols) lines.set(line, (cols = new Map()));
        if (!cols.has(cell.col)) cols.set(cell.col, i * CELLS + j);
      }
    }
    lineIndex.set(t, lines);
  }
  return lines;
}

/** The cell of a summary line ('income:gpb', 'class:215') in a column (nothing made per call). */
export function lineCell(t: DerivedTable | undefined, line: string, col: string): Cell | undefined {
  const at = t ? linesOf(t).get(line)?.get(col) : undefined;
  return at === undefined ? undefined : t!.body[Math.floor(at / CELLS)].cells[at % CELLS];
}

export function rowOf(t: DerivedTable | undefined, key: string): Row | undefined {
  if (!t) return undefined;
  const i = positionsOf(t).get(key);
  return i === undefined ? undefined : t.body[i];
}

export function cellIn(row: Row | undefined, col: string): Cell | undefined {
  if (!row) return undefined;
  for (const c of row.cells) if (c.col === col && !c.covered) return c;
  return undefined;
}

export function cellOf(t: DerivedTable | undefined, rowKey: string, col: string): Cell | undefined {
  return cellIn(rowOf(t, rowKey), col);
}

/** The row and cell of a summary line ('income:gpb', 'class:215') in a column (lineCell when only the cell is wanted). */
export function lineOf(t: DerivedTable | undefined, line: string, col: string): { row: Row; cell: Cell } | undefined {
  const at = t ? linesOf(t).get(line)?.get(col) : undefined;
  if (at === undefined) return undefined;
  const row = t!.body[Math.floor(at / CELLS)];
  return { row, cell: row.cells[at % CELLS] };
}

/** The label printed beside a summary line (its 'inLabel' or 'outLabel' cell with the same line key), if any. */
export function lineLabel(t: DerivedTable, line: string, side: 'in' | 'out'): string | undefined {
  return lineCell(t, line, side === 'in' ? 'inLabel' : 'outLabel')?.text;
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

/** The amount a money cell holds: its fen, or its printed text parsed; 0 for an absent cell; null if unreadable. */
export function cellFen(cell: Cell | undefined): Fen | null {
  if (!cell) return 0;
  if (cell.fen !== undefined) return cell.fen;
  const r = parseAmount(cell.text, { allowNegative: true });
  return r.ok ? r.fen : null;
}

/** True when any money cell of the row is non-zero (or unreadable). */
export function rowHasMoney(row: Row): boolean {
  return row.cells.some((c) => c.kind === 'money' && !c.covered && cellFen(c) !== 0);
}

/** True when a column of `total` differs from the sum over `parts` (raw, no labels built); unreadable cells count as agreeing. */
export function sumDiffers(total: Row, parts: readonly Row[], col: string): boolean {
  const t = cellFen(cellIn(total, col));
  if (t === null) return false;
  // Summed in place (addFen checks each partial sum as sumFen does): no array per call.
  let sum: Fen = 0;
  for (const p of parts) {
    const f = cellFen(cellIn(p, col));
    if (f === null) return false;
    sum = addFen(sum, f);
  }
  return sum !== t;
}

export function moneyColumns(t: DerivedTable): string[] {
  return t.columns.filter((c) => c.kind === 'money').map((c) => c.key);
}

// ------------------------------------------------------------------------------------------------
// Classification trees

const DIGITS = /^\d+$/;

/** The code of a body row: its key when that is a code, else the text of its code cell. */
export function rowCode(row: Row): string | null {
  if (DIGITS.test(row.key)) return row.key;
  const c = row.cells.find((x) => x.kind === 'code');
  const text = c?.text.trim() ?? '';
  return DIGITS.test(text) ? text : null;
}

/** The printed name on a coded row. */
export function rowName(row: Row): string {
  return row.cells.find((c) => c.kind === 'name')?.text ?? '';
}

// ------------------------------------------------------------------------------------------------
// Column headers

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

/** '表三合计', '表三 215 资源勘探工业信息等支出', '表十三“项目名”'. */
export function rowLabel(t: DerivedTable, row: Row): string {
  if (row.key === 'total' || row.role === 'total') return `${t.no}合计`;
  const code = rowCode(row);
  if (code) return `${t.no} ${code} ${rowName(row)}`.trimEnd();
  const named = row.cells.find((c) => !c.covered && (c.col === 'projectName' || c.col === 'item') && c.text);
  if (named) return `${t.no}“${named.text}”`;
  const label = row.cells.find((c) => !c.covered && c.kind === 'label' && c.text);
  return label ? `${t.no}“${label.text}”` : t.no;
}
