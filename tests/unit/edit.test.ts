import { describe, expect, it } from 'vitest';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { applyEdit, applyEdits, readInput, type Edit } from '../../shared/model/edit';
import { deriveTables, CHONGQING_YUBEI_2024, type DerivedTable } from '../../shared/tables/index';
import { builtinCatalog } from '../../shared/catalog/index';

const ctx = { catalog: builtinCatalog(), templates: CHONGQING_YUBEI_2024 };
const table = (tables: DerivedTable[], id: string) => tables.find((t) => t.id === id)!;
const cell = (t: DerivedTable, row: string, col: string) => t.body.find((r) => r.key === row)!.cells.find((c) => c.col === col)!;

describe('edits', () => {
  it('typing into 表六 30201 changes the input and every total derived from it; undo restores it', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const t6 = table(deriveTables(b, ctx), 't6');
    const ref = cell(t6, '30201', 'total').input!;
    expect(ref).toEqual({ t: 'econ', scheme: 'department', kind: 'basic', code: '30201' });
    expect(readInput(b, ref)).toBe('95000.00');
    const r = applyEdit(b, { op: 'set', ref, value: '95,000.01' });
    expect(r.ok).toBe(true);
    const after = table(deriveTables(b, ctx), 't6');
    expect(cell(after, 'total', 'total').text).toBe('2,685,855.90');
    expect(cell(after, 'total', 'public').text).toBe('606,424.49');
    expect(cell(after, '302', 'total').text).toBe('606,424.49');
    if (!r.ok) throw new Error();
    for (const inv of r.inverse) applyEdit(b, inv);
    expect(b).toEqual(before);
  });

  it('rejects letters and more than two decimals, storing nothing', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const ref = { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' } as const;
    const bad = applyEdit(b, { op: 'set', ref, value: '9万5千' });
    expect(bad.ok).toBe(false);
    const tooPrecise = applyEdit(b, { op: 'set', ref, value: '1.234' });
    expect(tooPrecise).toMatchObject({ ok: false, reason: expect.stringContaining('两位小数') });
    expect(b).toEqual(before);
  });

  it('accepts full-width digits', () => {
    const b = yubeiBigData2024();
    const r = applyEdit(b, { op: 'set', ref: { t: 'threePublic', item: 'reception', year: 'current' }, value: '３０００' });
    expect(r.ok).toBe(true);
    expect(b.threePublic.current.reception).toBe(300000);
  });

  it('a new 项 line shows as an empty row in 表五 and fills 表三 once it has money; undo removes it', () => {
    const b = yubeiBigData2024();
    const add: Edit = { op: 'insertFunctionLines', lines: [{ code: '2080599', kind: 'basic', source: 'gpb', current: 0, prior: 0 }] };
    const r = applyEdit(b, add);
    expect(r.ok).toBe(true);
    let t5 = table(deriveTables(b, ctx), 't5');
    expect(t5.body.map((x) => x.key)).toContain('2080599');
    expect(cell(t5, '2080599', 'basic').input).toEqual({ t: 'function', code: '2080599', kind: 'basic', source: 'gpb', year: 'current' });
    applyEdit(b, { op: 'set', ref: cell(t5, '2080599', 'basic').input!, value: '1000' });
    const tables = deriveTables(b, ctx);
    t5 = table(tables, 't5');
    expect(cell(t5, '20805', 'current').text).toBe('259,253.68');
    expect(cell(t5, 'total', 'current').text).toBe('6,096,655.89');
    expect(cell(table(tables, 't3'), '2080599', 'total').text).toBe('1,000.00');
    if (!r.ok) throw new Error();
    applyEdit(b, { op: 'removeFunctionLines', code: '2080599' });
    expect(table(deriveTables(b, ctx), 't5').body.map((x) => x.key)).not.toContain('2080599');
  });

  it('refuses amounts at 类 or 款 level', () => {
    const b = yubeiBigData2024();
    const r = applyEdit(b, { op: 'insertFunctionLines', lines: [{ code: '21505', kind: 'basic', source: 'gpb', current: 0, prior: 0 }] });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('项') });
  });

  it('a batch that fails half-way is rolled back whole', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const r = applyEdits(b, [
      { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value: '1' },
      { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30205' }, value: 'abc' },
    ]);
    expect(r.ok).toBe(false);
    expect(b).toEqual(before);
  });

  it('a refused edit is reported by its index and reason, and the edits before it are undone by their inverses', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const line = { code: '2150505', kind: 'project', source: 'gpb', current: 0, prior: 0 } as const;
    const r = applyEdits(b, [
      { op: 'insertFunctionLines', lines: [line] },
      { op: 'set', ref: { t: 'function', code: '2150505', kind: 'project', source: 'gpb', year: 'current' }, value: '12.50' },
      { op: 'removeProject', id: 'p3' },
      { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30205' }, value: '1.234' },
      { op: 'set', ref: { t: 'econ', scheme: 'department', kind: 'basic', code: '30201' }, value: '1' },
    ]);
    expect(r).toEqual({ ok: false, index: 3, reason: '“1.234”超过两位小数（金额精确到分）' });
    expect(b).toEqual(before);
  });

  it('removing a project and undoing puts it back in place', () => {
    const b = yubeiBigData2024();
    const before = structuredClone(b);
    const r = applyEdit(b, { op: 'removeProject', id: 'p3' });
    expect(r.ok).toBe(true);
    expect(deriveTables(b, ctx).filter((t) => t.no === '表十七')).toHaveLength(4);
    if (!r.ok) throw new Error();
    for (const inv of r.inverse) applyEdit(b, inv);
    expect(b).toEqual(before);
  });
});

