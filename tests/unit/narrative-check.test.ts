/**
 * The narrative rules: the generated text passes; the seed's own text reports exactly what RULES
 * §5 says it should; and a broken number, word, unit, section or reason is named by the right rule.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/rules/types';
import { makeRuleContext, runRules } from '../../shared/rules/engine';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { applyEdit } from '../../shared/model/edit';
import { checkNarrative, checkNarrativeText } from '../../shared/narrative/check';
import { toPlainText } from '../../shared/narrative/doc';
import { EDITED_KEY, REASON_PLACEHOLDER } from '../../shared/narrative/keys';
import { NARRATIVE_RULES } from '../../shared/narrative/rules';
import { generateNarrative } from '../../shared/narrative/template';
import { sample, seedNarrative } from './narrative-helpers';

const serious = (fs: readonly Finding[]) => fs.filter((f) => f.severity === 'error' || f.severity === 'warning');
const ids = (fs: readonly Finding[]) => fs.map((f) => f.id).sort();

function generatedText(): string {
  const { budget, ctx } = sample();
  return toPlainText(generateNarrative(budget, ctx));
}

/** Checks `text` against the sample's data. */
function check(text: string): Finding[] {
  const { budget, ctx } = sample();
  return checkNarrativeText(text, budget, ctx).findings;
}

/** The generated text with one replacement (which must occur exactly once). */
function edited(from: string, to: string): string {
  const text = generatedText();
  expect(text.split(from).length - 1, `“${from}” occurs once`).toBe(1);
  return text.replace(from, to);
}

describe('the generated narrative', () => {
  it('passes every narrative rule by construction (the sample has all its reasons)', () => {
    const { budget, ctx } = sample();
    const r = checkNarrative(budget, ctx);
    expect(r.edited).toBe(false);
    expect(serious(r.findings)).toEqual([]);
    // Only the style note the seed also gets: one reason used for eight items.
    expect(r.findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['NT-08 info']);
  });

  it('runs as Rules in the engine, and checks the hand-edited text when there is one', () => {
    const { budget, ctx } = sample();
    const templates = templatesFor(budget.meta.templateId);
    const run = () => runRules(makeRuleContext(budget, deriveTables(budget, { catalog: ctx.catalog, templates }), { catalog: ctx.catalog, templates }), NARRATIVE_RULES);
    expect(serious(run())).toEqual([]);
    const r = applyEdit(budget, { op: 'set', ref: { t: 'text', key: EDITED_KEY }, value: seedNarrative() });
    expect(r.ok).toBe(true);
    expect(ids(serious(run()))).toEqual(['CHG-03', 'NT-13', 'STR-07']);
  });
});

describe("the seed's own narrative, checked against the sample", () => {
  const findings = check(seedNarrative());

  it('reports 产业发展 46.0% (exact 45.95%) as a rounding slip, and STR-07', () => {
    const slip = findings.filter((f) => f.message.includes('产业发展'));
    expect(slip).toHaveLength(1);
    expect(slip[0]).toMatchObject({ id: 'CHG-03', severity: 'warning' });
    expect(slip[0]!.message).toContain('46.0%');
    expect(slip[0]!.message).toContain('45.9');
    expect(slip[0]!.cells).toContainEqual({ table: 't5', row: '2150517', column: 'change' });
    expect(slip[0]!.cells).toContainEqual({ table: 'narrative', row: 'function:2150517', column: 'function:2150517' });
    const str07 = findings.filter((f) => f.id === 'STR-07');
    expect(str07).toHaveLength(1);
    expect(str07[0]!.message).toContain('机关运行经费');
  });

  it('reports nothing else of warning or error severity beyond RULES §5 (NT-13: "均实行" while 2,809,800 < 3,409,800)', () => {
    expect(serious(findings).map((f) => f.id).sort()).toEqual(['CHG-03', 'NT-13', 'STR-07']);
    const nt13 = findings.find((f) => f.id === 'NT-13')!;
    expect(nt13.severity).toBe('warning');
    expect(nt13.message).toContain('均实行');
    // And the boiler-plate reason note (info): "在编人员增加" ×8.
    expect(findings.find((f) => f.id === 'NT-08' && f.severity === 'info')!.message).toContain('8处');
  });
});

