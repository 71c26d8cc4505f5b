/**
 * XT: identities between tables. Where two inputs describe the same money (表六 vs 表五 基本支出,
 * 表七 vs 表六, 三公 vs 经济科目, projects vs 项目支出) the break is a real edit of the sample;
 * identities that hold by construction (表一 vs 表三 …) are broken by altering a derived table.
 */
import { describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/model/edit';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { bump, check, lineCell, of, only, ref, sampleWith } from './rules-setup';

const econ = (scheme: 'department' | 'government', kind: 'basic' | 'project', code: string, value: string): Edit => ({
  op: 'set',
  ref: { t: 'econ', scheme, kind, code },
  value,
});

describe('XT-07 表五 基本支出 = 表六 = 表七', () => {
  it('edit: 表六 30201 +0.01 → names the 表六 and 表五 total cells with both amounts', () => {
    const f = only(check(sampleWith(econ('department', 'basic', '30201', '95000.01'))), 'XT-07');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表六合计 2,685,855.90 元与表五基本支出合计 2,685,855.89 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t6', 'total', 'total'), ref('t5', 'total', 'basic')]);
  });

  it('edit: 表七 50101 −1.00 → 表七 against 表五', () => {
    const f = only(check(sampleWith(econ('government', 'basic', '50101', '852424.00'))), 'XT-07');
    expect(f.message).toBe('表七合计 2,685,854.89 元与表五基本支出合计 2,685,855.89 元不一致，相差 1.00 元');
    expect(f.cells).toEqual([ref('t7', 'total', 'total'), ref('t5', 'total', 'basic')]);
  });

  it('edit: a 表五 基本支出 amount without the economic detail → both 表六 and 表七 differ', () => {
    const found = of(check(sampleWith({ op: 'set', ref: { t: 'function', code: '2150501', kind: 'basic', source: 'gpb', year: 'current' }, value: '1243914.80' })), 'XT-07');
    expect(found.map((f) => f.message)).toEqual([
      '表六合计 2,685,855.89 元与表五基本支出合计 2,685,855.91 元不一致，相差 0.02 元',
      '表七合计 2,685,855.89 元与表五基本支出合计 2,685,855.91 元不一致，相差 0.02 元',
    ]);
  });
});

describe('XT-08 表五 项目支出 = 表八 = 表九', () => {
  it('edit: 表八 30201 +0.01', () => {
    const f = only(check(sampleWith(econ('department', 'project', '30201', '550000.01'))), 'XT-08');
    expect(f.message).toBe('表八合计 3,409,800.01 元与表五项目支出合计 3,409,800.00 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t8', 'total', 'total'), ref('t5', 'total', 'project')]);
  });
});

