import { describe, expect, it } from 'vitest';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { rolloverBudget, rolloverWithSummary, operatingCost } from '../../shared/rollover/index';
import { ROLLOVER_RULES, STR_11, STR_12 } from '../../shared/rules/rollover';
import { deriveTables, printedRows } from '../../shared/tables/derive';
import { builtinCatalog } from '../../shared/catalog/index';
import { templatesFor } from '../../shared/tables/registry';
import type { Budget } from '../../shared/model/types';
import type { RuleContext } from '../../shared/rules/types';

const ctxFor = (b: Budget) => ({ catalog: builtinCatalog(), templates: templatesFor(b.meta.templateId) });
const tablesOf = (b: Budget) => deriveTables(b, ctxFor(b));
const table = (b: Budget, id: string) => tablesOf(b).find((t) => t.id === id)!;

function ruleContext(b: Budget): RuleContext {
  const tables = tablesOf(b);
  const env = ctxFor(b);
  return { budget: b, tables, table: (id) => tables.find((t) => t.id === id), catalog: env.catalog, profile: env.templates.profile, templates: env.templates };
}

/** Column `key` of every body row of a table, by row key. */
function column(b: Budget, id: string, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of table(b, id).body) out[row.key] = row.cells.find((c) => c.col === key)?.text ?? '';
  return out;
}