describe('a broken narrative is named by the right rule', () => {
  const cases: [string, string, string, string, RegExp][] = [
    ['收入总额', '年初预算总收入6,095,655.89元', '年初预算总收入6,095,665.89元', 'NT-01', /6,095,665\.89元.*6,095,655\.89元/],
    ['收入增减额', '收入较2023年减少721,222.69元', '收入较2023年减少712,222.69元', 'NT-02', /712,222\.69元/],
    ['类 amount', '卫生健康支出125,205.71元', '卫生健康支出125,250.71元', 'NT-03', /卫生健康支出/],
    ['类 share', '卫生健康支出125,205.71元占2.1%', '卫生健康支出125,205.71元占2.4%', 'NT-03', /2\.4%.*2\.05/],
    ['基本/项目 breakdown', '基本支出预算增加306,877.31元', '基本支出预算增加360,877.31元', 'NT-04', /基本支出/],
    ['基本支出 share', '基本支出2,685,855.89元，占44.1%', '基本支出2,685,855.89元，占41.1%', 'NT-04', /41\.1%/],
    ['人员经费', '人员经费2,079,431.41元', '人员经费2,079,413.41元', 'NT-05', /人员经费.*2,079,413\.41元/],
    // A rounded display is not a mismatch (tol_txt): 2,079,431元 for 2,079,431.41.
    ['公用经费 list', '主要包括其他商品和服务支出、物业管理费', '主要包括其他商品和服务支出、会议费', 'NT-05', /会议费/],
    ['一般公共预算', '一般公共预算财政拨款支出6,095,655.89元', '一般公共预算财政拨款支出6,059,655.89元', 'NT-06', /6,059,655\.89元/],
    ['项 amount', '行政运行（项）2024年预算数为1,243,914.78元', '行政运行（项）2024年预算数为1,243,941.78元', 'NT-07', /行政运行（项）.*1,243,941\.78元.*1,243,914\.78元/],
    ['项 names', '工业和信息产业监管（款）产业发展（项）', '工业和信息产业监管（款）产业扶持（项）', 'NT-07', /产业扶持/],
    ['三公 item', '公务接待费2,000元', '公务接待费3,000元', 'NT-09', /公务接待费.*3,000元/],
    ['机关运行经费', '预算389,346.5元', '预算398,346.5元', 'NT-10', /398,346\.5元/],
    ['政府采购', '政府采购服务预算0元）。其中', '政府采购服务预算50,000元）。其中', 'NT-11', /服务/],
    ['车辆', '共有车辆1辆', '共有车辆2辆', 'NT-12', /合计写2辆/],
    ['绩效 count', '涉及项目5个', '涉及项目6个', 'NT-13', /6个/],
    ['unit slip', '“三公”经费预算42,000元', '“三公”经费预算4.2元', 'NT-14', /单位写错/],
    ['bare number', '“三公”经费预算42,000元', '“三公”经费预算42,000，', 'NT-14', /没有写单位/],
    ['share without %', '住房保障支出145,686.84元占2.4%', '住房保障支出145,686.84元占2.4', 'NT-15', /缺少“%”/],
    ['percent', '减少418,100元，下降13.0%', '减少418,100元，下降13.9%', 'CHG-03', /一般行政管理事务.*13\.9%/],
    ['direction (percent)', '增加255,759.03元，增长25.9%', '增加255,759.03元，下降25.9%', 'CHG-04', /行政运行/],
    ['direction (amount)', '公务用车运行维护费40,000元，较2023年减少5,000元', '公务用车运行维护费40,000元，较2023年增加5,000元', 'CHG-04', /公务用车运行维护费/],
    ['持平 that is not', '事业单位医疗（项）2024年预算数为44,163.2元，较2023年增加396元，增长0.9%', '事业单位医疗（项）2024年预算数为44,163.2元，与上年持平', 'CHG-04', /持平/],
    ['change amount', '较2023年增加23,492.48元', '较2023年增加23,429.48元', 'CHG-05', /23,429\.48元.*23,492\.48元/],
    ['下属单位', '及1家下属单位', '及2家下属单位', 'STR-10', /2家/],
    ['comparison year', '较2023年增加15,886.8元', '较2022年增加15,886.8元', 'TIM-02', /2022/],
    ['asset snapshot', '截至2023年12月底', '截至2023年6月底', 'TIM-02', /6月/],
    ['fund sentence', '2024年无使用政府性基金预算拨款安排的支出。', '2024年政府性基金预算拨款支出100,000元。', 'STR-04', /政府性基金/],
  ];
  for (const [what, from, to, id, message] of cases) {
    it(`${what} → ${id}`, () => {
      const found = check(edited(from, to)).filter((f) => f.id === id);
      expect(found.length, `${id} for “${to}”`).toBeGreaterThan(0);
      expect(found.some((f) => message.test(f.message)), found.map((f) => f.message).join('\n')).toBe(true);
      expect(found.every((f) => f.cells.some((c) => c.table === 'narrative') || f.cells.length > 0)).toBe(true);
    });
  }

  it('share sum off 100% → NT-15', () => {
    const f = check(edited('住房保障支出145,686.84元占2.4%', '住房保障支出145,686.84元占3.4%'));
    expect(f.some((x) => x.id === 'NT-15' && /101/.test(x.message))).toBe(true);
    expect(f.some((x) => x.id === 'NT-03' && /3\.4%/.test(x.message))).toBe(true);
    expect(serious(check(edited('人员经费2,079,431.41元', '人员经费2,079,431元')))).toEqual([]);
  });

  it('a missing section → STR-05 / STR-06', () => {
    const text = generatedText();
    const cut = text.slice(0, text.indexOf('六、专业性名词解释')) + text.slice(text.indexOf('七、'));
    expect(ids(check(cut)).filter((x) => x.startsWith('STR'))).toEqual(['STR-05']);
    const noContact = text.slice(0, text.indexOf('七、'));
    expect(ids(check(noContact)).filter((x) => x.startsWith('STR'))).toEqual(['STR-06']);
  });

  it('a missing 项 paragraph → NT-07 error naming the 项', () => {
    const text = generatedText()
      .split('\n')
      .filter((l) => !l.includes('住房公积金（项）'))
      .join('\n');
    const f = check(text).filter((x) => x.id === 'NT-07');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error' });
    expect(f[0]!.message).toContain('住房公积金（项）');
  });

  it('tolerates the seed style: spaces, ASCII brackets and commas, 万元, line breaks in a sentence', () => {
    const text = edited('公务接待费2,000元，与上年持平', '公务接待费 0.2\n\n万元, 与上年持平');
    expect(serious(check(text))).toEqual([]);
  });
});

