/**
 * The layouts departments really publish (make-layouts.ts), each a workbook of the real-style
 * department: recognised, and import → export reproduces every printed cell (the note of issue 14
 * gives the figures). A layout that cannot be read is refused, never reported as 导入成功.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { importWorkbook, ImportError } from '../../shared/import/index';
import { layoutResult } from '../fixtures/import/layout-result';
import { LAYOUTS } from '../fixtures/import/make-layouts';
import { exported, findCell, bytesOf } from '../fixtures/import/make-real-style';

const DIR = join(__dirname, '../fixtures/import/layouts');
const read = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

/** 15 tables (表一…表十七 without 表二/表十三), 1,595 printed cells. */
const ALL = { recognised: 15, errors: 0, warnings: 0, cells: 1595 };

describe('layouts departments publish', () => {
  const full = Object.keys(LAYOUTS).filter((f) => f !== 't5-without-prior.xlsx');
  it.each([...full, 'libreoffice-resaved.xlsx'])('%s: recognised, every printed cell reproduced', async (file) => {
    const r = await layoutResult(read(file), file);
    console.info(`${file}：识别 ${r.recognised} 张表，复现 ${r.reproduced}/${r.cells} 格`);
    expect({ ...r, differences: r.differences.slice(0, 3) }).toEqual({ ...ALL, reproduced: 1595, differences: [] });
  });

  it('表五 without the 上年 columns: read; every other table reproduced, last year 无法核验', async () => {
    const file = 't5-without-prior.xlsx';
    const others = await layoutResult(read(file), file, (no) => no !== '表五');
    expect(others).toMatchObject({ recognised: 15, errors: 0, warnings: 0, reproduced: others.cells });
    const { absences, budget } = await importWorkbook(read(file), { fileName: file });
    expect(absences.map((a) => a.what)).toContain('表五的上年预算数');
    expect(budget.functionLines.find((l) => l.code === '2150501')).toMatchObject({ current: 124391478, prior: 0 });
  });

  it('an old .xls is refused with how to convert it', async () => {
    await expect(importWorkbook(read('old-format.xls'), { fileName: 'old-format.xls' })).rejects.toThrow('请在 Excel/WPS 中另存为 .xlsx 工作簿再导入');
  });

  it("all tables on one sheet: messages keep the sheet's own row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(read('one-sheet.xlsx') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const at = findCell(ws, (t) => t === '2121399');
    ws.getCell(at.row + 200, 1).value = null; // nothing below
    ws.getCell(at.row, 5).value = 'abc'; // 表十一's 项目支出 of 2121399: not an amount
    const e = await importWorkbook(await bytesOf(wb), { fileName: 'one.xlsx' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toContain(`工作表“部门预算公开表”第${at.row}行 E 列`);
  });
});

describe('column mapping keeps the template order', () => {
  it('表十 with its year headings unmerged: the 2024 公务接待费 stays 2024', async () => {
    const wb = await exported();
    const ws = wb.getWorksheet('表十')!;
    for (const range of Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges)) ws.unMergeCells(range);
    const { budget, findings } = await importWorkbook(await bytesOf(wb), { fileName: 't10.xlsx' });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(budget.threePublic).toEqual({
      current: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 4000000, reception: 200000 },
      prior: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 4500000, reception: 200000 },
    });
  });

  it('two printed columns either of which could be 基本支出: refused, not guessed', async () => {
    const wb = await exported();
    const ws = wb.getWorksheet('表三')!;
    const header = findCell(ws, (t) => t === '基本支出');
    // A second 基本支出 column next to the first: either could be the template's.
    ws.spliceColumns(header.col + 1, 0, Array.from({ length: ws.rowCount }, (_, r) => ws.getCell(r + 1, header.col).value));
    const e = await importWorkbook(await bytesOf(wb), { fileName: 'twice.xlsx' });
    const refusal = e.findings.find((f) => f.id === 'IMP-06' && f.message.includes('工作表“表三”'));
    expect(refusal?.message).toMatch(/“基本支出”列可以是第 [A-Z]、[A-Z] 列，表头无法确定/);
  });
});
