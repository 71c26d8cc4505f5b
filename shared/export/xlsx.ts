/**
 * The seventeen tables as one xlsx workbook, laid out like the official template: a 目录 sheet,
 * then one sheet per table (表十七: every project block one after another). Isomorphic: exceljs
 * runs in Node (CLI, tests) and in the browser/renderer alike; the result is plain bytes.
 *
 * Amounts are numbers (fen / 100) formatted '#,##0.00' with zero blank; 增幅 is the printed integer
 * percent as a number formatted '0%'; codes and every other text stay text.
 */
import ExcelJS from 'exceljs';
import { fenToYuanNumber } from '../money/money';
import { deflateStoredZip } from './zip';
import { catalogueRows } from '../tables/derive';
import type { Budget } from '../model/types';
import type { Cell, ColumnDef, DerivedTable, Row } from '../tables/types';
import type { TemplateSet } from '../tables/template-types';
import { alignOf, catalogueTitle, columnWidths, indentOf, isBold, percentValue, rowLines, sheetGroups, type SheetGroup } from './layout';

/** Positive; negative with a minus; zero blank; text as is. */
export const MONEY_FORMAT = '#,##0.00;-#,##0.00;;@';
export const PERCENT_FORMAT = '0%';
export const TEXT_FORMAT = '@';

export const WORKBOOK_CREATOR = '部门预算公开工作台';

const FONT = '宋体';
const BODY_SIZE = 10;
/** Points per text line at BODY_SIZE, and the padding of a row. */
const LINE_PT = 13.5;
const ROW_PAD_PT = 5;
const MIN_ROW_PT = 20;

/** Excel's largest row height. */
const MAX_ROW_PT = 409;

/**
 * Text XML can carry: a vertical tab or form feed (Word's soft line break, pasted) becomes a line
 * break, other control characters go (Excel would have to "repair" the file otherwise).
 */
export function xlsxText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u000b\u000c]/g, '\n').replace(/[\u0000-\u0008\u000e-\u001f\ufffe\uffff]/g, '');
}

/** A valid sheet name: at most 31 characters, none of []:*?/\ . */
export function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export interface XlsxOptions {
  /** Workbook creation date; default the file's 公开日期/批复日期, else 1 January of the year (deterministic). */
  created?: Date;
}

function createdDate(budget: Budget): Date {
  const iso = budget.meta.publishDate || budget.meta.approvalDate;
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return new Date(`${iso}T00:00:00Z`);
  return new Date(Date.UTC(budget.meta.year, 0, 1));
}

const font = (size: number, bold: boolean, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT,
  charset: 134, // GB2312: Excel picks the CJK face for 宋体
  size,
  bold,
  ...extra,
});

/**
 * One style object per distinct look, shared by every cell that has it: exceljs recognises an object
 * it has seen (a WeakMap) instead of rendering each cell's style to XML to find its id, which was most
 * of the time of a large department's export. Nothing changes a style after it is assigned.
 */
class Styles {
  private readonly seen = new Map<string | number, Partial<ExcelJS.Style>>();
  get(key: string | number, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
    let style = this.seen.get(key);
    if (!style) this.seen.set(key, (style = make()));
    return style;
  }
}

const ALIGN_INDEX = { left: 0, center: 1, right: 2 } as const;
const FORMAT_INDEX: Readonly<Record<string, number>> = { [MONEY_FORMAT]: 1, [PERCENT_FORMAT]: 2, [TEXT_FORMAT]: 3 };

/** A table cell's value and style (the cell's text is what gets printed, the value is what is stored). */
function writeCell(styles: Styles, target: ExcelJS.Cell, row: Row, cell: Cell, column: ColumnDef): void {
  const horizontal = alignOf(row, cell, column);
  const bold = isBold(row, cell);
  const wrapText = cell.kind !== 'money' && cell.kind !== 'percent';
  const indent = indentOf(row, cell);
  let numFmt: string | undefined;
  if (cell.covered) {
    numFmt = undefined;
  } else if (cell.kind === 'money' && cell.fen !== undefined && row.role !== 'header') {
    target.value = fenToYuanNumber(cell.fen);
    numFmt = MONEY_FORMAT;
  } else if (cell.kind === 'percent' && row.role !== 'header' && percentValue(cell.text) !== null) {
    target.value = percentValue(cell.text)! / 100;
    numFmt = PERCENT_FORMAT;
  } else {
    if (cell.text !== '') target.value = xlsxText(cell.text);
    if (cell.kind === 'code') numFmt = TEXT_FORMAT; // '2080505' stays text when edited
  }
  // A table cell's look as a number (a string key per cell cost more than the rest of writing it).
  const key = (((indent * 3 + ALIGN_INDEX[horizontal]) * 2 + Number(bold)) * 2 + Number(wrapText)) * 4 + (numFmt === undefined ? 0 : FORMAT_INDEX[numFmt]!);
  target.style = styles.get(key, () => {
    const style: Partial<ExcelJS.Style> = {
      font: font(BODY_SIZE, bold),
      border: BORDER,
      alignment: {
        horizontal,
        vertical: 'middle',
        wrapText,
        ...(indent ? { indent: indent / 2 } : {}),
      },
    };
    if (numFmt !== undefined) style.numFmt = numFmt;
    return style;
  });
}