describe('zero base and missing reasons', () => {
  it('an item new this year is written without a percentage, and a stated one is CHG-02', () => {
    const { budget, ctx } = sample();
    budget.functionLines.push({ code: '2150505', kind: 'project', source: 'gpb', current: 10000000, prior: 0 });
    budget.texts['reason:function:2150505'] = '新增战备应急项目';
    const text = toPlainText(generateNarrative(budget, ctx));
    const line = text.split('\n').find((l) => l.includes('战备应急（项）'))!;
    expect(line).toContain('较2023年增加100,000元（上年无此项预算）。主要原因是新增战备应急项目。');
    expect(line).not.toMatch(/%/);
    expect(serious(checkNarrativeText(text, budget, ctx).findings)).toEqual([]);
    const bad = text.replace('增加100,000元（上年无此项预算）', '增加100,000元，增长100.0%');
    const f = checkNarrativeText(bad, budget, ctx).findings.filter((x) => x.id === 'CHG-02');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('战备应急');
  });

  it('a missing reason prints the placeholder and is an NT-08 warning on that item', () => {
    const { budget, ctx } = sample();
    delete budget.texts['reason:function:2150517'];
    const doc = generateNarrative(budget, ctx);
    const text = toPlainText(doc);
    expect(text).toContain(`下降45.9%。主要原因是${REASON_PLACEHOLDER}。`);
    expect(doc.inputs.find((i) => i.key === 'reason:function:2150517')).toMatchObject({ missing: true, required: true, paragraph: 'function:2150517' });
    const f = serious(checkNarrative(budget, ctx).findings);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id: 'NT-08', severity: 'warning' });
    expect(f[0]!.message).toContain('产业发展');
  });

  it('a hand-written change without any reason clause is NT-08 too', () => {
    const text = edited('减少5,000元，主要原因是更换新能源车辆后公务车运行维护费减少；', '减少5,000元；');
    const f = check(text).filter((x) => x.id === 'NT-08' && x.severity === 'warning');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('公务用车运行维护费');
  });

  it('持平 needs no reason', () => {
    const { budget, ctx } = sample();
    budget.threePublic.prior.vehicleOperation = 4000000;
    delete budget.texts['reason:threePublic:vehicleOperation'];
    const text = toPlainText(generateNarrative(budget, ctx));
    expect(text).toContain('公务用车运行维护费40,000元，与上年持平');
    expect(text).toContain('“三公”经费预算42,000元，与上年持平。');
    expect(serious(checkNarrative(budget, ctx).findings)).toEqual([]);
  });
});

