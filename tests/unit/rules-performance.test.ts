/** PERF: the performance-target tables, broken by edits of the sample's projects and indicators. */
import { describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/model/edit';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { check, of, only, ref, sampleWith, setMoney, cell } from './rules-setup';

const ind = (owner: string, index: number, field: 'name' | 'weight' | 'unit' | 'nature' | 'value' | 'core', value: string): Edit => ({
  op: 'set',
  ref: { t: 'indicator', owner, index, field },
  value,
});

describe('PERF-01 当年预算 = 区级支出 + 补助镇街', () => {
  it('edit: 区级支出 +0.01', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'projectMoney', id: 'p2', field: 'district' }, value: '300000.01' })), 'PERF-01');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表十七“编外聘用人员”当年预算 300,000.00 元不等于区级支出 300,000.01 元、补助镇街 0.00 元之和 300,000.01 元，相差 0.01 元');
    expect(f.cells).toEqual([ref('t17:p2', 'budget', 'c1'), ref('t17:p2', 'budget', 'c4'), ref('t17:p2', 'town', 'c4')]);
  });
  it('holds when the money is split between 区级 and 镇街', () => {
    const b = sampleWith(
      { op: 'set', ref: { t: 'projectMoney', id: 'p2', field: 'district' }, value: '200000' },
      { op: 'set', ref: { t: 'projectMoney', id: 'p2', field: 'town' }, value: '100000' },
    );
    expect(of(check(b), 'PERF-01')).toEqual([]);
  });
});

describe('PERF-02 weights', () => {
  it('edit: a project indicator weight 15 → 10 (sum 85, template 90)', () => {
    const f = only(check(sampleWith(ind('p2', 0, 'weight', '10'))), 'PERF-02');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('表十七“编外聘用人员” 指标权重合计为 85，按“重庆市渝北区 部门预算公开（十七张表）”模板应为 90');
    expect(f.cells).toHaveLength(7);
    expect(f.cells[0]).toEqual(ref('t17:p2', 'ind:0', 'c2'));
  });
  it('edit: 整体绩效 weights sum to 105', () => {
    const f = only(check(sampleWith(ind('department', 0, 'weight', '20'))), 'PERF-02');
    expect(f.message).toContain('表十五 指标权重合计为 105');
    expect(f.message).toContain('应为 100');
  });
});

describe('PERF-03 indicator elements', () => {
  it('edit: quantitative indicator without unit; a bad 指标性质 from an older file', () => {
    const b = sampleWith(ind('p2', 1, 'unit', ''));
    // (Typing, pasting and importing refuse it now: the closed list of shared/model/choices.)
    b.projects.find((p) => p.id === 'p2')!.indicators[3].nature = '约';
    const found = of(check(b), 'PERF-03');
    expect(found.map((f) => f.message)).toEqual([
      '表十七“编外聘用人员” 第2个指标“聘用人员人数”：定量指标缺少计量单位',
      '表十七“编外聘用人员” 第4个指标“社会大众对数据治理、行业应急、大数据智能化建设协调保障的满意度”：指标性质“约”应为 ≥、≤、=、>、< 或“定性”',
    ]);
    expect(found[0].cells).toEqual([ref('t17:p2', 'ind:1', 'c3')]);
  });
  it('edit: weight not a number, value not a number', () => {
    const f = only(check(sampleWith(ind('p5', 0, 'weight', '十'), ind('p5', 0, 'value', '九十五'))), 'PERF-03');
    expect(f.message).toBe('表十七“政务数字化应用评估、评审” 第1个指标“政务信息化项目建议单位满意度”：权重“十”不是数字；指标值“九十五”不是数字');
  });
});

describe('PERF-04 核心指标 (info)', () => {
  it('edit: the only 核心指标 of 办公场地租赁 set to 否', () => {
    const f = only(check(sampleWith(ind('p3', 0, 'core', '否'))), 'PERF-04');
    expect(f.severity).toBe('info');
    expect(f.message).toBe('表十七“办公场地租赁” 没有标为“是”的核心指标，建议至少指定一个');
    expect(f.cells).toHaveLength(5);
  });
});

describe('PERF-05 target blocks ↔ 表十三', () => {
  it('table altered: the 表十三 amount of a project differs from its target table', () => {
    const found = of(check(yubeiBigData2024(), (t) => setMoney(t, 't13', 'p4', 'total', 50000000)), 'PERF-05');
    const f = found.find((x) => x.severity === 'warning')!;
    expect(f.message).toBe('表十七“渝北区数字化运行和治理中心建设专班工作经费”当年预算 550,000.00 元与表十三该项目合计 500,000.00 元不一致，相差 50,000.00 元');
    expect(f.cells).toEqual([ref('t17:p4', 'budget', 'c1'), ref('t13', 'p4', 'total')]);
  });
  it('table altered: a target table whose project is not in 表十三', () => {
    const found = of(check(yubeiBigData2024(), (t) => { cell(t, 't17:p5', 'name', 'c1').text = '政务数字化应用评审'; }), 'PERF-05');
    expect(found.map((f) => f.message)).toContain('表十七“政务数字化应用评审”在表十三项目支出明细中没有同名项目');
  });
});

describe('PERF-06 整体绩效目标', () => {
  it('edit: every 整体 indicator removed → error while the department has expenditure', () => {
    const edits: Edit[] = Array.from({ length: 8 }, () => ({ op: 'removeIndicator', owner: 'department', index: 0 }));
    const f = only(check(sampleWith(...edits)), 'PERF-06');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表十五没有整体绩效指标，而部门支出合计为 6,095,655.89 元：有支出的部门应公开整体绩效目标');
    expect(f.cells).toEqual([ref('t15', 'goal', 'c1')]);
  });
});

describe('PERF-07 cost indicators', () => {
  it('edit: correcting 租金 to 元/年 removes that finding (the three others stay)', () => {
    const found = of(check(sampleWith(ind('p3', 3, 'unit', '元/年'))), 'PERF-07');
    expect(found).toHaveLength(3);
    expect(found.some((f) => f.message.includes('租金'))).toBe(false);
  });
  it('edit: a per-person rate above the whole budget (31 万元/人 vs 30万) is flagged', () => {
    const found = of(check(sampleWith(ind('p2', 2, 'value', '31'))), 'PERF-07');
    const f = found.find((x) => x.message.includes('编外聘用人员'))!;
    expect(f.message).toBe('表十七“编外聘用人员” 成本指标“聘用人员费用” 31 万元/人（310,000.00 元）超过项目当年预算 300,000.00 元（30 万元），超出 10,000.00 元');
    expect(f.cells).toEqual([ref('t17:p2', 'ind:2', 'c5'), ref('t17:p2', 'ind:2', 'c3'), ref('t17:p2', 'budget', 'c1')]);
  });
  it('a ≥ indicator in 万元 is not a cost ceiling', () => {
    const found = of(check(sampleWith(ind('p4', 5, 'nature', '≥'))), 'PERF-07');
    expect(found.some((f) => f.message.includes('专班工作经费'))).toBe(false);
  });
});
