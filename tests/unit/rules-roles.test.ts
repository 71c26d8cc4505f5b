/**
 * The rules read tables by role (the template tags each table with the part it plays) and fail
 * closed: a read that does not resolve in the set loaded makes the rule 无法核验, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { makeRuleContext, runRules, TABLE_RULES, type Finding } from '../../shared/rules/index';
import { resolveReads } from '../../shared/rules/roles';
import { Session } from '../../shared/engine/session';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { CHONGQING_YUBEI_2024, deriveTables, type TableTemplate, type TemplateSet } from '../../shared/tables/index';
import { check, of } from './rules-setup';

const catalog = builtinCatalog();

function run(templates: TemplateSet, alter?: (tables: ReturnType<typeof deriveTables>) => ReturnType<typeof deriveTables>): Finding[] {
  const budget = yubeiBigData2024();
  let tables = deriveTables(budget, { catalog, templates });
  if (alter) tables = alter(tables);
  return runRules(makeRuleContext(budget, tables, { catalog, templates }), TABLE_RULES);
}

/** A copy of the 渝北 set with one table changed. */
function withTable(id: string, change: (t: TableTemplate) => void): TemplateSet {
  const copy = structuredClone(CHONGQING_YUBEI_2024) as TemplateSet;
  change(copy.tables.find((t) => t.id === id)!);
  return copy;
}

/** Renames a column key everywhere the table's template names it. */
function renameColumn(t: TableTemplate, from: string, to: string): void {
  for (const c of t.columns) if (c.key === from) c.key = to;
  if (t.body.type === 'functionTree') for (const c of t.body.columns) if (c.key === from) c.key = to;
}

describe('a renamed column in a copy of the 渝北 template', () => {
  const renamed = withTable('t5', (t) => renameColumn(t, 'basic', 'basicAmount'));

  it('makes every rule that reads 表五 基本支出 report 无法核验, naming what is missing', () => {
    const found = run(renamed);
    for (const id of ['XT-06', 'XT-07']) {
      const f = of(found, id);
      expect(f.map((x) => x.severity), id).toEqual(['unverifiable']);
      expect(f[0].message).toContain('报表模板“重庆市渝北区 部门预算公开（十七张表）”中表五（一般公共预算财政拨款支出表）没有“basic”列');
    }
    // SUM-03 reads 表五's 小计 = 基本 + 项目: 无法核验 on 表五, still checked on the other tables.
    const sum03 = of(found, 'SUM-03');
    expect(sum03.map((x) => x.severity)).toEqual(['unverifiable']);
    expect(sum03[0].message).toContain('表五（一般公共预算财政拨款支出表）没有“basic”列');
  });

  it('the same rules hold (report nothing) on the unchanged template', () => {
    const found = run(CHONGQING_YUBEI_2024);
    for (const id of ['XT-06', 'XT-07', 'SUM-03']) expect(of(found, id), id).toEqual([]);
  });

  it('a renamed 三公 column makes XT-11 and SUM-07 无法核验', () => {
    const found = run(withTable('t10', (t) => renameColumn(t, 'current:reception', 'current:hospitality')));
    for (const id of ['XT-11', 'SUM-07']) {
      expect(of(found, id).map((f) => f.message), id).toEqual([expect.stringContaining('表十（一般公共预算“三公”经费支出表）没有“current:reception”列')]);
    }
  });

  it('a renamed income-source column of 表二 makes XT-02 and SUM-05 无法核验 (no pair is skipped silently)', () => {
    const found = run(withTable('t2', (t) => renameColumn(t, 'gpb', 'appropriation')));
    for (const id of ['XT-02', 'SUM-05']) {
      expect(of(found, id).map((f) => [f.severity, f.message]), id).toEqual([['unverifiable', expect.stringContaining('表二（部门收入总表）没有“gpb”列')]]);
    }
  });

  it('a form field the template no longer binds makes XT-13 无法核验 (a renamed label alone does not matter)', () => {
    const unbound = withTable('t15', (t) => {
      if (t.body.type === 'form') t.body.rows[0].cells[3].bind = undefined;
    });
    expect(resolveReads(unbound, [{ table: 'deptPerformance', field: 'dept.total' }]).missing).toEqual(['表十五（部门预算整体绩效目标表）没有“dept.total”栏目']);
    expect(of(run(unbound), 'XT-13').map((f) => f.severity)).toEqual(['unverifiable']);
    const relabelled = withTable('t15', (t) => {
      if (t.body.type === 'form') t.body.rows[0].cells[2].text = '部门预算支出总额';
    });
    expect(of(run(relabelled), 'XT-13')).toEqual([]);
  });

  it('a session on the renamed set reports the same 无法核验 findings', () => {
    const s = new Session(yubeiBigData2024(), { templates: renamed, schedule: null });
    expect(s.findings.filter((f) => f.id === 'XT-07').map((f) => f.severity)).toEqual(['unverifiable']);
  });
});

describe('a comparison with a missing side is 无法核验, never a pass', () => {
  it('表七 absent from the tables checked → XT-07 cannot read 表七合计', () => {
    const found = of(check(yubeiBigData2024(), (t) => t.filter((x) => x.id !== 't7')), 'XT-07');
    expect(found.map((f) => [f.severity, f.message])).toEqual([['unverifiable', '无法核验：无法读取表七合计（本文件没有该表）']]);
  });
  it('a money cell whose text is not an amount and has no value → XT-12 无法核验', () => {
    const found = of(
      check(yubeiBigData2024(), (t) => {
        const c = t.find((x) => x.id === 't13')!.body.find((r) => r.key === 'total')!.cells.find((x) => x.col === 'total')!;
        c.fen = undefined;
        c.text = '见附件';
      }),
      'XT-12',
    );
    expect(found.map((f) => f.severity)).toEqual(['unverifiable']);
    expect(found[0].message).toBe('无法核验：无法读取表十三项目合计“见附件”不是金额');
  });
});

describe('tables are found by role, never by id', () => {
  it('the 渝北 set with every table id changed gives the same findings, on the new ids', () => {
    const copy = structuredClone(CHONGQING_YUBEI_2024) as TemplateSet;
    for (const t of copy.tables) t.id = `yb-${t.id}`;
    const a = run(CHONGQING_YUBEI_2024);
    const b = run(copy);
    expect(b.map((f) => [f.id, f.severity, f.message])).toEqual(a.map((f) => [f.id, f.severity, f.message]));
    expect(b.flatMap((f) => f.cells.map((c) => c.table)).every((id) => id.startsWith('yb-t'))).toBe(true);
    expect(b.flatMap((f) => f.cells).length).toBe(a.flatMap((f) => f.cells).length);
  });

  it('findings carry their scope and the roles they concern', () => {
    const f = of(run(CHONGQING_YUBEI_2024), 'XT-14')[0];
    expect(f.scope).toBe('tables');
    expect(f.subject).toEqual(['spending', 'projects']);
  });
});
