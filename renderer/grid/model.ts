/**
 * Pure functions from a DerivedTable to what ag-grid needs: grouped column definitions from the
 * table's header rows (spans), one plain row object per body row, and a row-height estimate for
 * form tables whose texts wrap. No DOM, no Svelte: unit-testable.
 */
import type { Cell, ColumnDef, DerivedTable, RowRole } from '../../shared/tables';
import { rowLabel } from '../../shared/text/cells';
import { templateOf } from '../../shared/tables/roles';

export type MarkSeverity = 'error' | 'warning' | 'info';

export interface CellMark {
  severity: MarkSeverity;
  messages: string[];
}

/** One grid row: the derived row's cells by column key, and the rule marks of its cells. */
export interface GridRow {
  key: string;
  role: RowRole;
  level: number;
  cells: Record<string, Cell>;
  marks: Record<string, CellMark>;
  /** A short label naming the row in messages: '30201 办公费', '合计', '专项资金名称'. */
  label: string;
}

// Column headings and the names of rows and cells are words for people: shared/text/cells.ts.
export { headerTree, columnTitles, cellTitle, rowLabel, type LeafSpec, type GroupSpec, type HeaderSpec } from '../../shared/text/cells';

export interface MarkSource {
  findingsForCell(table: string, row: string, column: string): readonly { severity: string; message: string }[];
}

export function gridRows(table: DerivedTable, marks: MarkSource | null): GridRow[] {
  return table.body.map((row) => {
    const cells: Record<string, Cell> = {};
    const rowMarks: Record<string, CellMark> = {};
    for (const cell of row.cells) {
      cells[cell.col] = cell;
      if (!marks || cell.covered) continue;
      const found = marks.findingsForCell(table.id, row.key, cell.col);
      if (found.length === 0) continue;
      let severity: MarkSeverity = 'info';
      for (const f of found) {
        if (f.severity === 'error') severity = 'error';
        else if (f.severity === 'warning' && severity !== 'error') severity = 'warning';
      }
      rowMarks[cell.col] = { severity, messages: found.map((f) => f.message) };
    }
    return { key: row.key, role: row.role, level: row.level, cells, marks: rowMarks, label: rowLabel(table, row) };
  });
}

/**
 * Column width in px from the template's width in characters (xlsx units). Texts keep a generous
 * 8.5 px per character (CJK names, indented); amounts are digits (≈7.5 px each at 13 px, bold), so
 * a 14-character money column still holds 99,999,999.99 and the wide tables need less scrolling.
 */
export function columnWidth(col: ColumnDef): number {
  if (isAmount(col)) return Math.round(col.width * 7.5 + 12);
  return Math.round(col.width * 8.5 + 12);
}

function isAmount(col: ColumnDef): boolean {
  return col.kind === 'money' || col.kind === 'percent' || col.kind === 'number';
}

/** The narrowest a text column of a fitted form table gets (px): four CJK characters and padding. */
export const MIN_FIT_WIDTH = 72;

/**
 * The column widths (px, in column order) a table is laid out with in `available` px. Non-form
 * tables, and form tables that fit, keep the template's widths (a wide list table scrolls sideways
 * with its code and name frozen). A form table (表十五, 表十六/十七) wider than `available` has its
 * text columns scaled down proportionally, none below MIN_FIT_WIDTH (or its own width if that is
 * less), so all its columns are in view and its texts wrap; amounts keep their width. If even the
 * minimums do not fit, the minimums are used and the grid scrolls.
 */
export function columnWidths(table: DerivedTable, available?: number): number[] {
  const natural = table.columns.map(columnWidth);
  if (available === undefined || !(available > 0) || !isForm(table)) return natural;
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural;
  const min = table.columns.map((c, i) => (isAmount(c) ? natural[i] : Math.min(natural[i], MIN_FIT_WIDTH)));
  // Scale the free text columns; a column that would go below its minimum is pinned there (an
  // amount is pinned at its own width) and the others share the rest.
  const pinned = table.columns.map((c) => isAmount(c));
  for (;;) {
    let fixed = 0;
    let free = 0;
    natural.forEach((w, i) => {
      if (pinned[i]) fixed += min[i];
      else free += w;
    });
    const scale = free > 0 ? Math.max(0, available - fixed) / free : 1;
    const below = natural.map((w, i) => !pinned[i] && w * scale < min[i]);
    if (!below.some(Boolean)) {
      const out = natural.map((w, i) => (pinned[i] ? min[i] : Math.floor(w * scale)));
      // The pixels lost to rounding go to the widest free column: the table ends at the edge.
      const widest = out.reduce((b, w, i) => (!pinned[i] && (b < 0 || w > out[b]) ? i : b), -1);
      if (widest >= 0) out[widest] += Math.max(0, available - out.reduce((a, w) => a + w, 0));
      return out;
    }
    below.forEach((b, i) => {
      if (b) pinned[i] = true;
    });
  }
}

/**
 * The leading row-label columns (科目编码, 科目名称) stay in view while a wide table scrolls
 * sideways, like frozen panes in Excel.
 */
export function frozenColumns(table: DerivedTable): string[] {
  const out: string[] = [];
  for (const col of table.columns) {
    if (col.kind !== 'code' && col.kind !== 'name') break;
    out.push(col.key);
  }
  return out;
}

/** Whether the table is a form (no header rows: 表十五, 表十六/十七) or has merged body cells. */
export function isForm(table: DerivedTable): boolean {
  return table.header.length === 0 || table.body.some((r) => r.role === 'form' || r.role === 'indicator');
}

export function hasRowSpans(table: DerivedTable): boolean {
  return table.body.some((r) => r.cells.some((c) => (c.rowSpan ?? 1) > 1));
}

/** Approximate rendered width of a text at 13px: CJK ≈ 13px, Latin/digits ≈ 7.2px. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 13 : 7.2;
  return w;
}

export const LINE_HEIGHT = 18;
export const BASE_ROW_HEIGHT = 28;

/**
 * Row height for wrapping cells: enough lines for the longest text at its spanned width, the
 * columns as wide as laid out (`widths`, from columnWidths; the template's widths by default).
 */
export function rowHeight(table: DerivedTable, row: GridRow, widths: readonly number[] = table.columns.map(columnWidth)): number {
  let lines = 1;
  table.columns.forEach((col, i) => {
    const cell = row.cells[col.key];
    if (!cell || cell.covered || !cell.text || (cell.rowSpan ?? 1) > 1) return;
    let w = 0;
    for (let k = 0; k < (cell.colSpan ?? 1) && i + k < widths.length; k++) w += widths[i + k];
    const avail = Math.max(40, w - 18);
    lines = Math.max(lines, Math.ceil(textWidth(cell.text) / avail));
  });
  return lines <= 1 ? BASE_ROW_HEIGHT : lines * LINE_HEIGHT + 10;
}

/** The view (navigation entry) a derived table belongs to: a block's table (templateOf). */
export const viewOf = templateOf;
