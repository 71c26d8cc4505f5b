/**
 * Variations of a real workbook, made by editing our own export of the sample cell by cell:
 * what the importer tolerates, and what it reports.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables } from '../../shared/tables/derive';
import { builtinCatalog } from '../../shared/catalog/index';
import { templatesFor } from '../../shared/tables/registry';
import { tablesToXlsx } from '../../shared/export/xlsx';
import { importWorkbook, ImportError } from '../../shared/import/index';

async function sampleWorkbook(): Promise<ExcelJS.Workbook> {
  const b = yubeiBigData2024();
  const ctx = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
  const bytes = await tablesToXlsx(b, deriveTables(b, ctx), ctx.templates);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The row of a sheet whose column A reads `text`. */
function rowOf(ws: ExcelJS.Worksheet, text: string, col = 1): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, col).value ?? '') === text) return r;
  throw new Error(`no row ${text} in ${ws.name}`);
}

async function edited(edit: (wb: ExcelJS.Workbook) => void) {
  const wb = await sampleWorkbook();
  edit(wb);
  return importWorkbook(await bytesOf(wb), { fileName: 'edited.xlsx' });
}

describe('import: variations of a published workbook', () => {
  it('增幅: a rounding slip is a warning, a wrong one an error, a finer precision is accepted', async () => {
    const { findings } = await edited((wb) => {
      const ws = wb.getWorksheet('表五')!;
      ws.getCell(rowOf(ws, '2150517'), 7).value = '-45%'; // exact −45.95: a slip
      ws.getCell(rowOf(ws, '2150501'), 7).value = '62%'; // exact 25.88
      ws.getCell(rowOf(ws, '2150550'), 7).value = '-2.2%'; // exact −2.23: right at one decimal
    });
    const pct = findings.filter((f) => f.message.includes('增幅'));
    expect(pct.map((f) => [f.severity, f.cells[0].row])).toEqual([
      ['error', '2150501'],
      ['warning', '2150517'],
    ]);
    expect(pct[0].message).toContain('文件中为“62%”，按本行金额计算应为“26%”');
    expect(pct[1].message).toContain('应写作“-46%”（舍入有误）');
  });

  it('表一 may print a 类 under an older name: still compared by code', async () => {
    const { findings } = await edited((wb) => {
      const ws = wb.getWorksheet('表一')!;
      const r = rowOf(ws, '资源勘探工业信息等支出', 3);
      ws.getCell(r, 3).value = '资源勘探信息等支出'; // the pre-2019 name (catalog alias)
    });
    expect(findings).toEqual([]);
  });

  it('garbage in a printed total is an error finding; the import goes on', async () => {
    const { findings, budget } = await edited((wb) => {
      const ws = wb.getWorksheet('表三')!;
      ws.getCell(rowOf(ws, '215'), 3).value = '5,566,5O9.66';
    });
    expect(findings.map((f) => f.id)).toEqual(['IMP-03']);
    expect(findings[0].message).toMatch(/^工作表“表三”第\d+行 C 列（“总计”列）：“5,566,5O9\.66”不是金额，无法与按明细计算的数核对$/);
    expect(budget.functionLines).toHaveLength(10);
  });

  it('every unreadable input cell is listed, not just the first', async () => {
    const err = await edited((wb) => {
      const ws = wb.getWorksheet('表五')!;
      ws.getCell(rowOf(ws, '2150501'), 5).value = '1,243,914.78.';
      const t6 = wb.getWorksheet('表六')!;
      t6.getCell(rowOf(t6, '30101'), 3).value = '四十二万';
    }).then(
      () => null,
      (e: unknown) => e as ImportError,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect(err!.code).toBe('bad-cells');
    expect(err!.message).toContain('另有 1 处同类问题');
    const fatal = err!.findings.filter((f) => f.id === 'IMP-03');
    expect(fatal.map((f) => f.message.slice(0, 20))).toEqual(['工作表“表五”第16行 E 列（“基本支', '工作表“表六”第8行 C 列（“总计”列']);
    expect(fatal[1].message).toContain('“四十二万”不是金额');
  });

  it('指标性质 outside its closed list (>=) is refused, naming the sheet, the cell and the printed heading', async () => {
    const err = await edited((wb) => {
      const ws = wb.getWorksheet('表十七')!;
      for (let r = 1; r <= ws.rowCount; r++) {
        for (let c = 1; c <= 7; c++) {
          if (ws.getCell(r, c).value === '≤') {
            ws.getCell(r, c).value = '>=';
            return;
          }
        }
      }
    }).then(
      () => null,
      (e: unknown) => e as ImportError,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect(err!.code).toBe('bad-cells');
    const fatal = err!.findings.filter((f) => f.id === 'IMP-03');
    expect(fatal).toHaveLength(1);
    expect(fatal[0].message).toMatch(/^工作表“表十七”第\d+行 E 列：“指标性质”只能填 ≥、≤、=、>、<、定性 之一，不能填“>=”，此绩效指标无法导入$/);
  });

  it('a 表十七 block without a 表十三 row becomes a project; a 当年预算 that disagrees with 表十三 and 区级支出 is the one finding', async () => {
    const { findings, budget } = await edited((wb) => {
      const t13 = wb.getWorksheet('表十三')!;
      t13.spliceRows(rowOf(t13, '编外聘用人员', 3), 1);
      const t17 = wb.getWorksheet('表十七')!;
      const r = rowOf(t17, '当年预算');
      t17.getCell(r, 2).value = 1400000; // 落实“云长制”: 1,500,000 in 表十三
    });
    const ids = findings.map((f) => f.id).sort();
    expect(ids).toEqual(['IMP-01', 'IMP-07']);
    expect(findings.find((f) => f.id === 'IMP-07')!.message).toContain('项目“编外聘用人员”有绩效目标表，但表十三中没有这个项目');
    expect(findings.find((f) => f.id === 'IMP-01')!.message).toContain('工作表“表十七”第4行“当年预算”列（B4）：文件中为 1,400,000.00 元，其他各表一致的数为 1,500,000.00 元（违反 PERF-05、PERF-01');
    const p = budget.projects.find((x) => x.name === '编外聘用人员')!;
    expect(p.amounts).toEqual({ gpb: 30000000 });
    expect(p.needsReview).toBe(true);
  });

  it('a sheet that is no table (no amounts) is skipped with a note; a second 表五 is ignored with a warning', async () => {
    const { findings } = await edited((wb) => {
      wb.addWorksheet('说明').getCell('A1').value = '本表由财务科编制';
      const copy = wb.addWorksheet('表五 (2)');
      const t5 = wb.getWorksheet('表五')!;
      t5.eachRow((row, r) => row.eachCell((c, col) => (copy.getCell(r, col).value = c.value)));
    });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', '工作表“表五 (2)”与工作表“表五”都是表五，只导入了前者“表五”'],
      ['info', '工作表“说明”不是十七张表中的任何一张（开头为“本表由财务科编制”），已跳过'],
    ]);
  });

  it('a department name that differs between sheets is an error (STR-02)', async () => {
    const { findings } = await edited((wb) => {
      const ws = wb.getWorksheet('表九')!;
      ws.getCell(3, 1).value = '部门全称：重庆市渝北区大数据发展局';
    });
    expect(findings.map((f) => f.id)).toEqual(['IMP-05']);
    expect(findings[0].message).toContain('工作表“表九”的部门全称“重庆市渝北区大数据发展局”与其他表的“重庆市渝北区大数据应用发展管理局”不一致');
  });

  it('styled empty cells far to the right and below do not widen a sheet', async () => {
    const start = Date.now();
    const { findings } = await edited((wb) => {
      const ws = wb.getWorksheet('表五')!;
      ws.getCell(1, 16000).style = { font: { bold: true } };
      ws.getCell(60000, 1).style = { font: { bold: true } };
    });
    expect(findings).toEqual([]);
    expect(Date.now() - start).toBeLessThan(10000);
  });
});
