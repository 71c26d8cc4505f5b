/**
 * The printed words that name a column, a row and a cell of a derived table: the header path above
 * a column ('2024年基本支出·总计'), a row's short label ('30201 办公费', '绩效指标 1（…）'), the label
 * before a form cell ('业务主管部门'). The grid's headers and toasts and describeCell (CLI, import,
 * problems panel) read them here.
 */
import type { ColumnDef, DerivedTable, Row } from '../tables/types';
import { indicatorIndex } from '../model/rows';

/** The label cell printed to the left of a cell in its row (forms, 表一/表四 lines), '' when none. */
export function leftLabel(row: Row, col: string): string {
  const i = row.cells.findIndex((c) => c.col === col);
  for (let j = i - 1; j >= 0; j--) {
    const c = row.cells[j];
    if (!c.covered && c.kind === 'label' && c.text.trim()) return c.text.trim();
  }
  return '';
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
export function cellTitle(table: DerivedTable, rowKey: string, col: string, titles?: Record<string, string>): string {
  const i = table.body.findIndex((r) => r.key === rowKey);
  const row = table.body[i];
  if (row?.role === 'indicator') {
    const head = table.body.slice(0, i).reverse().find((r) => r.role === 'header');
    return head?.cells.find((c) => c.col === col && !c.covered)?.text ?? '';
  }
  if (row?.role === 'form') return leftLabel(row, col);
  return (titles ?? columnTitles(table))[col] ?? '';
}

export function rowLabel(table: DerivedTable, row: Row): string {
  if (row.role === 'indicator') {
    const name = row.cells.find((c) => !c.covered && c.kind === 'text')?.text ?? '';
    const n = `绩效指标 ${(indicatorIndex(row.key) ?? 0) + 1}`;
    return name ? `${n}（${name.length > 16 ? `${name.slice(0, 16)}…` : name}）` : n;
  }
  const texts = row.cells.filter((c) => !c.covered && c.text && c.kind !== 'money' && c.kind !== 'percent');
  if (row.cells[0]?.kind === 'code' && texts.length >= 2) return `${texts[0].text} ${texts[1].text}`;
  const first = texts[0]?.text ?? row.key;
  return first.length > 24 ? `${first.slice(0, 24)}…` : first;
}

/**
 * A cell as the window's messages name it: '“30205 水费”的“2024年基本支出·总计”', a form cell by
 * its label alone ('“业务主管部门”', never an internal column key); '' when the cell is unknown.
 */
export function quotedCellName(table: DerivedTable | undefined, rowKey: string, col: string): string {
  const row = table?.body.find((r) => r.key === rowKey);
  if (!table || !row) return '';
  const title = cellTitle(table, rowKey, col);
  if (row.role === 'form') return `“${title || rowLabel(table, row)}”`;
  return title ? `“${rowLabel(table, row)}”的“${title}”` : `“${rowLabel(table, row)}”`;
}
