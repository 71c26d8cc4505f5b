/**
 * Pure functions from a DerivedTable to what ag-grid needs: grouped column definitions from the
 * table's header rows (spans), one plain row object per body row, and a row-height estimate for
 * form tables whose texts wrap. No DOM, no Svelte: unit-testable.
 */
import type { Cell, ColumnDef, DerivedTable, Row, RowRole } from '../../shared/tables';
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

export interface LeafSpec {
  kind: 'leaf';
  col: ColumnDef;
  headerName: string;
}

export interface GroupSpec {
  kind: 'group';
  headerName: string;
  groupId: string;
  children: HeaderSpec[];
}

export type HeaderSpec = LeafSpec | GroupSpec;

/** Column header tree: a header cell reaching the last header row is a leaf; otherwise a group. */
export function headerTree(table: DerivedTable): HeaderSpec[] {
  const rows = table.header;
  const cols = table.columns;
  if (rows.length === 0) return cols.map((col) => ({ kind: 'leaf', col, headerName: '' }));
  let groupSeq = 0;
  const build = (r: number, c0: number, c1: number): HeaderSpec[] => {
    const out: HeaderSpec[] = [];
    let c = c0;
    while (c < c1) {
      const cell = rows[r]?.cells[c];
      if (!cell || cell.covered) {
        // Covered from the left by a merge that started outside this range: should not happen in
        // a well-formed template; show the column with no text rather than failing.
        out.push({ kind: 'leaf', col: cols[c], headerName: '' });
        c++;
        continue;
      }
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, c1 - c));
      const rs = Math.max(1, cell.rowSpan ?? 1);
      if (r + rs >= rows.length) {
        if (span === 1) out.push({ kind: 'leaf', col: cols[c], headerName: cell.text });
        else
          out.push({
            kind: 'group',
            headerName: cell.text,
            groupId: `g${groupSeq++}`,
            children: cols.slice(c, c + span).map((col) => ({ kind: 'leaf', col, headerName: '' })),
          });
      } else {
        out.push({ kind: 'group', headerName: cell.text, groupId: `g${groupSeq++}`, children: build(r + rs, c, c + span) });
      }
      c += span;
    }
    return out;
  };
  return build(0, 0, cols.length);
}

/** The header names above a column, outermost first (for messages: '2024年基本支出·总计'). */
export function columnTitles(table: DerivedTable): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (specs: HeaderSpec[], path: string[]) => {
    for (const s of specs) {
      if (s.kind === 'leaf') out[s.col.key] = [...path, s.headerName].filter(Boolean).join('·');
      else walk(s.children, [...path, s.headerName]);
    }
  };
  walk(headerTree(table), []);
  return out;
}

/**
 * The printed heading of one cell's column: in a form table (表十五–十七) a value cell is named by
 * the label before it ('业务主管部门') and an indicator cell by the 绩效指标 header row ('指标性质');
 * elsewhere by the header rows ('2024年基本支出·总计'). '' when the table prints none.
 */
export function cellTitle(table: DerivedTable, rowKey: string, col: string, titles: Record<string, string> = columnTitles(table)): string {
  const i = table.body.findIndex((r) => r.key === rowKey);
  const row = table.body[i];
  if (row?.role === 'indicator') {
    const head = table.body.slice(0, i).reverse().find((r) => r.role === 'header');
    return head?.cells.find((c) => c.col === col && !c.covered)?.text ?? '';
  }
  if (row?.role === 'form') {
    const at = row.cells.findIndex((c) => c.col === col);
    for (let k = at - 1; k >= 0; k--) {
      const c = row.cells[k];
      if (!c.covered && c.kind === 'label' && c.text) return c.text;
    }
    return '';
  }
  return titles[col] ?? '';
}

export function rowLabel(table: DerivedTable, row: Row): string {
  if (row.role === 'indicator') {
    const name = row.cells.find((c) => !c.covered && c.kind === 'text')?.text ?? '';
    const n = `绩效指标 ${Number(row.key.replace(/^ind:/, '')) + 1}`;
    return name ? `${n}（${name.length > 16 ? `${name.slice(0, 16)}…` : name}）` : n;
  }
  const texts = row.cells.filter((c) => !c.covered && c.text && c.kind !== 'money' && c.kind !== 'percent');
  if (row.cells[0]?.kind === 'code' && texts.length >= 2) return `${texts[0].text} ${texts[1].text}`;
  const first = texts[0]?.text ?? row.key;
  return first.length > 24 ? `${first.slice(0, 24)}…` : first;
}

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