/**
 * ws.mergeCells checks every new merge against all earlier ones (quadratic: seconds for a sheet of
 * 600 表十七 blocks). Our merges come from the row model and never overlap, so the check runs
 * against an empty index and the merge is then added to the sheet's own; if exceljs's internals
 * ever differ, plain mergeCells.
 */
function merge(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const inner = ws as unknown as { _merges?: Record<string, unknown> };
  const all = inner._merges;
  if (!all || typeof all !== 'object') {
    ws.mergeCells(top, left, bottom, right);
    return;
  }
  inner._merges = {};
  try {
    ws.mergeCells(top, left, bottom, right);
    Object.assign(all, inner._merges);
  } finally {
    inner._merges = all;
  }
}

/** The 部门全称 / 单位 line above a table. */
const lineStyle = (styles: Styles, horizontal: 'left' | 'right'): Partial<ExcelJS.Style> =>
  styles.get(`line|${horizontal}`, () => ({ font: font(BODY_SIZE, false), alignment: { horizontal, vertical: 'middle' } }));

interface Placed {
  /** 1-based first and last sheet row of the block's table rows (header + body). */
  firstRow: number;
  lastRow: number;
}

/** Writes one table (or 表十七 block) from `start` (1-based); returns where its rows went. */
function writeBlock(styles: Styles, ws: ExcelJS.Worksheet, t: DerivedTable, widths: readonly number[], start: number): Placed & { end: number } {
  const n = t.columns.length;
  let r = start;
  const banner = (text: string, size: number, bold: boolean, height: number, horizontal: 'center' | 'left') => {
    merge(ws, r, 1, r, n);
    const c = ws.getCell(r, 1);
    c.value = xlsxText(text);
    c.style = styles.get(`banner|${size}|${bold}|${horizontal}`, () => ({ font: font(size, bold), alignment: { horizontal, vertical: 'middle', wrapText: true } }));
    ws.getRow(r).height = height;
    r++;
  };
  banner(t.title, 16, true, 30, 'center');
  if (t.subtitle) banner(t.subtitle, 11, false, 18, 'center');

  // 部门全称：… on the left, 单位：元 in the last column on the right.
  const [nameLine, ...rest] = t.lines;
  const unitLine = rest.join('  ');
  if (n >= 2 && unitLine) {
    if (n > 2) merge(ws, r, 1, r, n - 1);
    ws.getCell(r, 1).value = xlsxText(nameLine);
    ws.getCell(r, 1).style = lineStyle(styles, 'left');
    ws.getCell(r, n).value = xlsxText(unitLine);
    ws.getCell(r, n).style = lineStyle(styles, 'right');
  } else {
    ws.getCell(r, 1).value = xlsxText(t.lines.join('  '));
    ws.getCell(r, 1).style = lineStyle(styles, 'left');
  }
  ws.getRow(r).height = 18;
  r++;

  const firstRow = r;
  const rows = [...t.header, ...t.body];
  for (const row of rows) {
    const xr = ws.getRow(r);
    row.cells.forEach((cell, i) => writeCell(styles, xr.getCell(i + 1), row, cell, t.columns[i]));
    xr.height = Math.min(MAX_ROW_PT, Math.max(MIN_ROW_PT, rowLines(row, widths) * LINE_PT + ROW_PAD_PT));
    r++;
  }
  const lastRow = r - 1;
  // Merges from colSpan/rowSpan, after the styles so covered cells keep the border.
  rows.forEach((row, ri) => {
    row.cells.forEach((cell, ci) => {
      if (cell.covered) return;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      if (cs > 1 || rs > 1) merge(ws, firstRow + ri, ci + 1, firstRow + ri + rs - 1, ci + cs);
    });
  });
  if (t.note) banner(t.note, BODY_SIZE, false, 20, 'left');
  return { firstRow, lastRow, end: r };
}

