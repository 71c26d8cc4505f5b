/**
 * A reviewer's check of a published workbook: a clean real-style workbook is clean, and each slip of
 * a slipped one is one finding naming its cell (the localisation over the template's identities).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { importWorkbook } from '../../shared/import/index';
import { generateIdentities, holds, refKey } from '../../shared/import/identities';
import { deriveTables, toPrintedJson } from '../../shared/tables/derive';
import { builtinCatalog } from '../../shared/catalog/index';
import { templatesFor } from '../../shared/tables/registry';
import { realStyleBudget } from '../fixtures/import/real-style';
import { bytesOf, findCell, published, SLIPS } from '../fixtures/import/make-real-style';

const FIXTURES = join(__dirname, '../fixtures/import');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

let out: string[] = [];
beforeEach(() => {
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('a clean real-style workbook (no 表二/表十三, 基金 and 事业收入 money, a 下属单位 block)', () => {
  it('imports without an error or a warning, 事业收入 and the fund project booked as printed', async () => {
    const { budget, findings } = await importWorkbook(read('real-style.xlsx'), { fileName: 'real-style.xlsx' });
    expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    expect(budget.functionLines.find((l) => l.source === 'business')).toMatchObject({ code: '2150550', kind: 'basic', current: 8600000 });
    expect(budget.functionLines.some((l) => l.source === 'other')).toBe(false);
    const p7 = budget.projects.find((p) => p.name === '城市基础设施感知网络建设')!;
    expect(p7).toMatchObject({ amounts: { fund: 45000000 }, functionCode: '2121399', unitCode: '801002', unitName: '重庆市渝北区大数据应用服务中心' });
  });

  it('check: 0 errors, no warning; what a workbook lacks is 无法核验', async () => {
    expect(await main(['check', join(FIXTURES, 'real-style.xlsx')])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('错误 0 项，警告 0 项');
    expect(text).toContain('[NT-08] 工作簿不含情况说明（文字、增减原因、资产情况），无法核验：收入：增减原因尚未填写；');
  });

  it('import then export --format json reproduces every printed cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-real-'));
    expect(await main(['import', join(FIXTURES, 'real-style.xlsx'), join(dir, 'r.budget')])).toBe(0);
    expect(await main(['export', join(dir, 'r.budget'), '--out', join(dir, 'o'), '--format', 'json'])).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, 'o', 'tables.json'), 'utf8')) as { tables: { no: string; rows: string[][] }[] };
    const b = realStyleBudget();
    const ctx = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
    const printed = toPrintedJson(b, deriveTables(b, ctx), ctx.templates).tables.filter((t) => t.no !== '表二' && t.no !== '表十三');
    let cells = 0;
    for (const t of printed) {
      const mine = again.tables.filter((x) => x.no === t.no)[printed.filter((x) => x.no === t.no).indexOf(t)];
      expect(mine?.rows, t.no).toEqual(t.rows);
      cells += t.rows.flat().length;
    }
    expect(printed.length).toBe(14 + 7); // 表一…表十六 without 表二/表十三, and 表十七 one entry per block
    expect(cells).toBeGreaterThan(1400);
  });
});

describe('four planted slips of different kinds', () => {
  it('give exactly one finding each, naming the slipped cell', async () => {
    const { findings } = await importWorkbook(read('real-style-slips.xlsx'), { fileName: 'real-style-slips.xlsx' });
    const errors = findings.filter((f) => f.severity === 'error');
    console.info(errors.map((f) => `[${f.id}] ${f.message}`).join('\n'));
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(errors).toHaveLength(SLIPS.length);
    for (const slip of SLIPS) {
      const named = errors.filter((f) => f.message.startsWith(`工作表“${slip.sheet}”`));
      expect(named, slip.what).toHaveLength(1);
      expect(named[0].message).toMatch(new RegExp(`（${slip.cell}\\d+）`));
    }
    const t11 = errors.find((f) => f.message.startsWith('工作表“表十一”'))!;
    expect(t11.message).toContain('文件中为 540,000.00 元，其他各表一致的数为 450,000.00 元（违反 SUM-01、SUM-03、XT-06');
    expect(t11.cells).toEqual([{ table: 't11', row: '2121399', column: 'project' }]);
    expect(errors.find((f) => f.message.startsWith('工作表“表四”'))!.message).toContain('文件中为 6,455,655.89 元，其他各表一致的数为 6,545,655.89 元（违反 SUM-06');
    expect(errors.find((f) => f.message.startsWith('工作表“表十五”'))!.message).toContain('文件中为 7,116,878.58 元，其他各表一致的数为 6,631,655.89 元（违反 XT-13');
    expect(errors.find((f) => f.message.startsWith('工作表“表五”'))!.message).toContain('文件中为“62%”，按本行金额计算应为“26%”');
  });

  it('the budget is built from the agreeing copies: it prints what the other tables say', async () => {
    const clean = await importWorkbook(read('real-style.xlsx'));
    const slipped = await importWorkbook(read('real-style-slips.xlsx'));
    expect(slipped.budget.functionLines).toEqual(clean.budget.functionLines);
    expect(slipped.budget.projects).toEqual(clean.budget.projects);
  });

  it('a 表十一 项 with two digits swapped is one finding, not thirty: its 款 and 表三 are believed', async () => {
    const { findings } = await importWorkbook(read('real-style-slips.xlsx'));
    expect(findings.filter((f) => f.cells.some((c) => c.table === 't3' || c.table === 't1'))).toEqual([]);
  });
});

describe('a slip the tables cannot place', () => {
  it('a 表六 款 raised with its 302 and 合计: one finding listing the candidates', async () => {
    const wb = await published();
    const ws = wb.getWorksheet('表六')!;
    for (const code of ['30201', '302', '合计']) {
      const at = findCell(ws, (t) => t === code);
      for (const c of [3, 5]) ws.getCell(at.row, c).value = Number(ws.getCell(at.row, c).value ?? 0) + 10000; // 总计, 日常公用经费
    }
    const { findings } = await importWorkbook(await bytesOf(wb), { fileName: 't6.xlsx' });
    const errors = findings.filter((f) => f.severity === 'error');
    console.info(errors.map((f) => `[${f.id}] ${f.message}`).join('\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^各表无法判定以下哪 \d+ 处有误/);
    expect(errors[0].message).not.toMatch(/若此处有误应为 -/);
    expect(errors[0].cells.every((c) => c.table === 't6')).toBe(true);
    expect(errors[0].cells.length).toBeGreaterThan(6);
  });
});

describe('the identities generated from the template', () => {
  it('hold on the sample and cover the families of RULES §5', async () => {
    const b = realStyleBudget();
    const ctx = { catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) };
    const tables = deriveTables(b, ctx);
    const cells = tables.flatMap((t) =>
      t.body.flatMap((r) => r.cells.filter((c) => c.kind === 'money' && !c.covered && t.id !== 't1' && t.id !== 't4').map((c) => ({ ref: { table: t.id, row: r.key, col: c.col }, fen: c.fen ?? 0, label: c.col }))),
    );
    const ids = generateIdentities({ cells, templates: ctx.templates, catalog: ctx.catalog, projectRows: new Map(b.projects.map((p) => [p.id, p.id])) });
    const value = new Map(cells.map((c) => [refKey(c.ref), c.fen]));
    expect(ids.filter((i) => !holds(i, (c) => value.get(refKey(c)) ?? 0))).toEqual([]);
    expect([...new Set(ids.map((i) => i.rule))].sort()).toEqual(['PERF-01', 'PERF-05', 'SUM-01', 'SUM-02', 'SUM-03', 'SUM-05', 'SUM-07', 'SUM-09', 'XT-02', 'XT-06', 'XT-07', 'XT-08']);
    // 表三 2150550 基本 = 表五 (一般公共预算) + 事业收入: only ≥, never =.
    expect(ids.find((i) => i.rule === 'XT-06' && i.b[0].table === 't3' && i.b[0].row === '2150550' && i.b[0].col === 'basic')?.relation).toBe('<=');
  });
});
