/** GRN (granularity and classification) and CHG (表五 增幅). */
import { describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/model/edit';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { basicOnly } from '../../shared/rules/granularity';
import { catalog, cell, check, of, only, ref, sampleWith, setMoney, table } from './rules-setup';

describe('GRN-01 function detail to 项', () => {
  it('table altered: 表三 21011 has money but its 项 rows are gone', () => {
    const f = only(check(yubeiBigData2024(), (t) => { const t3 = table(t, 't3'); t3.body = t3.body.filter((r) => !/^21011\d\d$/.test(r.key)); }), 'GRN-01');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表三 21011 行政事业单位医疗 有金额但没有下级项级科目：支出功能分类应公开到项级');
    expect(f.cells).toEqual([ref('t3', '21011', 'code')]);
  });
  it('table altered: a 项 without its 款 row', () => {
    const found = of(check(yubeiBigData2024(), (t) => { const t5 = table(t, 't5'); t5.body = t5.body.filter((r) => r.key !== '22102'); }), 'GRN-01');
    expect(found.map((f) => f.message)).toEqual([
      '表五 221 住房保障支出 有金额但没有下级款级科目：支出功能分类应公开到项级',
      '表五 项级科目 2210201 没有所属的款级科目 22102 行',
    ]);
    expect(found[1].cells).toEqual([ref('t5', '2210201', 'code')]);
  });
});

describe('GRN-02 economic detail to 款', () => {
  it('table altered: 表八 302 without its 款 rows', () => {
    const f = only(check(yubeiBigData2024(), (t) => { const t8 = table(t, 't8'); t8.body = t8.body.filter((r) => !/^302\d\d$/.test(r.key)); }), 'GRN-02');
    expect(f.message).toBe('表八 302 商品和服务支出 有金额但没有下级款级科目：支出经济分类应公开到款级');
  });
});

describe('GRN-03 codes and names against the catalog', () => {
  it('edit: a 项 code the catalog does not have → warning on every table that prints it', () => {
    expect(catalog.get('function', '2150588')).toBeUndefined();
    const b = sampleWith({ op: 'insertFunctionLines', lines: [{ code: '2150588', kind: 'project', source: 'gpb', current: 100000, prior: 0 }] });
    const f = only(check(b), 'GRN-03');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('科目编码 2150588 不在2024年支出功能分类目录中：请核对编码；内置目录可能不全，也可载入最新的官方目录');
    expect(f.cells).toEqual([ref('t2', '2150588', 'code'), ref('t3', '2150588', 'code'), ref('t5', '2150588', 'code')]);
  });
  it('edit: a printed name that differs from the catalog (not just brackets)', () => {
    const f = only(check(sampleWith({ op: 'setName', key: 'econ-department:30201', name: '办公用品费' })), 'GRN-03');
    expect(f.message).toBe('科目 30201 的名称“办公用品费”与部门预算支出经济分类目录名称“办公费”不一致');
    expect(f.cells).toEqual([ref('t6', '30201', 'name'), ref('t8', '30201', 'name')]);
  });
  it('holds for the sample’s “维修(护)费” (ASCII brackets are normalised, FMT-04)', () => {
    const found = check(yubeiBigData2024(), (t) => {
      expect(cell(t, 't6', '30213', 'name').text).toBe('维修(护)费');
    });
    expect(of(found, 'GRN-03')).toEqual([]);
  });
});

describe('GRN-04 one name per code across tables', () => {
  it('table altered: 表八 prints 30201 under another name', () => {
    const found = check(yubeiBigData2024(), (t) => { cell(t, 't8', '30201', 'name').text = '办公费（项目）'; });
    const f = only(found, 'GRN-04');
    expect(f.message).toBe('科目 30201 在各表中名称不一致：表六“办公费”，表八“办公费（项目）”');
    expect(f.cells).toEqual([ref('t6', '30201', 'name'), ref('t8', '30201', 'name')]);
  });
});

describe('GRN-05 basic-only 项', () => {
  it('edit: 项目支出 typed on 2150501 行政运行', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'function', code: '2150501', kind: 'project', source: 'gpb', year: 'current' }, value: '10000' })), 'GRN-05');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('2150501 行政运行 列有项目支出 10,000.00 元');
    expect(f.cells).toEqual([ref('t3', '2150501', 'project'), ref('t5', '2150501', 'project')]);
  });
  it('knows which 项 are basic only', () => {
    expect(['2150501', '2150550', '2080505', '2101102', '2210201'].map((c) => basicOnly(catalog, c))).toEqual([true, true, true, true, true]);
    expect(['2150502', '2150517', '2080501'].map((c) => basicOnly(catalog, c))).toEqual([false, false, false]);
  });
});