describe('a new, empty department-year', () => {
  it('generates a complete outline without stray punctuation, and asks for what is missing', async () => {
    const { emptyBudget } = await import('../../shared/model/budget');
    const { ctx } = sample();
    const budget = emptyBudget({ department: '测试局', year: 2025 });
    const text = toPlainText(generateNarrative(budget, ctx));
    expect(text).toContain('（一）收入预算：2025年年初预算总收入0元。收入与上年持平。');
    expect(text).toContain('（1）基本支出0元，与上年持平，');
    expect(text).not.toMatch(/：。|，。|占—/);
    const f = checkNarrative(budget, ctx).findings;
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.filter((x) => x.id === 'STR-06').map((x) => x.message)).toEqual([
      '情况说明“职能职责”尚未填写',
      '情况说明“单位构成”尚未填写',
      '情况说明“联系方式”尚未填写',
    ]);
    expect(f.some((x) => x.id === 'NT-10' && x.severity === 'unverifiable')).toBe(true);
  });
});

describe('NT-04 within the text: Δ基本 + Δ项目 = Δ总 (exact, 0.01 元 allowed)', () => {
  const SUM = /之和不等于支出增减/;
  const sumFindings = (from: string, to: string) => check(edited(from, to)).filter((f) => f.id === 'NT-04' && SUM.test(f.message));
  it('passes the generated figures and a 0.01 元 difference', () => {
    expect(check(generatedText()).filter((f) => SUM.test(f.message))).toEqual([]);
    expect(sumFindings('项目支出预算减少1,028,100元', '项目支出预算减少1,028,100.01元')).toEqual([]);
    expect(sumFindings('项目支出预算减少1,028,100元', '项目支出预算减少102.81万元')).toEqual([]);
  });
  it('names a larger difference with the three figures in 元', () => {
    expect(sumFindings('项目支出预算减少1,028,100元', '项目支出预算减少1,028,100.02元').map((f) => f.message)).toEqual([
      '支出预算：基本支出增减306877.31元与项目支出增减-1028100.02元之和不等于支出增减-721222.69元',
    ]);
    expect(sumFindings('项目支出预算减少1,028,100元', '项目支出预算减少102.82万元').map((f) => f.message)).toEqual([
      '支出预算：基本支出增减306877.31元与项目支出增减-1028200元之和不等于支出增减-721222.69元',
    ]);
    expect(sumFindings('基本支出预算增加306,877.31元', '基本支出预算减少306,877.31元').map((f) => f.message)).toEqual([
      '支出预算：基本支出增减-306877.31元与项目支出增减-1028100元之和不等于支出增减-721222.69元',
    ]);
  });
});

describe('NT-15: the 类 shares sum to 100% within 0.5 × 10^-decimals per share', () => {
  const nt15 = (to: string) => check(edited('住房保障支出145,686.84元占2.4%', `住房保障支出145,686.84元占${to}`)).filter((f) => f.id === 'NT-15').map((f) => f.message);
  it('allows the rounding of four shares and names a sum past it', () => {
    expect(nt15('2.6%')).toEqual([]); // 100.2%: 4 × 0.05 allowed
    expect(nt15('2.7%')).toEqual(['支出功能分类占比合计为100.3%，应为100%（允许进位误差0.2个百分点）']);
  });
  it('reads shares of many decimals exactly', () => {
    expect(nt15('2.400000000000000000001%')).toEqual([]);
    expect(nt15('2.41%')).toEqual([]); // 100.01%: 4 × 0.005 allowed
    expect(nt15('2.43%')).toEqual(['支出功能分类占比合计为100.03%，应为100%（允许进位误差0.02个百分点）']);
    expect(nt15('2.430000000000000000001%')).toHaveLength(1);
  });
});
