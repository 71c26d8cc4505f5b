/**
 * A worksheet as a plain grid of cells: raw value for amounts, display text for labels, and merges
 * made explicit (a covered cell has no value of its own; `master` points at the merge's first cell).
 */
import { formatCount } from '../money/money';
import type ExcelJS from 'exceljs';
import { normalizeName } from '../catalog/catalog';
import { WORKBOOK_LIMITS } from './container';
import { ImportError } from './errors';

export interface GridCell {
  row: number; // 1-based
  col: number; // 1-based
  /** The cell's own value; null when covered by a merge. */
  value: unknown;
  /** Display text of the value ('' when covered). */
  text: string;
  /** The first cell of the merge this cell belongs to (itself when not merged). */
  masterRow: number;
  masterCol: number;
  covered: boolean;
  numFmt: string;
}

export interface SheetGrid {
  name: string;
  rowCount: number;
  colCount: number;
  cell(row: number, col: number): GridCell;
  /** The text of the merge master covering (row, col): what a reader of the printed table sees there. */
  shown(row: number, col: number): string;
  /** The first row that belongs to this grid (rows above are another table's: a part of a sheet). */
  firstRow?: number;
}

/** Rows from..to of a sheet as a grid of their own, with the sheet's own row numbers (for messages). */
export function partOf(grid: SheetGrid, from: number, to: number): SheetGrid {
  const blank = (r: number, c: number): GridCell => ({ row: r, col: c, value: null, text: '', masterRow: r, masterCol: c, covered: false, numFmt: '' });
  const inside = (r: number) => r >= from && r <= to;
  return {
    name: grid.name,
    rowCount: to,
    colCount: grid.colCount,
    firstRow: from,
    cell: (r, c) => (inside(r) ? grid.cell(r, c) : blank(r, c)),
    shown: (r, c) => (inside(r) ? grid.shown(r, c) : ''),
  };
}

export function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a cell is, as a budget officer says it: 工作表“表五”第9行 D 列. */
export function where(sheet: string, row: number, col?: number): string {
  return `工作表“${sheet}”第${row}行${col ? ` ${colLetter(col)} 列` : ''}`;
}

function numberText(n: number, numFmt: string): string {
  if (/%/.test(numFmt)) {
    const decimals = /0\.(0+)%/.exec(numFmt)?.[1].length ?? 0;
    const v = n * 100;
    const rounded = Math.round(Math.abs(v) * 10 ** decimals) / 10 ** decimals;
    const sign = v < 0 && rounded !== 0 ? '-' : '';
    return `${sign}${rounded.toFixed(decimals)}%`;
  }
  return String(n);
}

/** Display text of an exceljs cell value. */
export function valueText(value: unknown, numFmt = ''): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => String(r?.text ?? '')).join('');
    if ('error' in v) return String(v.error);
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return valueText(v.result, numFmt);
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

/**
 * Rows and columns that hold a value or a merge (styled empty cells, often to column XFD, do not
 * count). A cell longer than Excel allows, or more columns than any table has, is refused here,
 * before any text is normalised or matched.
 */
function extent(ws: ExcelJS.Worksheet, file: string): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const refuse = (why: string): never => {
    throw new ImportError('too-large', `无法导入“${file}”：${why}`);
  };
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = cell.value;
      if (value === null || value === undefined || value === '') return;
      if (r > rows) rows = r;
      if (c > cols) cols = c;
      // A number, a truth value or a date is never longer than Excel allows: only text is measured.
      if (typeof value !== 'string' && typeof value !== 'object') return;
      const length = valueText(value).length;
      if (length > WORKBOOK_LIMITS.cellChars) {
        refuse(`${where(ws.name, r, c)}的单元格有 ${formatCount(length)} 个字符，超过 Excel 单元格的上限 ${formatCount(WORKBOOK_LIMITS.cellChars)} 个字符`);
      }
    });
  });
  if (cols > WORKBOOK_LIMITS.sheetColumns) {
    refuse(`工作表“${ws.name}”用到了第 ${formatCount(cols)} 列（${colLetter(cols)} 列），超过上限 ${WORKBOOK_LIMITS.sheetColumns} 列，不像是部门预算公开表格`);
  }
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const range of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const col = [...m[3]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    // A merge only counts where its master holds something (empty merged boxes are layout).
    if (Number(m[2]) <= rows) {
      cols = Math.max(cols, col);
      rows = Math.max(rows, Number(m[4]));
    }
  }
  return { rows, cols };
}

