import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip'; // exceljs's own zip library
import { formatAmount } from '../../shared/money/money';
import { catalogueRows } from '../../shared/tables/derive';
import type { DerivedTable } from '../../shared/tables/types';
import { MONEY_FORMAT, PERCENT_FORMAT, sheetName, tablesToXlsx, WORKBOOK_CREATOR, xlsxText } from '../../shared/export/xlsx';
import { sampleExport } from './export-fixture';

const { budget, templates, tables, json } = sampleExport();

/** A read-back cell as the string it shows: numbers formatted back like the tables print them. */
function shown(cell: ExcelJS.Cell): string {
  if (cell.type === ExcelJS.ValueType.Merge) return ''; // covered by a merge: printed once, in its first cell
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (cell.numFmt === MONEY_FORMAT) return formatAmount(Math.round(v * 100));
    if (cell.numFmt === PERCENT_FORMAT) return `${Math.round(v * 100)}%`;
    return String(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  throw new Error(`unexpected cell value ${JSON.stringify(v)}`);
}

function rowStrings(ws: ExcelJS.Worksheet, r: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => shown(ws.getCell(r, i + 1)));
}

const colName = (c: number) => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const range = (r1: number, c1: number, r2: number, c2: number) => `${colName(c1)}${r1}:${colName(c2)}${r2}`;

/** Where each table (block) sits on its sheet, found by its title in column A. */
interface Located {
  table: DerivedTable;
  jsonIndex: number;
  titleRow: number;
  firstRow: number; // first table row (header or body)
}

let wb: ExcelJS.Workbook;
let bytes: Uint8Array;
const located = new Map<string, Located[]>();

beforeAll(async () => {
  bytes = await tablesToXlsx(budget, tables, templates);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const cursor = new Map<string, number>();
  tables.forEach((t, jsonIndex) => {
    const ws = wb.getWorksheet(t.no)!;
    let r = cursor.get(t.no) ?? 1;
    while (r <= ws.rowCount && shown(ws.getCell(r, 1)) !== t.title) r++;
    const firstRow = r + 1 + (t.subtitle ? 1 : 0) + 1;
    const list = located.get(t.no) ?? [];
    list.push({ table: t, jsonIndex, titleRow: r, firstRow });
    located.set(t.no, list);
    cursor.set(t.no, firstRow + t.header.length + t.body.length);
  });
});

