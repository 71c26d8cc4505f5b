import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { deriveTables, toPrintedJson } from '../../shared/tables/derive';
import { builtinCatalog } from '../../shared/catalog/index';
import { templatesFor } from '../../shared/tables/registry';
import { importWorkbook, ImportError } from '../../shared/import/index';
import type { Budget } from '../../shared/model/types';
import type { ImportResult } from '../../shared/import/index';

const FIXTURES = join(__dirname, '../fixtures/import');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const ctxFor = (b: Budget) => ({ catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) });
const printedJson = (b: Budget) => toPrintedJson(b, deriveTables(b, ctxFor(b)), ctxFor(b).templates);

const line = (b: Budget, code: string, kind: 'basic' | 'project') => b.functionLines.find((l) => l.code === code && l.kind === kind && l.source === 'gpb');
const econ = (b: Budget, scheme: 'department' | 'government', kind: 'basic' | 'project', code: string) =>
  b.econLines.find((l) => l.scheme === scheme && l.kind === kind && l.code === code)?.amount;

describe('import: round trip of our own export', () => {
  const exportPath = join(__dirname, '../../shared/export/xlsx.ts');
  it.runIf(existsSync(exportPath))('sample → tablesToXlsx → import → tables json equals the first json', async () => {
    const { tablesToXlsx } = await import('../../shared/export/xlsx');
    const sample = yubeiBigData2024();
    const first = printedJson(sample);
    const bytes = await tablesToXlsx(sample, deriveTables(sample, ctxFor(sample)), ctxFor(sample).templates);
    const { budget, findings, report } = await importWorkbook(bytes, { fileName: 'sample.xlsx' });
    expect(findings).toEqual([]);
    expect(printedJson(budget)).toEqual(first);
    // The inputs themselves, not only what they print.
    expect(budget.meta).toMatchObject({ department: sample.meta.department, year: 2024, district: '渝北区', compilingUnit: sample.meta.compilingUnit });
    expect(budget.econLines).toEqual(sample.econLines);
    expect(budget.threePublic).toEqual(sample.threePublic);
    expect(budget.nameOverrides).toEqual(sample.nameOverrides);
    expect(budget.projects.map((p) => [p.name, p.functionCode, p.amounts.gpb, p.hasTargets])).toEqual(
      sample.projects.map((p) => [p.name, p.functionCode, p.amounts.gpb, p.hasTargets]),
    );
    expect(budget.performance).toEqual(sample.performance);
    const key = (l: { code: string; kind: string; source: string }) => `${l.code}|${l.kind}|${l.source}`;
    expect([...budget.functionLines].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...sample.functionLines].sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect(report[0]).toContain('2024年 重庆市渝北区大数据应用发展管理局');
    expect(report.join('\n')).toContain('识别出 17 张表');
  });
});

describe('import: a workbook made by hand like a real published one', () => {
  let budget: Budget;
  let findings: ImportResult['findings'];
  let report: string[];
  beforeAll(async () => {
    ({ budget, findings, report } = await importWorkbook(read('realistic.xlsx'), { fileName: 'realistic.xlsx' }));
  });

  it('recognises every table whatever the sheet names and order, and skips the cover', () => {
    const text = report.join('\n');
    expect(text).toContain('识别出 16 张表');
    expect(text).toContain('表五←“一般公共预算财政拨款支出预算表”（万元）');
    expect(text).toContain('表六←“表6”');
    expect(text).toContain('表七←“基本支出预算表(政府经济分类)”');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => f.id).sort()).toEqual(['IMP-06', 'IMP-07']);
    expect(findings.find((f) => f.id === 'IMP-06')!.message).toContain('工作表“封面”');
    expect(findings.find((f) => f.id === 'IMP-07')!.message).toContain('表二');
  });

  it('reads department, year, district and 编制单位 from the title and lines', () => {
    expect(budget.meta.department).toBe('重庆市渝北区数字示范管理局');
    expect(budget.meta.year).toBe(2024);
    expect(budget.meta.district).toBe('渝北区');
    expect(budget.meta.compilingUnit).toBe('805001-重庆市渝北区数字示范管理局（本级）');
    expect(budget.meta.departmentCode).toBe('805');
  });

  it('converts 万元 exactly (2 and 4 decimals, a full-width cell) and reads text numbers with separators', () => {
    // 表五 in 万元: 130.00 → 1,300,000.00 元; 8.1043 (typed ８.１０４３ in one cell) → 81,043.00 元.
    expect(line(budget, '2150501', 'basic')).toEqual({ code: '2150501', kind: 'basic', source: 'gpb', current: 130000000, prior: 98810000 });
    expect(line(budget, '2101101', 'basic')?.current).toBe(8104300);
    expect(line(budget, '2150502', 'project')).toMatchObject({ current: 280000000, prior: 322790000 });
    // 上年 only (2150599: 10.00 万元) goes to the project kind; '—', '-', '0.00' and blanks are zero.
    expect(line(budget, '2150599', 'project')).toMatchObject({ current: 0, prior: 10000000 });
    expect(line(budget, '2080505', 'project')).toBeUndefined();
    expect(budget.functionLines.every((l) => l.source === 'gpb')).toBe(true);
    // 表六 in 元, stored as text with separators: '1,243,914.78'.
    expect(econ(budget, 'department', 'basic', '30101')).toBe(124391478);
    expect(econ(budget, 'department', 'basic', '30102')).toBe(5608522);
    expect(econ(budget, 'government', 'basic', '50101')).toBe(130000000);
    expect(econ(budget, 'government', 'project', '50701')).toBe(60000000);
    expect(budget.econLines).toHaveLength(19);
  });

  it('reads 表十 under its three merged header rows, and the projects and their blocks', () => {
    expect(budget.threePublic).toEqual({
      current: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 4000000, reception: 200000 },
      prior: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 4500000, reception: 200000 },
    });
    expect(budget.projects.map((p) => [p.id, p.name, p.amounts.gpb, p.functionCode, p.hasTargets])).toEqual([
      ['p1', '政务数据资源治理', 200000000, '2150502', true],
      ['p2', '政务云服务及等保测评', 80000000, '2150502', true],
      ['p3', '数字经济产业扶持资金', 60000000, '2150517', false],
    ]);
    const p2 = budget.projects[1];
    expect(p2.district).toBe(80000000);
    expect(p2.town).toBe(0);
    expect(p2.indicators.map((i) => [i.name, i.weight, i.value, i.core])).toEqual([
      ['上云系统数', '30', '3', true],
      ['云服务费用', '30', '80', false],
      ['系统可用率', '30', '99.9', false],
    ]);
    expect(budget.projects[0].indicators).toHaveLength(5);
    expect(budget.performance.indicators.map((i) => i.weight)).toEqual(['30', '25', '25', '20']);
    expect(budget.performance.goal).toContain('推进数字政府建设');
  });

  it('prints back the amounts it read', () => {
    const t5 = printedJson(budget).tables.find((t) => t.no === '表五')!;
    expect(t5.rows[2]).toEqual(['合计', '', '5,765,000.00', '5,095,743.00', '1,695,743.00', '3,400,000.00', '-12%']);
  });
});

