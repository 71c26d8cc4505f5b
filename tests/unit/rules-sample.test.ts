/**
 * The reference sample: no errors, and exactly the seed's real problems visible in the data —
 * PERF-07 on four cost indicators (租金 359800 万元/年 as the ×10^4 unit slip) and XT-14 (targets
 * cover 2,809,800 of 3,409,800). Every other rule holds on it.
 */
import { describe, expect, it } from 'vitest';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { ALL_RULES, countFindings, makeRuleContext, runRules, TABLE_RULES } from '../../shared/rules/index';
import { deriveTables, type DerivedTable } from '../../shared/tables/index';
import type { Budget } from '../../shared/model/types';
import { check, env, of, only, ref, sampleWith } from './rules-setup';

/**
 * The sample's tables behind proxies that count what a rule reads: a cell's text or value, a
 * table's title, lines or note. Fresh tables each time, so no memo answers for the rule.
 */
function countingTables(budget: Budget): { tables: DerivedTable[]; reads: () => number } {
  let n = 0;
  const cell = (c: object) => new Proxy(c, { get: (o, k) => ((k === 'text' || k === 'fen') && n++, Reflect.get(o, k)) });
  const row = (r: DerivedTable['body'][number]) => ({ ...r, cells: r.cells.map(cell) as typeof r.cells });
  const table = (t: DerivedTable) =>
    new Proxy({ ...t, header: t.header.map(row), body: t.body.map(row) }, {
      get: (o, k) => ((k === 'title' || k === 'lines' || k === 'note') && n++, Reflect.get(o, k)),
    });
  return { tables: deriveTables(budget, env).map(table), reads: () => n };
}

const findings = check(yubeiBigData2024());

/** What the sample is expected to report, by rule id; every other rule reports nothing. */
const EXPECTED: Record<string, number> = { 'PERF-07': 4, 'XT-14': 1, 'PERF-05': 1, 'TIM-01': 1 };

describe('the sample (渝北区大数据局 2024)', () => {
  it('has no errors; warnings only PERF-07 ×4 and XT-14; info PERF-05; TIM-01 unverifiable without dates', () => {
    expect(countFindings(findings)).toEqual({ error: 0, warning: 5, info: 1, unverifiable: 1 });
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.id).sort()).toEqual(['PERF-07', 'PERF-07', 'PERF-07', 'PERF-07', 'XT-14']);
  });

  const ids = [...new Set(TABLE_RULES.map((r) => r.id))];
  it.each(ids.filter((id) => !EXPECTED[id]))('%s holds on the sample', (id) => {
    expect(of(findings, id).map((f) => f.message)).toEqual([]);
  });

  // A rule that holds must have looked: each rule on the printed tables read at least one of their cells.
  /** Rules that judge the typed inputs (they name table cells, but read the Budget). */
  const INPUT_RULES = ['STR-11', 'STR-12', 'GRN-05', 'TIM-01'];
  /** 表十四 is empty in the sample: its rule is looked at with one typed procurement line. */
  const withProcurement = () =>
    sampleWith({ op: 'insertProcurement', line: { id: 'g1', deptCode: '801', deptName: '区大数据发展局', unitCode: '801001', unitName: '本级', item: '服务器', goods: 12000000, works: 0, services: 300000, source: 'gpb' } });
  it.each(ids.filter((id) => !INPUT_RULES.includes(id)))('%s read at least one printed cell', (id) => {
    const budget = id === 'SUM-08' ? withProcurement() : yubeiBigData2024();
    const { tables, reads } = countingTables(budget);
    const found = runRules(makeRuleContext(budget, tables, env), TABLE_RULES.filter((r) => r.id === id));
    expect(found.filter((f) => f.severity === 'unverifiable' && f.id !== 'TIM-01')).toEqual([]);
    expect(reads()).toBeGreaterThan(0);
  });
  it.each(INPUT_RULES)('%s declares the inputs it reads', (id) => {
    expect(TABLE_RULES.find((r) => r.id === id)!.deps?.inputs?.length).toBeGreaterThan(0);
  });

  it('implements the catalogue ids it claims, each once in ALL_RULES', () => {
    const mine = TABLE_RULES.map((r) => r.id);
    expect(new Set(mine).size).toBe(mine.length);
    for (const id of mine) expect(ALL_RULES.some((r) => r.id === id)).toBe(true);
  });

  it('PERF-07: 云长制 cost indicators add up to 225.6万 > 150万', () => {
    const f = of(findings, 'PERF-07').find((x) => x.message.includes('云长制'))!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('4 个成本指标合计 225.6 万元（24 + 24 + 45 + 132.6 万元，即 2,256,000.00 元）');
    expect(f.message).toContain('超过项目当年预算 1,500,000.00 元（150 万元），超出 756,000.00 元');
    expect(f.cells).toEqual([
      ref('t17:p1', 'ind:0', 'c5'),
      ref('t17:p1', 'ind:1', 'c5'),
      ref('t17:p1', 'ind:2', 'c5'),
      ref('t17:p1', 'ind:3', 'c5'),
      ref('t17:p1', 'budget', 'c1'),
    ]);
  });

  it('PERF-07: 租金 359800 万元/年 against 35.98万 is flagged as the ×10^4 unit slip', () => {
    const f = of(findings, 'PERF-07').find((x) => x.message.includes('租金'))!;
    expect(f.message).toContain('359800 万元/年（3,598,000,000.00 元）');
    expect(f.message).toContain('项目当年预算 359,800.00 元（35.98 万元）的约 10,000 倍，疑似计量单位错误');
    expect(f.message).toContain('若单位为“元/年”，即 359,800.00 元/年（35.98 万元/年），恰与项目预算相符');
    expect(f.cells).toEqual([ref('t17:p3', 'ind:3', 'c5'), ref('t17:p3', 'ind:3', 'c3'), ref('t17:p3', 'budget', 'c1')]);
  });

  it('PERF-07: 专班工作经费 87.62万 > 55万 and 评审费 113万 > 10万', () => {
    const messages = of(findings, 'PERF-07').map((f) => f.message);
    expect(messages).toContainEqual(expect.stringContaining('成本指标“专班工作经费” 87.62 万元（876,200.00 元）超过项目当年预算 550,000.00 元（55 万元），超出 326,200.00 元'));
    expect(messages).toContainEqual(expect.stringContaining('成本指标“评审费” 113 万元（1,130,000.00 元）超过项目当年预算 100,000.00 元（10 万元），超出 1,030,000.00 元'));
  });

  it('XT-14: performance targets cover 2,809,800 of 3,409,800; the 600,000 project without targets is named', () => {
    const f = only(findings, 'XT-14');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('当年预算合计（5 个项目） 2,809,800.00 元少于表三项目支出合计 3,409,800.00 元，相差 600,000.00 元');
    expect(f.message).toContain('“产业发展扶持资金（示例名称，原公开文件未列明）” 600,000.00 元');
    expect(f.cells).toEqual([ref('t3', 'total', 'project'), ref('t13', 'p6', 'total')]);
  });

  it('PERF-05 (info): the 表十三 project without a target table', () => {
    const f = only(findings, 'PERF-05');
    expect(f.severity).toBe('info');
    expect(f.cells).toEqual([ref('t13', 'p6', 'projectName')]);
  });

  it('TIM-01 is unverifiable (no 批复日期/公开日期), never a pass', () => {
    const f = only(findings, 'TIM-01');
    expect(f.severity).toBe('unverifiable');
    expect(f.message).toContain('未填写批复日期和公开日期');
  });
});