describe('GRN-06 人员/公用 columns of 表六', () => {
  it('table altered: 30101 基本工资 carried in 日常公用经费', () => {
    const f = only(check(yubeiBigData2024(), (t) => setMoney(t, 't6', '30101', 'public', 100)), 'GRN-06');
    expect(f.message).toBe('表六 30101 基本工资 在“日常公用经费”列有 1.00 元：工资福利支出和对个人和家庭的补助属于人员经费');
    expect(f.cells).toEqual([ref('t6', '30101', 'public')]);
  });
});

describe('GRN-07 the two economic schemes correspond at 款 level', () => {
  const econ = (scheme: 'department' | 'government', code: string, amount: number): Edit => ({ op: 'insertEconLine', line: { scheme, kind: 'basic', code, amount } });
  it('edit: 表六 30305 生活补助 with no 509 in 表七', () => {
    const found = of(check(sampleWith(econ('department', '30305', 100000))), 'GRN-07');
    expect(found.map((f) => f.message)).toEqual(['表六 30305 生活补助（1,000.00 元）在表七中没有对应的政府经济分类科目（应为 50901 或 50901）']);
    expect(found[0].cells).toEqual([ref('t6', '30305', 'total')]);
  });
  it('edit: 表七 50901 with no 303 source in 表六', () => {
    const f = only(check(sampleWith(econ('government', '50901', 100000))), 'GRN-07');
    expect(f.message).toBe('表七 50901 社会福利和救助（1,000.00 元）在表六中没有对应的部门经济分类科目（应来自 30304、30305、30306、30307）');
  });
});

describe('CHG-01 表五 增幅', () => {
  it('table altered: 2150517 shows -40% (exact -45.95%) → error', () => {
    const f = only(check(yubeiBigData2024(), (t) => { cell(t, 't5', '2150517', 'change').text = '-40%'; }), 'CHG-01');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表五 2150517 产业发展 增幅 -40% 与按金额计算的结果不符（600,000.00 元 − 1,110,000.00 元）÷ 1,110,000.00 元 = -45.95%，应为 -46%');
    expect(f.cells).toEqual([ref('t5', '2150517', 'change'), ref('t5', '2150517', 'prior'), ref('t5', '2150517', 'current')]);
  });
  it('table altered: -45% is a rounding slip (within one unit) → warning', () => {
    const f = only(check(yubeiBigData2024(), (t) => { cell(t, 't5', '2150517', 'change').text = '-45%'; }), 'CHG-01');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('（四舍五入有误）');
  });
  it('accepts a finer precision that rounds right (-45.95%)', () => {
    expect(of(check(yubeiBigData2024(), (t) => { cell(t, 't5', '2150517', 'change').text = '-45.95%'; }), 'CHG-01')).toEqual([]);
  });
  it('edit: a new 上年 amount changes the derived 增幅 and the rule still holds', () => {
    const b = sampleWith({ op: 'set', ref: { t: 'function', code: '2150517', kind: 'project', source: 'gpb', year: 'prior' }, value: '500000' });
    const found = check(b, (t) => {
      expect(cell(t, 't5', '2150517', 'change').text).toBe('20%');
    });
    expect(of(found, 'CHG-01')).toEqual([]);
  });
});

describe('CHG-02 zero base', () => {
  it('table altered: a 增幅 on a zero 上年 → warning', () => {
    const b = sampleWith({ op: 'insertFunctionLines', lines: [{ code: '2150505', kind: 'project', source: 'gpb', current: 100000, prior: 0 }] });
    expect(of(check(b), 'CHG-02')).toEqual([]); // derived: the 增幅 cell is left blank
    const f = only(check(b, (t) => { cell(t, 't5', '2150505', 'change').text = '100%'; }), 'CHG-02');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('上年预算数为 0，增幅无法计算，应留空或填“—”');
    expect(f.message).toContain('表中为“100%”');
  });
  it('edit: a 项 with neither year (info: the row can go)', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'function', code: '2150599', kind: 'project', source: 'gpb', year: 'prior' }, value: '' })), 'CHG-02');
    expect(f.severity).toBe('info');
    expect(f.message).toBe('表五 2150599 其他工业和信息产业监管支出 本年和上年预算数均为 0，该行可以删除');
  });
});
