/** STR (table part), FMT and TIM. */
import { describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/model/edit';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { dayNumber } from '../../shared/rules/timeliness';
import { cell, check, of, only, ref, sampleWith, table } from './rules-setup';

describe('STR-01 tables present', () => {
  it('tables removed: 表十 (a 143号 table) is an error, 表十三 a warning', () => {
    const found = of(check(yubeiBigData2024(), (t) => t.filter((x) => x.id !== 't10' && x.id !== 't13')), 'STR-01');
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['error', '缺少表十：这是财预〔2016〕143号规定必须公开的表格'],
      ['warning', '缺少表十三：模板要求公开此表'],
    ]);
  });
});

describe('STR-02 部门全称 and 单位', () => {
  it('table altered: another department name and a 万元 unit line', () => {
    const found = of(
      check(yubeiBigData2024(), (t) => {
        table(t, 't6').lines = ['部门全称：重庆市渝北区大数据局', '单位：万元'];
      }),
      'STR-02',
    );
    expect(found.map((f) => f.message)).toEqual([
      '表六的部门全称“重庆市渝北区大数据局”与部门名称“重庆市渝北区大数据应用发展管理局”不一致',
      '表六的金额单位为万元，而本模板的金额单位为元',
    ]);
  });
  it('edit: an empty department name leaves every 部门全称 empty', () => {
    const found = of(check(sampleWith({ op: 'setMeta', field: 'department', value: '' })), 'STR-02');
    expect(found.length).toBeGreaterThanOrEqual(15);
    expect(found[0].message).toBe('表一的部门全称为空');
  });
});

describe('STR-03 空表说明', () => {
  it('table altered: 表十一 is empty and its note is gone', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't11').note = null; }), 'STR-03');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('表十一没有数据，但没有附说明：空表应注明“本部门无……，故此表无数据”');
  });
  it('table altered: a note saying 无数据 on a table with data (warning)', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't10').note = '备注：本部门无“三公”经费预算，故此表无数据。'; }), 'STR-03');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('表十有数据');
  });
});

describe('STR-08 placeholders', () => {
  it('edit: a project summary “某某” shows in 表十七 → the cell is named', () => {
    const f = only(check(sampleWith({ op: 'set', ref: { t: 'project', id: 'p2', field: 'summary' }, value: '某某单位聘用人员' })), 'STR-08');
    expect(f.message).toBe('表十七中有占位符或模板残留 “某某”，请替换为实际内容');
    expect(f.cells).toEqual([ref('t17:p2', 'summary', 'c1')]);
  });
  it('table altered: an empty 编制单位 on a block with data', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't17:p1').lines[0] = '编制单位：'; }), 'STR-08');
    expect(f.message).toBe('表十七有数据，但“编制单位”为空');
  });
});

describe('STR-09 目录', () => {
  it('table altered: 表五 title no longer matches the 目录', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't5').title = '2024年渝北区一般公共预算支出表'; }), 'STR-09');
    expect(f.message).toBe('目录第5项为表五“2024年渝北区部门一般公共预算财政拨款支出预算表”，而第5张表是表五“2024年渝北区一般公共预算支出表”');
  });
});