export function gridOf(ws: ExcelJS.Worksheet, file = '工作簿'): SheetGrid {
  const { rows: rowCount, cols: colCount } = extent(ws, file);
  const cells: GridCell[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const out: GridCell[] = [];
    for (let c = 1; c <= colCount; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const covered = master.address !== cell.address;
      const numFmt = (cell.numFmt as string | undefined) ?? '';
      const value = covered ? null : cell.value;
      out.push({
        row: r,
        col: c,
        value,
        text: covered ? '' : valueText(value, numFmt).trim(),
        masterRow: Number(master.row),
        masterCol: Number(master.col),
        covered,
        numFmt,
      });
    }
    cells.push(out);
  }
  const blank = (r: number, c: number): GridCell => ({ row: r, col: c, value: null, text: '', masterRow: r, masterCol: c, covered: false, numFmt: '' });
  const cell = (r: number, c: number) => cells[r - 1]?.[c - 1] ?? blank(r, c);
  return {
    name: ws.name,
    rowCount,
    colCount,
    cell,
    shown(r, c) {
      const x = cell(r, c);
      return x.covered ? cell(x.masterRow, x.masterCol).text : x.text;
    },
  };
}

/** True when no cell of the row has a value of its own. */
export function rowIsBlank(grid: SheetGrid, row: number): boolean {
  for (let c = 1; c <= grid.colCount; c++) if (grid.cell(row, c).text !== '') return false;
  return true;
}

/** The non-empty master texts of a row. */
export function rowTexts(grid: SheetGrid, row: number): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  for (let c = 1; c <= grid.colCount; c++) {
    const x = grid.cell(row, c);
    if (!x.covered && x.text !== '') out.push({ col: c, text: x.text });
  }
  return out;
}

// ---------------------------------------------------------------- text normalisation

/** Full-width digits, letters and common punctuation to half-width. */
export function halfWidth(s: string): string {
  if (!HAS_FULL_WIDTH.test(s)) return s; // most labels: nothing to change, nothing to allocate
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => {
      if (ch === '（' || ch === '）') return ch; // brackets are unified by normalizeName
      return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    })
    .replace(/\u3000/g, ' ');
}
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** labelKey's results by year ('' without one): the importer keys the same labels and headers again and again (bounded). */
const labelKeys = new Map<number | '', Map<string, string>>();

/**
 * The comparison key of a label or header text: whitespace and line breaks removed, brackets and
 * quotes unified (normalizeName), full-width forms half-width, 4-digit years relative to the budget
 * year ('2024年' → '本年', '2023年' → '上年') so a template header matches the printed one.
 */
export function labelKey(text: string, year?: number | null): string {
  const slot = year || '';
  let keys = labelKeys.get(slot);
  if (!keys) labelKeys.set(slot, (keys = new Map()));
  let s = keys.get(text);
  if (s !== undefined) return s;
  s = normalizeName(halfWidth(text)).replace(/[：:]/g, ':').replace(/[％]/g, '%');
  if (year) {
    s = s.replace(/(\d{4})年/g, (m, y: string) => (Number(y) === year ? '本年' : Number(y) === year - 1 ? '上年' : m));
  }
  if (keys.size >= 20_000) keys.clear();
  keys.set(text, s);
  return s;
}

/** A title's comparison key: labelKey without quotes of any kind. */
export function titleKey(text: string): string {
  let key = titleKeys.get(text);
  if (key === undefined) {
    key = labelKey(text).replace(/["'“”‘’「」『』]/g, '');
    if (titleKeys.size >= 20_000) titleKeys.clear();
    titleKeys.set(text, key);
  }
  return key;
}
/** titleKey's results (bounded, keyed by the text): every row of a sheet is asked whether it is a title. */
const titleKeys = new Map<string, string>();

/** The budget year a title or header states ('2024年…'), full-width digits accepted. */
export function yearIn(text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(halfWidth(text));
  return m ? Number(m[1]) : null;
}