describe('xlsx export of the sample', () => {
  it('has a 目录 sheet, then one sheet per table in template order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目录', ...templates.tables.map((t) => t.no)]);
  });

  it('every sheet reads back as the tables.json rows (same strings once formatted), title and text lines included', () => {
    expect(json.tables.length).toBe(tables.length);
    for (const [no, blocks] of located) {
      const ws = wb.getWorksheet(no)!;
      for (const { table: t, jsonIndex, titleRow, firstRow } of blocks) {
        const n = t.columns.length;
        const expected = json.tables[jsonIndex];
        expect(titleRow, `${no}: title row`).toBeLessThanOrEqual(ws.rowCount);
        expect(shown(ws.getCell(titleRow, 1))).toBe(expected.title);
        // The text lines above: subtitle, 部门全称/编制单位, 单位.
        const above: string[] = [];
        if (t.subtitle) above.push(shown(ws.getCell(titleRow + 1, 1)));
        const linesRow = firstRow - 1;
        above.push(shown(ws.getCell(linesRow, 1)), shown(ws.getCell(linesRow, n)));
        const rows = Array.from({ length: expected.rows.length }, (_, i) => rowStrings(ws, firstRow + i, n));
        expect(rows, `${no} (${t.id})`).toEqual(expected.rows);
        // The 备注 of an empty table right below it.
        const note = t.note ? [shown(ws.getCell(firstRow + expected.rows.length, 1))] : [];
        expect([...above, ...note]).toEqual(expected.text);
        // Nothing beyond the table's columns.
        for (let r = titleRow; r < firstRow + expected.rows.length; r++) expect(shown(ws.getCell(r, n + 1))).toBe('');
      }
    }
  });

  it('stacks every 表十七 block on one sheet with a blank row and a page break between', async () => {
    const blocks = located.get('表十七')!;
    expect(blocks.length).toBe(tables.filter((t) => t.no === '表十七').length);
    expect(blocks.length).toBeGreaterThan(1);
    const ws = wb.getWorksheet('表十七')!;
    for (let i = 1; i < blocks.length; i++) {
      const prevEnd = blocks[i - 1].firstRow + blocks[i - 1].table.body.length - 1;
      expect(blocks[i].titleRow).toBe(prevEnd + 2);
      expect(rowStrings(ws, prevEnd + 1, 7).join('')).toBe('');
    }
    // Each block starts a printed page: a manual break after every block but the last (raw sheet XML).
    const zip = await JSZip.loadAsync(bytes);
    const sheetNo = wb.worksheets.findIndex((w) => w.name === '表十七') + 1;
    const xml = await zip.file(`xl/worksheets/sheet${sheetNo}.xml`)!.async('string');
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual(blocks.slice(0, -1).map((b) => b.firstRow + b.table.body.length - 1));
  });

  it('merges equal those of the DerivedTable (plus the title, subtitle, 部门全称 and 备注 lines)', () => {
    for (const [no, blocks] of located) {
      const ws = wb.getWorksheet(no)!;
      const expected = new Set<string>();
      for (const { table: t, titleRow, firstRow } of blocks) {
        const n = t.columns.length;
        expected.add(range(titleRow, 1, titleRow, n));
        if (t.subtitle) expected.add(range(titleRow + 1, 1, titleRow + 1, n));
        if (n > 2) expected.add(range(firstRow - 1, 1, firstRow - 1, n - 1));
        [...t.header, ...t.body].forEach((row, ri) =>
          row.cells.forEach((c, ci) => {
            if (c.covered || ((c.colSpan ?? 1) === 1 && (c.rowSpan ?? 1) === 1)) return;
            expected.add(range(firstRow + ri, ci + 1, firstRow + ri + (c.rowSpan ?? 1) - 1, ci + (c.colSpan ?? 1)));
          }),
        );
        const end = firstRow + t.header.length + t.body.length;
        if (t.note) expected.add(range(end, 1, end, n));
      }
      const actual = new Set((ws.model as unknown as { merges: string[] }).merges);
      expect([...actual].sort(), no).toEqual([...expected].sort());
    }
  });

  it('stores amounts as numbers formatted #,##0.00 with zero blank, 增幅 as the printed percent, codes as text', () => {
    const [{ table: t5, firstRow }] = located.get('表五')!;
    const ws = wb.getWorksheet('表五')!;
    let amounts = 0;
    t5.body.forEach((row, ri) =>
      row.cells.forEach((c, ci) => {
        const cell = ws.getCell(firstRow + t5.header.length + ri, ci + 1);
        if (c.kind === 'money') {
          expect(typeof cell.value).toBe('number');
          expect(cell.numFmt).toBe('#,##0.00;-#,##0.00;;@');
          expect(Math.round((cell.value as number) * 100)).toBe(c.fen);
          amounts++;
        }
        if (c.kind === 'percent' && c.text) {
          expect(cell.value).toBe(Number(c.text.replace('%', '')) / 100);
          expect(cell.numFmt).toBe('0%');
        }
        if (c.kind === 'code') {
          expect(typeof cell.value).toBe('string');
          expect(cell.value).toBe(c.text);
        }
      }),
    );
    expect(amounts).toBeGreaterThan(50);
    // The 2080505 row keeps its code as text, and −100% where this year is zero.
    const codes = t5.body.map((r) => r.cells[0].text);
    expect(codes).toContain('2080505');
    expect(json.tables.find((j) => j.no === '表五')!.rows.some((r) => r.includes('-100%'))).toBe(true);
  });

  it('sets up printing: A4, the template orientation, one page wide, header rows repeated', () => {
    for (const [no, blocks] of located) {
      const ws = wb.getWorksheet(no)!;
      const t = blocks[0].table;
      expect(ws.pageSetup.paperSize, no).toBe(9);
      expect(ws.pageSetup.orientation, no).toBe(blocks.some((b) => b.table.landscape) ? 'landscape' : 'portrait');
      expect(ws.pageSetup.fitToPage, no).toBe(true);
      expect(ws.pageSetup.fitToWidth, no).toBe(1);
      expect(ws.pageSetup.fitToHeight, no).toBe(0);
      if (t.header.length) {
        expect(ws.pageSetup.printTitlesRow, no).toBe(`${blocks[0].firstRow}:${blocks[0].firstRow + t.header.length - 1}`);
      } else {
        expect(ws.pageSetup.printTitlesRow, no).toBeFalsy();
      }
    }
    expect(wb.getWorksheet('表五')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('表三')!.pageSetup.orientation).toBe('portrait');
  });

  it('gives columns widths that fit their text, and long paragraphs wrap in taller rows', () => {
    const ws5 = wb.getWorksheet('表五')!;
    // '机关事业单位基本养老保险缴费支出' (16 CJK characters) and indentation fit the name column.
    expect(ws5.getColumn(2).width!).toBeGreaterThanOrEqual(36);
    expect(ws5.getColumn(3).width!).toBeGreaterThanOrEqual(14);
    const ws17 = wb.getWorksheet('表十七')!;
    const [{ firstRow, table }] = located.get('表十七')!;
    const summaryRow = firstRow + table.body.findIndex((r) => r.key === 'summary');
    expect(ws17.getCell(summaryRow, 2).alignment.wrapText).toBe(true);
    expect(ws17.getRow(summaryRow).height).toBeGreaterThan(30);
  });

  it('lists the tables on the 目录 sheet with links to their sheets', () => {
    const ws = wb.getWorksheet('目录')!;
    expect(shown(ws.getCell(1, 1))).toBe('2024年渝北区部门预算公开表（目录）');
    const rows = Array.from({ length: 18 }, (_, i) => rowStrings(ws, i + 2, 3));
    expect(rows).toEqual(catalogueRows(budget, templates));
    expect(rows).toEqual(json.catalogue);
    const link = ws.getCell(3, 2).value as ExcelJS.CellFormulaValue;
    expect(link.formula).toBe(`HYPERLINK("#'表一'!A1","表一")`);
  });

  it('names its creator and a creation date taken from the file, not the clock', async () => {
    expect(wb.creator).toBe(WORKBOOK_CREATOR);
    expect(wb.created.getUTCFullYear()).toBe(budget.meta.year);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(Buffer.from(await tablesToXlsx(budget, tables, templates)) as unknown as ArrayBuffer);
    expect(again.created.toISOString()).toBe(wb.created.toISOString());
  });

  it('exports a subset: only the chosen tables, and a 目录 of those', async () => {
    const some = tables.filter((t) => t.no === '表一' || t.no === '表十七');
    const sub = new ExcelJS.Workbook();
    await sub.xlsx.load(Buffer.from(await tablesToXlsx(budget, some, templates)) as unknown as ArrayBuffer);
    expect(sub.worksheets.map((w) => w.name)).toEqual(['目录', '表一', '表十七']);
    expect(shown(sub.getWorksheet('目录')!.getCell(4, 2))).toBe('表十七');
  });

  it('writes text pasted from Word safely: soft breaks become line breaks, control characters go, rows stay ≤ 409 pt', async () => {
    expect(xlsxText('一是\u000b二是\u0007。')).toBe('一是\n二是。');
    expect(sheetName('表[1]:*?/\\')).toBe('表_1______');
    const t17 = structuredClone(tables.find((t) => t.no === '表十七')!);
    const row = t17.body.find((r) => r.key === 'summary')!;
    row.cells[1].text = `第一段\u000b第二段\u0001${'很长的项目概况文字。'.repeat(400)}`;
    const one = new ExcelJS.Workbook();
    await one.xlsx.load(Buffer.from(await tablesToXlsx(budget, [t17], templates)) as unknown as ArrayBuffer);
    const ws = one.getWorksheet('表十七')!;
    const r = 3 + t17.body.indexOf(row);
    expect(String(ws.getCell(r, 2).value).startsWith('第一段\n第二段很长')).toBe(true);
    expect(ws.getRow(r).height).toBe(409);
  });
});