describe('FMT', () => {
  it('FMT-01 table altered: three decimals, a negative amount, a text that is not its value', () => {
    const found = of(
      check(yubeiBigData2024(), (t) => {
        cell(t, 't6', '30201', 'total').text = '95,000.001';
        const c = cell(t, 't6', '30205', 'total');
        c.fen = -700000;
        c.text = '-7,000.00';
        cell(t, 't6', '30206', 'total').text = '43,000.10';
      }),
      'FMT-01',
    );
    expect(found.map((f) => f.message)).toEqual([
      '表六 30201 办公费（2024年基本支出 总计） “95,000.001”不是有效金额：“95,000.001”超过两位小数（金额精确到分）',
      '表六 30205 水费（2024年基本支出 总计） 为负数 -7,000.00：预算金额不能为负',
      '表六 30206 电费（2024年基本支出 总计） 显示为“43,000.10”，与其数值 43,000.00 不符',
    ]);
    expect(found[0].cells).toEqual([ref('t6', '30201', 'total')]);
  });
  it('FMT-02 table altered: one decimal in a 元 table (info)', () => {
    const f = only(check(yubeiBigData2024(), (t) => { cell(t, 't2', '2101102', 'total').text = '44,163.2'; }), 'FMT-02');
    expect(f.severity).toBe('info');
    expect(f.message).toBe('表二有 1 个金额不是两位小数（如 “44,163.2”），元表金额应统一保留两位小数');
    expect(f.cells).toEqual([ref('t2', '2101102', 'total')]);
  });
  it('FMT-03 table altered: a 增幅 without %', () => {
    const f = only(check(yubeiBigData2024(), (t) => { cell(t, 't5', '2080505', 'change').text = '16'; }), 'FMT-03');
    expect(f.message).toBe('表五 2080505 机关事业单位基本养老保险缴费支出（2024年预算比2023年预算增幅%） “16”缺少百分号');
  });
});

const date = (field: 'approvalDate' | 'publishDate', value: string): Edit => ({ op: 'setMeta', field, value });

describe('TIM-01 批复后二十日内公开', () => {
  it('holds when published on the 20th day', () => {
    expect(of(check(sampleWith(date('approvalDate', '2024-02-01'), date('publishDate', '2024-02-21'))), 'TIM-01')).toEqual([]);
  });
  it('edit: published on the 21st day → error', () => {
    const f = only(check(sampleWith(date('approvalDate', '2024-02-01'), date('publishDate', '2024-02-22'))), 'TIM-01');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('批复日期2024年2月1日，公开日期2024年2月22日，相隔 21 天，超过批复后20日内公开的期限（应在2024年2月21日前公开）');
  });
  it('only 批复日期 → unverifiable, with the deadline', () => {
    const f = only(check(sampleWith(date('approvalDate', '2024-02-20'))), 'TIM-01');
    expect(f.severity).toBe('unverifiable');
    expect(f.message).toBe('未填写公开日期，无法核验：批复日期为2024年2月20日，应在2024年3月11日（含）前公开');
  });
  it('only 公开日期 → unverifiable, with the earliest 批复 it allows', () => {
    const f = only(check(sampleWith(date('publishDate', '2024-03-05'))), 'TIM-01');
    expect(f.severity).toBe('unverifiable');
    expect(f.message).toBe('未填写批复日期，无法核验：按公开日期2024年3月5日，批复日期不得早于2024年2月14日');
  });
  it('an impossible date is unverifiable, never a pass', () => {
    const f = only(check(sampleWith(date('approvalDate', '2024-02-30'), date('publishDate', '2024-03-01'))), 'TIM-01');
    expect(f.severity).toBe('unverifiable');
    expect(dayNumber('2024-02-30')).toBeNull();
  });
});

describe('TIM-02 years in titles and headers', () => {
  it('table altered: 表三 title says 2023年', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't3').title = '2023年渝北区部门支出预算总表'; }), 'TIM-02');
    expect(f.message).toBe('表三标题“2023年渝北区部门支出预算总表”中的2023年与预算年度2024年不一致');
  });
  it('table altered: 表五 header compares with 2022', () => {
    const f = only(check(yubeiBigData2024(), (t) => { table(t, 't5').header[0].cells[2].text = '2022年预算数'; }), 'TIM-02');
    expect(f.message).toBe('表五表头中的2022年既不是预算年度2024年，也不是比较年度2023年');
    expect(f.cells).toEqual([ref('t5', 'header:0', 'prior')]);
  });
  it('edit: a new budget year re-titles every table (still consistent)', () => {
    expect(of(check(sampleWith({ op: 'setMeta', field: 'year', value: '2025' })), 'TIM-02')).toEqual([]);
  });
});
