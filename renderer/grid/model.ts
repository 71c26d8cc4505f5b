/**
 * Pure functions from a DerivedTable to what ag-grid needs: grouped column definitions from the
 * table's header rows (spans), one plain row object per body row, and a row-height estimate for
 * form tables whose texts wrap. No DOM, no Svelte: unit-testable.
 */
import type { Cell, ColumnDef, DerivedTable, InputRef, Row, RowRole } from '../../shared/tables';

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

export function rowLabel(table: DerivedTable, row: Row): string {
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
  if (col.kind === 'money' || col.kind === 'percent' || col.kind === 'number') return Math.round(col.width * 7.5 + 12);
  return Math.round(col.width * 8.5 + 12);
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

/** Row height for wrapping cells: enough lines for the longest text at its spanned width. */
export function rowHeight(table: DerivedTable, row: GridRow): number {
  const widths = table.columns.map(columnWidth);
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

export function sameRef(a: InputRef, b: InputRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The view (navigation entry) a derived table belongs to: 't17:p1' → 't17'. */
export function viewOf(tableId: string): string {
  const i = tableId.indexOf(':');
  return i < 0 ? tableId : tableId.slice(0, i);
}
