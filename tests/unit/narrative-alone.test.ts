/**
 * A 情况说明 checked on its own: the reader's fixes for real texts, the command line
 * (`check NARRATIVE.txt|.docx|.html`), the seed's own text, the sample's exported Word file, and the
 * same checks on a hand-edited narrative inside a .budget.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { applyEdit } from '../../shared/model/edit';
import { makeRuleContext, runRules } from '../../shared/rules/engine';
import { deriveTables } from '../../shared/tables/derive';
import { templatesFor } from '../../shared/tables/registry';
import { checkEditedText, checkNarrativeText } from '../../shared/narrative/check';
import { checkNarrativeAlone } from '../../shared/narrative/internal';
import { EDITED_KEY } from '../../shared/narrative/keys';
import { INCOME_PATTERNS, mergeStated, splitParagraphs, statements, expenditurePatterns } from '../../shared/narrative/parse';
import { NARRATIVE_RULES } from '../../shared/narrative/rules';
import { htmlToText } from '../../shared/narrative/source';
import { sample, seedNarrative } from './narrative-helpers';

const bin = join(__dirname, '../../cli/bin.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const fixture = (name: string) => join(__dirname, '../fixtures/narrative', name);
const catalog = builtinCatalog();
const alone = (text: string) => checkNarrativeAlone(text, { catalog }).findings;

describe('the reader on real texts', () => {
  it('reads "收入预算较…" / "支出预算较…" as the total’s change, not the last item’s', () => {
    const [p] = splitParagraphs('二、部门预算总体情况\n（一）收入预算\n2024年收入预算1000.00万元，其中：一般公共预算拨款收入800.00万元、事业收入200.00万元。收入预算较2023年增加50.00万元，主要原因是学生增加。').filter((x) => x.topic === 'income');
    const stated = mergeStated(statements(p!, INCOME_PATTERNS, 'income.total'));
    expect(stated.get('income.total')!.change).toMatchObject({ dir: 'up', amount: { text: '50.00', unit: '万元' } });
    expect(stated.get('income.business')!.change).toBeUndefined();
    const [e] = splitParagraphs('（二）支出预算\n2024年支出预算1000.00万元，其中：教育支出1000.00万元。支出预算较2023年减少5.00万元。').filter((x) => x.topic === 'expenditure');
    expect(mergeStated(statements(e!, expenditurePatterns(catalog), 'expenditure.total')).get('expenditure.total')!.change?.amount?.text).toBe('5.00');
  });

  it('lets a heading on its own line set the topic of the next paragraph', () => {
    const ps = splitParagraphs('二、部门预算总体情况\n（一）收入预算\n2024年收入预算1000.00万元。\n（二）支出预算\n2024年安排1000.00万元。');
    expect(ps.filter((p) => p.topic !== 'heading').map((p) => p.topic)).toEqual(['income', 'expenditure']);
  });

  it('reads years with and without 年, every comparison year of a sentence, full-width digits and traditional characters', () => {
    const [p] = splitParagraphs('四、“三公”经费情况说明\n2024“三公”经费预算３,０００元，較2023減少１,０００元，較2022年減少２,０００元。').filter((x) => x.topic === 'threePublic');
    expect(p!.text).toContain('2024“三公”经费预算3,000元，较2023减少1,000元，较2022年减少2,000元');
    const st = mergeStated(statements(p!, [], 'x')).get('x')!;
    expect(st.comparedYears).toEqual([2023, 2022]);
    expect(st.bare).toEqual([]); // 2024 and 2023 are years, not amounts without a unit
    expect(alone(p!.raw).filter((f) => f.id === 'TIM-02').map((f) => f.message)).toEqual(['写“较2022年”，2024年预算的比较年度应为2023年']);
  });

  it('does not take a year named as last year for a wrong budget year (TIM-02)', () => {
    const { budget, ctx } = sample();
    const text = seedNarrative().replace('主要原因是获评产业示范项目减少', '主要原因是2023年没有预算的项目不再安排');
    expect(checkNarrativeText(text, budget, ctx).findings.filter((f) => f.id === 'TIM-02')).toEqual([]);
  });

  it('reads 本年收入 as a subtotal beside 上年结转, its sources’ shares of it, in 万元 within their rounding', () => {
    const text = (carry: string) =>
      `（一）收入预算\n2025年收入预算总计1,520.37万元，其中：本年收入1,400.25万元，上年结转${carry}万元。本年收入中，一般公共预算拨款收入1,300.20万元，占92.86%；其他收入100.05万元，占7.14%。`;
    expect(alone(text('120.12')).filter((f) => f.id.startsWith('NT'))).toEqual([]);
    expect(alone(text('120.22')).filter((f) => f.id.startsWith('NT')).map((f) => f.message)).toEqual([
      '本年收入与上年结转之和为1,520.47万元（1,400.25万元 + 120.22万元），与收入预算总额1,520.37万元不符，相差0.10万元',
    ]);
  });

  it('takes a web page’s prose and leaves its data tables out', () => {
    const html = '<html><head><title>x</title><style>p{}</style></head><body><p>（一）收入预算：总收入1&nbsp;000元&#65292;其中</p><table><tr><td>合计</td><td>1,000.00</td></tr></table><script>alert(1)</script></body></html>';
    expect(htmlToText(html).split('\n')).toEqual(['x', '（一）收入预算：总收入1 000元，其中']);
  });
});

describe('check NARRATIVE on the command line', () => {
  it('prints a slipped text’s findings in the check --json shape with quotes, and exits 1 on an error', () => {
    const r = run('check', fixture('s08-school-primary.txt'), '--json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'counts']);
    expect(report.counts).toEqual({ error: 3, warning: 0, info: 0, unverifiable: 0 });
    const f = report.findings.find((x: { id: string }) => x.id === 'CHG-03');
    expect(f).toMatchObject({ severity: 'error', cells: [{ table: 'narrative', tableNo: '' }] });
    expect(f.message).toBe('小学教育（项）：写增长3.7%，按文中本年2156.04万元、增加69.02万元（上年2087.02万元）复算为3.307%');
    expect(f.quotes[0]).toMatchObject({ line: 22 });
    expect(f.quotes[0].text).toContain('较2023年增加69.02万元，增长3.7%。');
  });

  it('finds in the seed’s own text the 46.0% (exact 45.946%) and 均实行 (2,809,800 of 3,409,800), and nothing false', () => {
    const r = run('check', join(__dirname, '../fixtures/seed-narrative.txt'), '--json');
    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout).findings as { id: string; severity: string; message: string }[];
    expect(findings.map((f) => `${f.id} ${f.severity}`)).toEqual(['CHG-03 warning', 'NT-13 warning', 'STR-07 warning']);
    expect(findings[0]!.message).toContain('产业发展（项）：写下降46.0%');
    expect(findings[0]!.message).toContain('复算为45.946%（进位误差，应写45.9%）');
    expect(findings[1]!.message).toBe('绩效目标设置情况：写“项目支出均实行了绩效目标管理”，但涉及金额2,809,800元少于项目支出3,409,800元');
  });

  it('finds nothing in the sample’s exported narrative-docx, and reads it whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-narr-'));
    expect(run('sample', join(dir, 's.budget')).status).toBe(0);
    expect(run('export', join(dir, 's.budget'), '--out', join(dir, 'o'), '--format', 'narrative-docx').status).toBe(0);
    const r = run('check', join(dir, 'o', 'narrative.docx'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('检查 narrative.docx：情况说明（2024年）');
    expect(r.stdout).toContain('错误 0 项，警告 0 项，提示 0 项，无法核验 0 项');
    // A slip typed into the same text is found: the Word file was read, not skipped.
    writeFileSync(join(dir, 'bad.txt'), seedNarrative().replace('下降 13.0%', '下降 31.0%'));
    const bad = run('check', join(dir, 'bad.txt'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('一般行政管理事务（项）：写下降31.0%');
    const empty = run('check', join(dir, 'none.docx'));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('找不到文件');
  });
});

describe('inside a .budget: a hand-edited narrative is also checked within itself', () => {
  it('reports a count that does not match its list, in the rules and in the view’s check, once', () => {
    const { budget, ctx } = sample();
    const text = seedNarrative().replace('单位内设2个科室', '单位内设3个科室');
    expect(applyEdit(budget, { op: 'set', ref: { t: 'text', key: EDITED_KEY }, value: text }).ok).toBe(true);
    const templates = templatesFor(budget.meta.templateId);
    const findings = runRules(makeRuleContext(budget, deriveTables(budget, { catalog: ctx.catalog, templates }), { catalog: ctx.catalog, templates }), NARRATIVE_RULES);
    const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.id).sort();
    // The seed's three (found against the data; the same slips within the text are not repeated) and the new one.
    expect(serious).toEqual(['CHG-03', 'NT-13', 'STR-07', 'STR-13']);
    expect(findings.find((f) => f.id === 'STR-13')!.message).toBe('单位构成：写内设科室3个，列出的名称有2个（“办公室（数据资源管理科）和应用推广和融合发展科”）');
    expect(checkEditedText(text, budget, ctx).findings.map((f) => f.id).sort()).toEqual(findings.map((f) => f.id).sort());
  });
});
