/**
 * The second table set, data only: 财预〔2016〕143号's national minimum (eight tables plus the
 * 国有资本经营 table). The sample renders under it with the same money, the rules check it by role
 * and name its tables by its own numbers, a file records its set, the command line lists and
 * exports under either set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJsNode } from '../../cli/sqljs-node';
import { builtinCatalog } from '../../shared/catalog/index';
import { applyEdits } from '../../shared/model/edit';
import { emptyBudget } from '../../shared/model/budget';
import { ALL_RULES, countFindings, makeRuleContext, runRules } from '../../shared/rules/index';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { budgetFromBytes, budgetToBytes, type SqlJs } from '../../shared/storage/index';
import { cellOf, lineOf } from '../../shared/tables/lookup';
import { CHONGQING_YUBEI_2024, deriveTables, TEMPLATE_SETS, templatesFor, type DerivedTable, type TableRole } from '../../shared/tables/index';

const catalog = builtinCatalog();
const NATIONAL = templatesFor('mof-143-2016');
const tablesUnder = (templates = NATIONAL, budget = yubeiBigData2024()) => deriveTables(budget, { catalog, templates });
const byRole = (tables: readonly DerivedTable[], templates: typeof NATIONAL, role: TableRole) =>
  tables.find((t) => t.id === templates.tables.find((x) => x.role === role)!.id)!;

describe('the 财预〔2016〕143号 set', () => {
  it('is registered beside the 渝北 set, with its nine tables by role', () => {
    expect(TEMPLATE_SETS.map((t) => [t.profile.id, t.tables.length])).toEqual([
      ['chongqing-yubei-2024', 17],
      ['mof-143-2016', 9],
    ]);
    expect(NATIONAL.tables.map((t) => `${t.no} ${t.title}`)).toEqual([
      '表1 {year}年部门收支总表',
      '表2 {year}年部门收入总表',
      '表3 {year}年部门支出总表',
      '表4 {year}年财政拨款收支总表',
      '表5 {year}年一般公共预算支出表',
      '表6 {year}年一般公共预算基本支出表',
      '表7 {year}年一般公共预算“三公”经费支出表',
      '表8 {year}年政府性基金预算支出表',
      '表9 {year}年国有资本经营预算支出表',
    ]);
    expect(NATIONAL.tables.map((t) => t.role)).toEqual(['summary', 'income', 'spending', 'appropriation', 'gpb', 'basicDept', 'threePublic', 'fund', 'soe']);
  });

  it('shows the sample with the same money as the 渝北 set, cell for cell where both print it', () => {
    const national = tablesUnder();
    const yubei = tablesUnder(CHONGQING_YUBEI_2024);
    const t1 = byRole(national, NATIONAL, 'summary');
    expect(lineOf(t1, 'incomeTotal', 'inAmount')!.cell.text).toBe('6,095,655.89');
    expect(lineOf(t1, 'spendTotal', 'outAmount')!.cell.text).toBe('6,095,655.89');
    expect(cellOf(byRole(national, NATIONAL, 'spending'), 'total', 'basic')!.text).toBe('2,685,855.89');
    expect(cellOf(byRole(national, NATIONAL, 'threePublic'), 'amounts', 'current:total')!.text).toBe('42,000.00');
    let compared = 0;
    for (const t of NATIONAL.tables) {
      const a = byRole(national, NATIONAL, t.role!);
      const b = byRole(yubei, CHONGQING_YUBEI_2024, t.role!);
      for (const row of a.body) {
        for (const c of row.cells) {
          if (c.kind !== 'money' || c.covered) continue;
          const line = (c as { line?: string }).line;
          const other = line ? lineOf(b, line, c.col)?.cell : cellOf(b, row.key, c.col);
          expect(other?.text, `${t.no} ${row.key} ${c.col}`).toBe(c.text);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('the rules find nothing wrong in the sample under it, and name its tables by its numbers', () => {
    const run = (budget = yubeiBigData2024()) => runRules(makeRuleContext(budget, tablesUnder(NATIONAL, budget), { catalog, templates: NATIONAL }), ALL_RULES);
    const found = run();
    expect(countFindings(found)).toMatchObject({ error: 0, warning: 0 });
    // The narrative's 机关运行经费, 政府采购 and 绩效目标 have no table in this set to be checked against.
    expect(found.filter((f) => f.severity === 'unverifiable').map((f) => f.id)).toEqual(['TIM-01', 'NT-10', 'NT-11', 'NT-13']);
    const b = yubeiBigData2024();
    const r = applyEdits(b, [{ op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value: '95000.01' }]);
    expect(r.ok).toBe(true);
    const xt07 = run(b).filter((f) => f.id === 'XT-07');
    expect(xt07.map((f) => f.message)).toEqual(['表6合计 2,685,855.90 元与表5基本支出合计 2,685,855.89 元不一致，相差 0.01 元']);
    expect(xt07[0].cells).toEqual([
      { table: 'n6', row: 'total', column: 'total' },
      { table: 'n5', row: 'total', column: 'basic' },
    ]);
  });
});

describe('a file records its set', () => {
  let sql: SqlJs;
  beforeAll(async () => {
    sql = await loadSqlJsNode();
  });

  it('a new file under the national set keeps it through save and open', () => {
    const b = emptyBudget({ department: '某某局', year: 2025, templateId: 'mof-143-2016' });
    expect(budgetFromBytes(sql, budgetToBytes(sql, b), 'n.budget').budget.meta.templateId).toBe('mof-143-2016');
  });

  it('a file that recorded no set opens as the 渝北 set (migration 3)', () => {
    const db = new sql.Database(budgetToBytes(sql, yubeiBigData2024()));
    db.exec("DELETE FROM meta WHERE key = 'template_id'; DELETE FROM schema_migrations WHERE version = 3; PRAGMA user_version = 2;");
    const old = db.export();
    db.close();
    const opened = budgetFromBytes(sql, old, 'old.budget');
    expect(opened.migratedFrom).toBe(2);
    expect(opened.budget.meta.templateId).toBe('chongqing-yubei-2024');
  });
});

describe('budget-workbench templates / export --template', () => {
  const bin = join(__dirname, '../../cli/bin.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'bw-tpl-'));
  const file = join(dir, 's.budget');

  it('lists both sets with id, name and number of tables', () => {
    const r = run('templates');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'chongqing-yubei-2024  重庆市渝北区 部门预算公开（十七张表）  17 张表',
      'mof-143-2016          财政部 部门预算公开最低要求（财预〔2016〕143号，九张表）  9 张表',
    ]);
  });

  it('exports the sample under the national set: json and a workbook of 目录 + 表1…表9 with the same money', async () => {
    execFileSync(process.execPath, [bin, 'sample', file]);
    const out = join(dir, 'n');
    const r = run('export', file, '--out', out, '--template', 'mof-143-2016', '--format', 'json,xlsx');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'tables.json'), 'utf8'));
    expect(json.tables.map((t: { no: string }) => t.no)).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    expect(json.tables[0].rows.at(-1)).toEqual(['收入总计', '6,095,655.89', '支出总计', '6,095,655.89']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, 'tables.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['目录', '表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    const at = (sheet: string, address: string) => wb.getWorksheet(sheet)!.getCell(address).value;
    expect([at('表1', 'A17'), at('表1', 'B17'), at('表1', 'D17')]).toEqual(['收入总计', 6095655.89, 6095655.89]);
    expect([at('表3', 'A5'), at('表3', 'C5'), at('表3', 'D5'), at('表3', 'E5')]).toEqual(['合计', 6095655.89, 2685855.89, 3409800]);
    expect([at('表7', 'A6'), at('表7', 'C6'), at('表7', 'F6')]).toEqual([42000, 40000, 2000]);
    expect(wb.getWorksheet('表3')!.getCell('D5').numFmt).toBe('#,##0.00;-#,##0.00;;@');
    expect(at('目录', 'C9')).toBe('2024年一般公共预算“三公”经费支出表');
  });

  it('refuses an unknown set with exit 2, naming the sets it knows', () => {
    const r = run('export', file, '--out', join(dir, 'x'), '--template', 'beijing');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('不认识的公开表样“beijing”，可用：chongqing-yubei-2024、mof-143-2016（见 budget-workbench templates）');
  });
});