describe('rollover (新建年度)', () => {
  const last = yubeiBigData2024();
  const snapshot = JSON.stringify(last);
  const next = rolloverBudget(last);

  it('is pure: last year is unchanged and shares nothing with the new year', () => {
    expect(JSON.stringify(last)).toBe(snapshot);
    next.projects[0].indicators[0].name = 'x';
    next.units[0].name = 'y';
    next.threePublic.prior.reception = 1;
    expect(JSON.stringify(last)).toBe(snapshot);
    const again = rolloverBudget(last);
    expect(again.projects[0].indicators[0].name).toBe(last.projects[0].indicators[0].name);
  });

  it('makes 2024 the last year of 2025', () => {
    const b = rolloverBudget(last);
    expect(b.meta.year).toBe(2025);
    expect(b.meta.department).toBe(last.meta.department);
    expect(b.units).toEqual(last.units);
    expect(b.nameOverrides).toEqual(last.nameOverrides);
    // This year's amounts are empty; last year's current amounts are the new prior.
    expect(b.functionLines.every((l) => l.current === 0)).toBe(true);
    for (const l of last.functionLines.filter((x) => x.current !== 0)) {
      expect(b.functionLines).toContainEqual({ code: l.code, kind: l.kind, source: l.source, current: 0, prior: l.current });
    }
    // 2150599 had only 2023 money: nothing to compare in 2025.
    expect(b.functionLines.some((l) => l.code === '2150599')).toBe(false);
    expect(b.econLines).toHaveLength(last.econLines.length);
    expect(b.econLines.every((l) => l.amount === 0)).toBe(true);
  });

  it('表五 上年 column of 2025 equals 2024’s 本年小计 column, row for row', () => {
    const b = rolloverBudget(last);
    const before = column(last, 't5', 'current');
    const after = column(b, 't5', 'prior');
    const printedBefore = Object.fromEntries(Object.entries(before).filter(([, v]) => v !== ''));
    expect(after).toEqual(printedBefore);
    expect(after.total).toBe('6,095,655.89');
    expect(after['2150501']).toBe('1,243,914.78');
    // The header names the years.
    const header = printedRows(table(b, 't5'))[0];
    expect(header).toContain('2024年预算数');
    expect(header).toContain('2025年预算数');
    // This year's columns are empty.
    expect(Object.values(column(b, 't5', 'current')).every((v) => v === '')).toBe(true);
  });

  it('表十 2024 block of the 2025 file equals 2024’s own block', () => {
    const b = rolloverBudget(last);
    const rows2024 = printedRows(table(last, 't10'));
    const rows2025 = printedRows(table(b, 't10'));
    expect(rows2025[0][6]).toBe('2024年预算数');
    expect(rows2025[3].slice(6)).toEqual(rows2024[3].slice(0, 6));
    expect(rows2025[3].slice(6)).toEqual(['42,000.00', '', '40,000.00', '', '40,000.00', '2,000.00']);
    expect(rows2025[3].slice(0, 6).every((c) => c === '')).toBe(true);
  });

  it('carries projects, indicators, performance and texts; clears reasons, dates, planned purchases', () => {
    const b = rolloverBudget({
      ...last,
      meta: { ...last.meta, approvalDate: '2024-01-20', publishDate: '2024-02-05' },
      texts: { ...last.texts, 'narrative:edited': '……' },
      assets: { ...last.assets, vehiclesPlanned: { ...last.assets.vehiclesPlanned, law: 2 }, equipmentPlanned: 3, equipmentHeld: 4 },
    });
    expect(b.projects.map((p) => p.name)).toEqual(last.projects.map((p) => p.name));
    for (const [i, p] of b.projects.entries()) {
      expect(p.needsReview).toBe(true);
      expect(p.district).toBe(0);
      expect(p.town).toBe(0);
      expect(Object.values(p.amounts).every((v) => v === 0)).toBe(true);
      expect(Object.keys(p.amounts)).toEqual(Object.keys(last.projects[i].amounts));
      expect(p.indicators).toEqual(last.projects[i].indicators);
      expect(p.functionCode).toBe(last.projects[i].functionCode);
    }
    expect(b.performance).toEqual(last.performance);
    expect(b.texts.functions).toBe(last.texts.functions);
    expect(b.texts.contactPhone).toBe('023-81924861');
    expect(Object.keys(b.texts).some((k) => k.startsWith('reason:') || k === 'narrative:edited')).toBe(false);
    expect(b.meta.approvalDate).toBe('');
    expect(b.meta.publishDate).toBe('');
    expect(b.assets.vehiclesHeld).toEqual(last.assets.vehiclesHeld);
    expect(b.assets.equipmentHeld).toBe(4);
    expect(Object.values(b.assets.vehiclesPlanned).every((n) => n === 0)).toBe(true);
    expect(b.assets.equipmentPlanned).toBe(0);
    expect(b.procurement).toEqual([]);
    expect(b.carryForward).toEqual({});
  });

  it('机关运行经费 上年 is 2024’s 表七 基本支出 502 (389,346.50 元)', () => {
    expect(operatingCost(last)).toBe(38934650);
    expect(rolloverBudget(last).priorOperatingCost).toBe(38934650);
    expect(rolloverBudget(last).threePublic.prior).toEqual(last.threePublic.current);
  });

  it('summary says what was carried and what to do next', () => {
    const { lines } = rolloverWithSummary(last);
    const text = lines.join('\n');
    expect(text).toContain('新建 2025 年度');
    expect(text).toContain('6,095,655.89');
    expect(text).toContain('389,346.50');
    expect(text).toContain('1 行仅有上年数，未结转');
    expect(text).toContain('待复核');
  });

  it('STR-11 reports the missing current-year amounts of the new file, not of the sample', () => {
    const b = rolloverBudget(last);
    const found = STR_11.check(ruleContext(b));
    expect(found).toHaveLength(1);
    expect(found[0].id).toBe('STR-11');
    expect(found[0].severity).toBe('error');
    expect(found[0].message).toContain('2025年预算数尚未录入');
    expect(found[0].message).toContain('6,095,655.89');
    expect(found[0].cells[0]).toEqual({ table: 't5', row: 'total', column: 'current' });
    expect(STR_11.check(ruleContext(last))).toEqual([]);
    expect(STR_12.check(ruleContext(b))[0].message).toContain('6 个项目');
    expect(ROLLOVER_RULES.map((r) => r.id)).toEqual(['STR-11', 'STR-12']);
  });
});
