/**
 * The narrative under another table set: its checks find tables by role, so the sample's narrative
 * checked under the national set (mof-143-2016) finds what it finds under 渝北 wherever the set has
 * the table, points at the set's own tables, and reports 无法核验 — not a pass, not a crash — for
 * the topics whose table the set lacks (机关运行经费, 政府采购, 绩效目标).
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { checkNarrative, checkNarrativeText } from '../../shared/narrative/check';
import { toPlainText } from '../../shared/narrative/doc';
import { NARRATIVE_RULES } from '../../shared/narrative/rules';
import { CHONGQING_NARRATIVE, generateNarrative } from '../../shared/narrative/template';
import { TOPIC_CHECKS } from '../../shared/narrative/topics';
import { makeRuleContext, runRules } from '../../shared/rules/engine';
import type { Finding } from '../../shared/rules/types';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';

const catalog = builtinCatalog();
const YUBEI = templatesFor('chongqing-yubei-2024');
const NATIONAL = templatesFor('mof-143-2016');
const under = (set = NATIONAL) => ({ catalog, profile: set.profile, templates: set });
const said = (fs: readonly Finding[]) => fs.map((f) => `${f.id} ${f.severity} ${f.message}`);
const NATIONAL_NAME = '财政部 部门预算公开最低要求（财预〔2016〕143号，九张表）';

describe('the narrative under the national set', () => {
  it('generates the same text as under 渝北 (the outline states facts, not tables)', () => {
    const budget = yubeiBigData2024();
    expect(toPlainText(generateNarrative(budget, under(NATIONAL)))).toBe(toPlainText(generateNarrative(budget, under(YUBEI))));
  });

  it('finds what 渝北 finds where the set has the tables, and 无法核验 where it has not', () => {
    const budget = yubeiBigData2024();
    const yubei = checkNarrative(budget, under(YUBEI)).findings;
    const national = checkNarrative(budget, under(NATIONAL)).findings;
    const unverifiable = national.filter((f) => f.severity === 'unverifiable');
    expect(said(unverifiable)).toEqual([
      `NT-10 unverifiable 机关运行经费：报表模板“${NATIONAL_NAME}”中没有一般公共预算财政拨款基本支出表（政府预算支出经济分类），情况说明所写无法核验`,
      `NT-11 unverifiable 政府采购：报表模板“${NATIONAL_NAME}”中没有政府采购预算明细表，情况说明所写无法核验`,
      `NT-13 unverifiable 绩效目标设置情况：报表模板“${NATIONAL_NAME}”中没有重点项目绩效目标表、一般项目绩效目标表，情况说明所写无法核验`,
    ]);
    expect(unverifiable.map((f) => f.cells)).toEqual([
      [{ table: 'narrative', row: 'operatingCost', column: '' }],
      [{ table: 'narrative', row: 'procurement', column: '' }],
      [{ table: 'narrative', row: 'performance', column: '' }],
    ]);
    // The rest is 渝北's, finding for finding — except that the reason of a topic that cannot be
    // verified is not read, so NT-08's "the same reason everywhere" counts one place fewer.
    const lacking = new Set(['NT-10', 'NT-11', 'NT-13']);
    const rest = (fs: readonly Finding[]) => said(fs.filter((f) => !(lacking.has(f.id) && f.severity === 'unverifiable') && f.id !== 'NT-08'));
    expect(rest(national)).toEqual(rest(yubei));
    const reasons = '（“在编人员增加”）：基本支出、机关事业单位基本养老保险缴费支出（项）、机关事业单位职业年金缴费支出（项）、行政单位医疗（项）、事业单位医疗（项）、行政运行（项）、住房公积金（项）';
    expect(said(yubei)).toEqual([`NT-08 info 8处增减原因完全相同${reasons}、机关运行经费。请确认每项都写明了具体原因`]);
    expect(said(national.filter((f) => f.id === 'NT-08'))).toEqual([`NT-08 info 7处增减原因完全相同${reasons}。请确认每项都写明了具体原因`]);
  });

  it('reads a slipped figure and points at the set’s own tables, named by its numbers', () => {
    const budget = yubeiBigData2024();
    const text = toPlainText(generateNarrative(budget, under(NATIONAL)));
    expect(text.split('年初预算总收入6,095,655.89元').length).toBe(2);
    const slipped = text.replace('年初预算总收入6,095,655.89元', '年初预算总收入6,095,656.89元');
    const nt01 = checkNarrativeText(slipped, budget, under(NATIONAL)).findings.filter((f) => f.id === 'NT-01');
    expect(nt01.map((f) => f.message)).toEqual(['收入预算总额：情况说明写“6,095,656.89元”，表中为6,095,655.89元']);
    expect(nt01[0]!.cells[0]).toEqual({ table: 'n1', row: 'incomeTotal', column: 'inAmount' });
    const yubei01 = checkNarrativeText(slipped, budget, under(YUBEI)).findings.filter((f) => f.id === 'NT-01');
    expect(yubei01[0]!.cells[0]).toEqual({ table: 't1', row: 'incomeTotal', column: 'inAmount' });

    // A 项 name the data does not have: the message names the 一般公共预算 table by the set's number.
    const item = /（\d+）([^（\n]+)（类）([^（]+)（款）([^（]+)（项）/.exec(text)!;
    const renamed = text.replace(`${item[3]}（项）`, '不存在的科目（项）');
    const named = (set: typeof NATIONAL) =>
      checkNarrativeText(renamed, budget, under(set)).findings.filter((f) => f.id === 'NT-07' && f.message.includes('对不上')).map((f) => f.message);
    expect(named(NATIONAL)).toEqual([`按支出功能科目说明：“${item[1]}（类）${item[2]}（款）不存在的科目（项）”与表5的科目名称对不上`]);
    expect(named(YUBEI)).toEqual([`按支出功能科目说明：“${item[1]}（类）${item[2]}（款）不存在的科目（项）”与表五的科目名称对不上`]);
  });

  it('the narrative rules under the national set report the same through the rule engine', () => {
    const budget = yubeiBigData2024();
    const ctx = makeRuleContext(budget, deriveTables(budget, { catalog, templates: NATIONAL }), { catalog, templates: NATIONAL });
    const found = runRules(ctx, NARRATIVE_RULES);
    expect(found.filter((f) => f.severity === 'unverifiable').map((f) => f.id)).toEqual(['NT-10', 'NT-11', 'NT-13']);
    expect(found.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
  });

  it('no rule title names a table by a number', () => {
    for (const r of NARRATIVE_RULES) expect(r.title, r.id).not.toMatch(/表(?:[一二三四五六七八九十]+|\d+)(?!致)/);
  });
});

describe('one outline drives writing and checking', () => {
  it('every topic the outline writes has a check in the registry', () => {
    const checked = new Set(TOPIC_CHECKS.flatMap((c) => c.topics));
    const written = CHONGQING_NARRATIVE.sections.flatMap((s) => s.blocks.flatMap((b) => ('topic' in b && b.topic ? [b.topic] : [])));
    expect(written.length).toBeGreaterThan(10);
    const unchecked = written.filter((t) => !checked.has(t) && !['intro', 'glossary', 'contact', 'functions', 'composition'].includes(t));
    expect(unchecked).toEqual([]);
  });
});