describe('import: inconsistent published tables become findings', () => {
  it('names sheet, row, column and both amounts', async () => {
    const { findings } = await importWorkbook(read('inconsistent.xlsx'), { fileName: 'inconsistent.xlsx' });
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.id)).toEqual(['IMP-01', 'IMP-01']);
    expect(errors[0].message).toBe(
      '工作表“部门收支预算总表”第7行“预算数”列（B7）：文件中为 509.6743 万元（5,096,743.00 元），其他各表一致的数为 509.5743 万元（5,095,743.00 元）' +
        '（违反 SUM-04、XT-03、XT-13，如 表一 收入合计 预算数 = 表一 支出合计 预算数）；已按 509.5743 万元（5,095,743.00 元）导入，请核对',
    );
    expect(errors[1].message).toBe(
      '工作表“部门支出预算总表”第9行“总计”列（C9）：文件中为 81,143.00 元，其他各表一致的数为 81,043.00 元' +
        '（违反 XT-01、SUM-02、SUM-03，如 表一 210 预算数 = 表三 210 总计）；已按 81,043.00 元导入，请核对',
    );
    expect(errors[1].cells).toEqual([{ table: 't3', row: '210', column: 'total' }]);
    const rounding = findings.find((f) => f.id === 'IMP-04')!;
    expect(rounding.severity).toBe('info');
    expect(rounding.message).toContain('509.57 万元');
  });
});

describe('import: unusable workbooks', () => {
  const cases: [string, string, string][] = [
    ['not-xlsx.xlsx', 'not-xlsx', '不是 Excel 工作簿（.xlsx）：这是文本文件'],
    ['zip-not-workbook.xlsx', 'not-workbook', '这是 ZIP 压缩文件，但不是 Excel 工作簿（里面没有 xl/workbook.xml'],
    ['encrypted.xlsx', 'encrypted', '文件已加密'],
    ['truncated.xlsx', 'truncated', '文件不完整'],
    ['empty-workbook.xlsx', 'no-sheets', '工作簿中没有工作表'],
    ['no-tables.xlsx', 'no-tables', '没有一张工作表是部门预算公开表格'],
    ['missing-t5.xlsx', 'missing-t5', '缺少表五'],
    ['bad-code.xlsx', 'bad-cells', '第16行 A 列：“21505O1”不是功能分类科目编码'],
    ['bad-amount.xlsx', 'bad-cells', '第17行 F 列（“项目支出”列）：“12元3”不是金额'],
    ['unknown-layout.xlsx', 'unknown-layout', '（表五）：找不到表头'],
  ];
  it.each(cases)('%s → %s', async (file, code, message) => {
    const err = await importWorkbook(read(`malformed/${file}`), { fileName: file }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe(code);
    expect((err as ImportError).message).toContain(`无法导入“${file}”`);
    expect((err as ImportError).message).toContain(message);
  });
  it('gives every malformed workbook its own message', () => {
    expect(new Set(cases.map((c) => c[2])).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c[0])).size).toBe(10);
  });
  it('an .xls / other OLE file and an empty file are told apart from an encrypted one', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(importWorkbook(ole, { fileName: 'old.xls' })).rejects.toThrow('旧版 Excel 97-2003');
    await expect(importWorkbook(new Uint8Array(0), { fileName: 'e.xlsx' })).rejects.toThrow('文件是空的');
  });
});