describe('XT-09 类 identities between the economic schemes', () => {
  it('holds when money moves between 款 of one 类 (表七 50101 → 50199)', () => {
    const b = sampleWith(econ('government', 'basic', '50101', '852325.00'), econ('government', 'basic', '50199', '9700.00'));
    expect(of(check(b), 'XT-09')).toEqual([]);
  });
  it('edit: 1.00 moved from 表七 501 to 502 → 301 ≠ 501 + 50501 and 302 ≠ 502 + 50502', () => {
    const b = sampleWith(econ('government', 'basic', '50101', '852424.00'), econ('government', 'basic', '50299', '70001.00'));
    const found = of(check(b), 'XT-09');
    expect(found.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect(found[0].message).toBe('表六 301 2,079,431.41 元与表七 501 + 50501 2,079,430.41 元不一致，相差 1.00 元（按两套经济分类对照表，两者应相等）');
    expect(found[0].cells).toEqual([ref('t6', '301', 'total'), ref('t7', '501', 'total'), ref('t7', '50501', 'total')]);
    expect(found[1].message).toContain('表六 302 606,424.48 元与表七 502 + 50502 606,425.48 元不一致');
  });
});

describe('XT-10 机关 share ≤ department 款', () => {
  it('edit: 表七 50206 公务接待费 3,000 > 表六 30217 2,000', () => {
    const f = only(check(sampleWith(econ('government', 'basic', '50206', '3000'))), 'XT-10');
    expect(f.message).toBe('表七 50206 公务接待费 3,000.00 元超过表六 30217 公务接待费 2,000.00 元，超出 1,000.00 元');
    expect(f.cells).toEqual([ref('t7', '50206', 'total'), ref('t6', '30217', 'total')]);
  });
});

describe('XT-11 三公 = economic 款 of 表六 + 表八', () => {
  it('edit: 表十 公务接待费 2,500 while 30217 is 2,000', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'threePublic', item: 'reception', year: 'current' }, value: '2500' })), 'XT-11');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表十2024年公务接待费 2,500.00 元与表六、表八 30217（公务接待费）合计 2,000.00 元不一致，相差 500.00 元');
    expect(f.cells).toEqual([ref('t10', 'amounts', 'current:reception'), ref('t6', '30217', 'total')]);
  });
  it('edit: a 30231 公务用车运行维护费 in 项目支出 without 三公 → 运行费 understated', () => {
    const b = sampleWith({ op: 'insertEconLine', line: { scheme: 'department', kind: 'project', code: '30231', amount: 500000 } });
    const f = only(check(b), 'XT-11');
    expect(f.message).toContain('表十2024年公务用车运行费 40,000.00 元与表六、表八 30231（公务用车运行维护费）合计 45,000.00 元不一致');
    expect(f.cells).toContainEqual(ref('t8', '30231', 'total'));
  });
});

describe('XT-12 表十三 合计 = 表三 项目支出', () => {
  it('edit: a project amount +0.01', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'projectAmount', id: 'p2', source: 'gpb' }, value: '300000.01' })), 'XT-12');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('表十三项目合计 3,409,800.01 元与表三项目支出合计 3,409,800.00 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t13', 'total', 'total'), ref('t3', 'total', 'project')]);
  });
});

describe('XT-16 projects by function 项 = 表三 项目支出 of that 项', () => {
  it('edit: a project amount +0.01 → the 项 it is booked in', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'projectAmount', id: 'p2', source: 'gpb' }, value: '300000.01' })), 'XT-16');
    expect(f.message).toBe('表十三中列在 2150502 一般行政管理事务 的 5 个项目合计 2,809,800.01 元与表三该科目项目支出 2,809,800.00 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([...['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => ref('t13', id, 'total')), ref('t3', '2150502', 'project')]);
  });
});

describe('XT-13 表十五 部门支出预算数 = 表一 支出合计', () => {
  it('table altered: 表十五 amount', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't15', 'dept', 'c3', -1)), 'XT-13');
    expect(f.message).toBe('表十五部门支出预算数 6,095,655.88 元与表一支出合计 6,095,655.89 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t15', 'dept', 'c3'), ref('t1', 'incomeTotal', 'outAmount')]);
  });
});

describe('XT-14 Σ 表十六/十七 当年预算 vs 表三 项目支出', () => {
  it('edit: project budgets above 项目支出 → error', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'projectAmount', id: 'p1', source: 'gpb' }, value: '2100000.01' })), 'XT-14');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表十六、表十七绩效目标表当年预算合计（5 个项目） 3,409,800.01 元超过表三项目支出合计 3,409,800.00 元，超出 0.01 元');
    expect(f.cells).toContainEqual(ref('t17:p1', 'budget', 'c1'));
    expect(f.cells).toContainEqual(ref('t3', 'total', 'project'));
  });
});

