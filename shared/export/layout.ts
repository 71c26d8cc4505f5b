/**
 * What every publication format shares, computed once from the neutral row model (DerivedTable):
 * sheets (tables grouped by their number, 表十七 blocks stacked), column widths that fit the text,
 * how many lines a wrapped cell needs, and how a cell is aligned. xlsx.ts and html.ts only render.
 */
import { maxOf } from '../arrays';
import { catalogueTitleOf } from '../tables/derive';
import type { Cell, ColumnDef, DerivedTable, Row } from '../tables/types';

/** Width of one UTF-16 code unit's character: CJK and full-width characters count two. */
function charWidth(cp: number): number {
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp === 0x201c ||
    cp === 0x201d ||
    cp === 0x2018 ||
    cp === 0x2019 ||
    cp === 0x2026 ||
    cp === 0x2014
    ? 2
    : 1;
}

/** Whether a surrogate pair (one character, width 1: nothing above U+FFFF is wide here) starts at i. */
const pairAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
};

/** Display width in half-width units: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    if (pairAt(s, i)) {
      w += 1;
      i++;
    } else w += charWidth(s.charCodeAt(i));
  }
  return w;
}

/** One sheet of the workbook / one group of pages: a table, or all blocks of a table (表十七). */
export interface SheetGroup {
  no: string; // '表十七'; also the xlsx sheet name
  tables: DerivedTable[];
}

/** Tables grouped by number, in order: each 表 once, its project blocks one after another. */
export function sheetGroups(tables: readonly DerivedTable[]): SheetGroup[] {
  const groups: SheetGroup[] = [];
  const byNo = new Map<string, SheetGroup>();
  for (const t of tables) {
    let g = byNo.get(t.no);
    if (!g) {
      g = { no: t.no, tables: [] };
      byNo.set(t.no, g);
      groups.push(g);
    }
    g.tables.push(t);
  }
  return groups;
}

/** Longest text a column may need before it wraps (long names, paragraphs wrap instead). */
const MAX_WIDTH: Record<ColumnDef['kind'], number> = {
  label: 40,
  code: 14,
  name: 48,
  money: 22,
  percent: 12,
  text: 44,
  number: 14,
};

/** Indentation of a tree row's name, in half-width units (款 one step, 项 two). */
export function indentOf(row: Row, cell: Cell): number {
  if (cell.kind !== 'name' || row.level < 2) return 0;
  return (row.level - 1) * 2;
}

/**
 * Column widths in half-width characters (= xlsx width units): the template's width, widened to
 * the longest single-column cell (header and body) up to a cap, so figures never show as ####.
 */
export function columnWidths(group: SheetGroup): number[] {
  const first = group.tables[0];
  const widths = first.columns.map((c) => c.width);
  for (const t of group.tables) {
    for (const row of [...t.header, ...t.body]) {
      row.cells.forEach((cell, i) => {
        if (cell.covered || (cell.colSpan ?? 1) > 1 || !cell.text || i >= widths.length) return;
        const kind = t.columns[i].kind;
        const longest = maxOf(cell.text.split('\n').map(displayWidth)) + indentOf(row, cell) + 2;
        const cap = row.role === 'header' ? widths[i] : Math.max(widths[i], MAX_WIDTH[kind]);
        widths[i] = Math.max(widths[i], Math.min(longest, cap));
      });
    }
  }
  return widths;
}

/** Lines a text needs in a box `width` half-width characters wide (hard breaks respected). */
export function wrappedLines(text: string, width: number): number {
  if (!text) return 1;
  const per = Math.max(2, width);
  return text.split('\n').reduce((n, para) => {
    // Most cells fit on one line: nothing to fill.
    if (displayWidth(para) <= per) return n + 1;
    // Greedy fill character by character: a wide character never splits across lines.
    let lines = 1;
    let used = 0;
    for (let i = 0; i < para.length; i++) {
      let w: number;
      if (pairAt(para, i)) {
        w = 1;
        i++;
      } else w = charWidth(para.charCodeAt(i));
      if (used + w > per) {
        lines++;
        used = 0;
      }
      used += w;
    }
    return n + lines;
  }, 0);
}

/** Width of a cell including the columns it spans. */
export function spanWidth(widths: readonly number[], col: number, cell: Cell): number {
  let w = 0;
  for (let i = col; i < col + (cell.colSpan ?? 1) && i < widths.length; i++) w += widths[i];
  return w;
}

/** Lines the tallest cell of a row needs at the given widths (cells spanning rows share them). */
export function rowLines(row: Row, widths: readonly number[], padding = 2): number {
  let lines = 1;
  row.cells.forEach((cell, i) => {
    if (cell.covered || !cell.text) return;
    const need = wrappedLines(cell.text, spanWidth(widths, i, cell) - padding - indentOf(row, cell));
    lines = Math.max(lines, Math.ceil(need / (cell.rowSpan ?? 1)));
  });
  return lines;
}

export type Align = 'left' | 'center' | 'right';

/** Columns at most this wide hold short values (权重, 计量单位, 指标值, 是/否): centred in indicator rows. */
const SHORT_COLUMN = 16;

/** How a cell sits in its box, the same in every format. */
export function alignOf(row: Row, cell: Cell, column?: ColumnDef): Align {
  if (row.role === 'header') return 'center';
  if (row.role === 'indicator' && column && column.width <= SHORT_COLUMN && (cell.kind === 'text' || cell.kind === 'number')) {
    return 'center';
  }
  switch (cell.kind) {
    case 'money':
    case 'percent':
    case 'number':
      return 'right';
    case 'label':
      // '合计', the labels of a form (部门(单位)名称, 当年预算): centred; summary lines (一、本年收入) read left.
      return row.role === 'line' || row.role === 'section' ? 'left' : 'center';
    default:
      return 'left';
  }
}

export function isBold(row: Row, cell: Cell): boolean {
  return !!cell.bold || row.role === 'header' || row.role === 'total';
}

/** The printed 增幅 '-11%' as a number of percent (-11), or null when it is not such a text. */
export function percentValue(text: string): number | null {
  const m = /^(-?\d+)%$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** The workbook's/page's heading of the 目录. */
export function catalogueTitle(year: number, district: string): string {
  return `${year}年${district}部门预算公开表（目录）`;
}

/** A table's title as the 目录 lists it: the subtitle joined in full-width brackets. */
export function catalogueEntry(t: DerivedTable): string {
  return catalogueTitleOf(t.title, t.subtitle);
}