function writeSheet(styles: Styles, wb: ExcelJS.Workbook, group: SheetGroup): void {
  const first = group.tables[0];
  const landscape = group.tables.some((t) => t.landscape);
  const ws = wb.addWorksheet(sheetName(group.no), {
    views: [{ showGridLines: false }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const widths = columnWidths(group);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  let r = 1;
  let firstPlaced: Placed | null = null;
  group.tables.forEach((t, i) => {
    if (i > 0) {
      // A blank row between blocks, and each block starts a printed page.
      ws.getRow(r - 1).addPageBreak();
      r++;
    }
    const placed = writeBlock(styles, ws, t, widths, r);
    firstPlaced ??= placed;
    r = placed.end;
  });
  // Header rows repeat on every printed page (stacked blocks: the first block's, if it has any).
  if (first.header.length > 0 && firstPlaced) {
    const p = firstPlaced as Placed;
    ws.pageSetup.printTitlesRow = `${p.firstRow}:${p.firstRow + first.header.length - 1}`;
  }
}

function writeCatalogue(wb: ExcelJS.Workbook, budget: Budget, groups: readonly SheetGroup[], templates: TemplateSet): void {
  const ws = wb.addWorksheet('目录', {
    views: [{ showGridLines: false }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  const present = new Set(groups.map((g) => g.no));
  const formulaText = (v: string) => v.replace(/"/g, '""');
  const [head, ...entries] = catalogueRows(budget, templates);
  const rows = entries.filter((e) => present.has(e[1]));
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 96;
  ws.mergeCells(1, 1, 1, 3);
  ws.getCell(1, 1).value = catalogueTitle(budget.meta.year, budget.meta.district);
  ws.getCell(1, 1).style = { font: font(16, true), alignment: { horizontal: 'center', vertical: 'middle' } };
  ws.getRow(1).height = 30;
  const cellStyle = (bold: boolean, horizontal: 'center' | 'left', link = false): Partial<ExcelJS.Style> => ({
    font: font(BODY_SIZE + 1, bold, link ? { color: { argb: 'FF0000EE' }, underline: true } : {}),
    border: BORDER,
    alignment: { horizontal, vertical: 'middle' },
  });
  head.forEach((text, i) => {
    const c = ws.getCell(2, i + 1);
    if (text) c.value = text;
    c.style = cellStyle(true, 'center');
  });
  ws.getRow(2).height = 20;
  rows.forEach(([no, sheet, title], i) => {
    const r = i + 3;
    ws.getCell(r, 1).value = no;
    ws.getCell(r, 1).style = cellStyle(false, 'center');
    // exceljs writes internal links as external relationships; a HYPERLINK formula works in Excel, WPS and LibreOffice.
    const target = `#'${sheetName(sheet).replace(/'/g, "''")}'!A1`;
    ws.getCell(r, 2).value = { formula: `HYPERLINK("${formulaText(target)}","${formulaText(sheet)}")`, result: sheet };
    ws.getCell(r, 2).style = cellStyle(false, 'center', true);
    ws.getCell(r, 3).value = xlsxText(title);
    ws.getCell(r, 3).style = cellStyle(false, 'left');
    ws.getRow(r).height = 20;
  });
}

/** The workbook: 目录 first, then 表一 … 表十七. Bytes of an .xlsx file. */
export async function tablesToXlsx(
  budget: Budget,
  tables: readonly DerivedTable[],
  templates: TemplateSet,
  opts: XlsxOptions = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const created = opts.created ?? createdDate(budget);
  wb.creator = WORKBOOK_CREATOR;
  wb.lastModifiedBy = WORKBOOK_CREATOR;
  wb.created = created;
  wb.modified = created;
  wb.title = `${budget.meta.year}年${budget.meta.department}部门预算公开表`;
  wb.company = budget.meta.department;
  const groups = sheetGroups(tables);
  writeCatalogue(wb, budget, groups, templates);
  const styles = new Styles();
  for (const g of groups) writeSheet(styles, wb, g);
  // Stored by exceljs, deflated by the platform's zlib (./zip.ts): JSZip's own deflate was a third of the time.
  const buf = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return deflateStoredZip(new Uint8Array(buf as ArrayBuffer));
}