describe('table-only identities (altered derived tables)', () => {
  it('XT-01: 表一 本年支出 215 ≠ 表三 215', () => {
    const f = only(check(yubeiBigData2024(), (t) => { const c = lineCell(t, 't1', 'class:215', 'outAmount'); c.fen = c.fen! + 1; }), 'XT-01');
    expect(f.message).toBe('表一本年支出 215 资源勘探工业信息等支出 5,566,509.67 元与表三 215 资源勘探工业信息等支出总计 5,566,509.66 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t1', 'income:soe', 'outAmount'), ref('t3', '215', 'total')]);
  });

  it('XT-02: 表一 一般公共预算 income ≠ 表二 一般公共预算 column', () => {
    const f = of(check(yubeiBigData2024(), (t) => bump(t, 't2', 'total', 'gpb', 1)), 'XT-02')[0];
    expect(f.message).toBe('表一一般公共预算财政拨款资金 6,095,655.89 元与表二一般公共预算财政拨款合计 6,095,655.90 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t1', 'income:gpb', 'inAmount'), ref('t2', 'total', 'gpb')]);
  });

  it('XT-03: 表四 一般公共预算 income ≠ 表一', () => {
    const f = only(check(yubeiBigData2024(), (t) => { const c = lineCell(t, 't4', 'income:gpb', 'inAmount'); c.fen = c.fen! - 1; }), 'XT-03');
    expect(f.message).toBe('表四一般公共预算财政拨款 6,095,655.88 元与表一一般公共预算财政拨款资金 6,095,655.89 元不一致，相差 0.01 元');
  });

  it('XT-02, XT-03: every amount compared is live (a cent more in it is a finding naming that cell)', () => {
    for (const col of ['total', 'gpb', 'fund', 'soe', 'carryover', 'reserve']) {
      const found = of(check(yubeiBigData2024(), (t) => bump(t, 't2', 'total', col, 1)), 'XT-02');
      expect(found.flatMap((f) => f.cells), col).toContainEqual(ref('t2', 'total', col));
    }
    for (const line of ['income:gpb', 'income:fund', 'income:soe', 'carryover']) {
      const found = of(check(yubeiBigData2024(), (t) => { const c = lineCell(t, 't4', line, 'inAmount'); c.fen = c.fen! + 1; }), 'XT-03');
      expect(found.length, line).toBe(1);
    }
  });

  it('XT-04: 表四 一般公共预算 215 ≠ 表五 215 本年小计', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't5', '215', 'current', 1)), 'XT-04');
    expect(f.message).toBe('表四 215 资源勘探工业信息等支出（一般公共预算） 5,566,509.66 元与表五 215 资源勘探工业信息等支出（本年小计） 5,566,509.67 元不一致，相差 0.01 元');
    expect(f.cells).toEqual([ref('t4', 'income:soe', 'outGpb'), ref('t5', '215', 'current')]);
  });

  it('XT-05: 表四 政府性基金 ≠ 表十一 合计', () => {
    const found = of(check(yubeiBigData2024(), (t) => bump(t, 't11', 'total', 'total', 100)), 'XT-05');
    expect(found.map((f) => f.message)).toEqual(['表四本年支出（政府性基金预算） 0.00 元与表十一合计（总计） 1.00 元不一致，相差 1.00 元']);
  });

  it('XT-06: 表五 2150501 基本支出 above 表三 (only appropriations: must be equal)', () => {
    const f = only(check(yubeiBigData2024(), (t) => bump(t, 't5', '2150501', 'basic', 1)), 'XT-06');
    expect(f.message).toBe('2150501 行政运行 基本支出：表五、表十一、表十二之和 1,243,914.79 元与表三基本支出 1,243,914.78 元不一致，相差 0.01 元（本部门只有财政拨款收入，两者应相等）');
    expect(f.cells).toEqual([ref('t5', '2150501', 'basic'), ref('t3', '2150501', 'basic')]);
  });

  it('XT-06 holds when other money (财政专户) makes 表三 larger than 表五', () => {
    const b = sampleWith({ op: 'insertFunctionLines', lines: [{ code: '2150501', kind: 'basic', source: 'special', current: 100000, prior: 0 }] });
    expect(of(check(b), 'XT-06')).toEqual([]);
  });
});