describe('derived tables', () => {
  const b = yubeiBigData2024();
  const tables = deriveTables(b, ctx);

  it('marks only input cells editable: totals, 类/款 rows and percentages are derived', () => {
    const t5 = table(tables, 't5');
    expect(cell(t5, 'total', 'basic').input).toBeUndefined();
    expect(cell(t5, '215', 'basic').input).toBeUndefined();
    expect(cell(t5, '21505', 'project').input).toBeUndefined();
    expect(cell(t5, '2150501', 'current').input).toBeUndefined();
    expect(cell(t5, '2150501', 'change').input).toBeUndefined();
    expect(cell(t5, '2150501', 'basic').input).toBeDefined();
    // 上年预算数 of a basic-only 项 goes to its basic line.
    expect(cell(t5, '2150501', 'prior').input).toEqual({ t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'prior' });
  });

  it('prints an empty 表十六 skeleton with its note and an empty 编制单位', () => {
    const t16 = tables.filter((t) => t.no === '表十六');
    expect(t16).toHaveLength(1);
    expect(t16[0].empty).toBe(true);
    expect(t16[0].note).toBe('备注：本部门无重点项目绩效。');
    expect(t16[0].lines[0]).toBe('编制单位：');
  });

  it('computes 表十 totals from the four items', () => {
    const t10 = table(tables, 't10');
    const row = t10.body[0].cells.map((c) => c.text);
    expect(row).toEqual(['42,000.00', '', '40,000.00', '', '40,000.00', '2,000.00', '47,000.00', '', '45,000.00', '', '45,000.00', '2,000.00']);
  });
});

describe('narrative-only inputs', () => {
  it('last year 机关运行经费: empty means unknown, a number is stored in 分, undo restores', () => {
    const b = yubeiBigData2024();
    const ref = { t: 'priorOperatingCost' } as const;
    expect(readInput(b, ref)).toBe('299884.08');
    const r = applyEdit(b, { op: 'set', ref, value: '' });
    expect(b.priorOperatingCost).toBeNull();
    if (!r.ok) throw new Error();
    applyEdit(b, r.inverse[0]);
    expect(b.priorOperatingCost).toBe(29988408);
  });

  it('vehicle and equipment counts accept whole numbers only', () => {
    const b = yubeiBigData2024();
    expect(applyEdit(b, { op: 'set', ref: { t: 'vehicles', slot: 'vehiclesPlanned', kind: 'law' }, value: '２' }).ok).toBe(true);
    expect(b.assets.vehiclesPlanned.law).toBe(2);
    const bad = applyEdit(b, { op: 'set', ref: { t: 'equipment', slot: 'equipmentHeld' }, value: '1.5' });
    expect(bad).toMatchObject({ ok: false, reason: expect.stringContaining('不是数量') });
    expect(b.assets.equipmentHeld).toBe(0);
  });

  it('结转下年 feeds 表一 on both sides', () => {
    const b = yubeiBigData2024();
    applyEdit(b, { op: 'set', ref: { t: 'carryForward', source: 'gpb' }, value: '100' });
    const t1 = deriveTables(b, ctx).find((t) => t.id === 't1')!;
    const total = t1.body.find((r) => r.key === 'incomeTotal')!.cells.map((c) => c.text);
    expect(total).toEqual(['合计', '6,095,755.89', '合计', '6,095,755.89']);
    const carry = t1.body.find((r) => r.key === 'carryover')!.cells.map((c) => c.text);
    expect(carry).toEqual(['二、上年结转', '', '二、结转下年', '100.00']);
  });
});
