/**
 * The generated narrative against the seed's own: paragraphs are paired by subject, sentences by
 * position, and every number in every sentence is compared. The only difference allowed is the
 * seed's rounding slip on 产业发展 (it printed 下降46.0%; 510,000 / 1,110,000 = 45.95% → 45.9%).
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { allFigures, toPlainText } from '../../shared/narrative/doc';
import { narrativeFacts } from '../../shared/narrative/facts';
import { readParagraphs } from '../../shared/narrative/check';
import { numbersIn, type TextParagraph } from '../../shared/narrative/parse';
import { generateNarrative } from '../../shared/narrative/template';
import { REASON_PLACEHOLDER } from '../../shared/narrative/keys';
import { sample, seedNarrative } from './narrative-helpers';

/** Paragraphs grouped by subject: free-text sections as one group, headings left out. */
function groups(paragraphs: readonly TextParagraph[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paragraphs) {
    let key: string;
    if (p.topic === 'heading') {
      // A page break in the seed turns "5.负责推进全区信息化应用工" into a heading-like line.
      if (/职能|职责/.test(p.headings[1] ?? '') && p.headings.length === 3) key = 'functions';
      else continue;
    } else if (p.key.startsWith('function:')) key = p.key;
    else key = p.key.replace(/:\d+$/, '');
    out.set(key, (out.get(key) ?? '') + p.text);
  }
  return out;
}

const sentences = (text: string) => text.split(/(?<=。)/).filter((s) => s.trim() !== '');
const numbers = (text: string) => numbersIn(text).map((n) => n.value);

describe('generated narrative vs the seed narrative', () => {
  const { budget, ctx } = sample();
  const doc = generateNarrative(budget, ctx);
  const ours = groups(readParagraphs(toPlainText(doc), narrativeFacts(budget, ctx), ctx));
  const seed = groups(readParagraphs(seedNarrative(), narrativeFacts(budget, ctx), ctx));

  it('has the same paragraphs (subjects) as the seed', () => {
    expect([...ours.keys()].sort()).toEqual([...seed.keys()].sort());
  });

  it('states the same figures in every sentence, except 产业发展 45.9% where the seed printed 46.0%', () => {
    const differences: { group: string; sentence: number; ours: string[]; seed: string[] }[] = [];
    let pairedSentences = 0;
    let comparedNumbers = 0;
    for (const [key, seedText] of seed) {
      const a = sentences(ours.get(key) ?? '');
      const b = sentences(seedText);
      // Our 名词解释 adds 机关运行经费 (STR-07); extra sentences may not carry numbers.
      for (const extra of a.slice(b.length)) expect(numbers(extra), `${key}: ${extra}`).toEqual([]);
      expect(a.length, `${key}: sentence count`).toBeGreaterThanOrEqual(b.length);
      b.forEach((s, i) => {
        pairedSentences++;
        const x = numbers(a[i]!);
        const y = numbers(s);
        comparedNumbers += y.length;
        const same = x.length === y.length && x.every((v, j) => v.equals(y[j]!));
        if (!same) differences.push({ group: key, sentence: i, ours: x.map(String), seed: y.map(String) });
      });
    }
    // The tally, for the record.
    console.log(`narrative pairing: ${seed.size} paragraphs, ${pairedSentences} sentences, ${comparedNumbers} numbers compared, ${differences.length} difference(s)`);
    expect(pairedSentences).toBeGreaterThan(60);
    expect(comparedNumbers).toBeGreaterThan(150);
    expect(differences).toHaveLength(1);
    const [d] = differences;
    expect(d!.group).toBe('function:2150517');
    const diffs = d!.ours.map((v, i) => [v, d!.seed[i]]).filter(([v, w]) => !new Decimal(v!).equals(new Decimal(w!)));
    expect(diffs).toEqual([['45.9', '46']]);
  });

  it('tags every figure with what it states', () => {
    const figures = allFigures(doc);
    const by = (source: string) => figures.find((f) => f.figure.source === source)!;
    expect(by('income.total').text).toBe('6,095,655.89元');
    expect(by('income.change').text).toBe('721,222.69元');
    expect(by('project.current').text).toBe('3,409,800元');
    expect(by('function.2101101.change').text).toBe('15,886.8元');
    expect(by('function.2150517.changePercent')).toMatchObject({ text: '45.9%', figure: { kind: 'percent', value: '45.9' } });
    expect(by('function.2150501.changePercent').text).toBe('25.9%');
    expect(by('expenditure.208.share').text).toBe('4.2%');
    expect(by('threePublic.abroad').text).toBe('0元');
    expect(by('operatingCost.current').text).toBe('389,346.5元');
    expect(by('performance.count')).toMatchObject({ text: '5', figure: { kind: 'count' } });
    expect(figures.every((f) => f.figure.source && f.figure.value)).toBe(true);
  });

  it('writes the reasons and free texts from the file, and lists the inputs beside their paragraphs', () => {
    const text = toPlainText(doc);
    expect(text).not.toContain(REASON_PLACEHOLDER);
    expect(text).toContain('下降45.9%。主要原因是获评产业示范项目减少。');
    expect(text).toContain('因公出国（境）费用0元，与上年持平；');
    const reason = doc.inputs.find((i) => i.key === 'reason:function:2150517')!;
    expect(reason).toMatchObject({ paragraph: 'function:2150517', kind: 'reason', required: true, missing: false });
    // 2150599 has last year's money only: no paragraph, no reason asked for.
    expect(doc.inputs.some((i) => i.key === 'reason:function:2150599')).toBe(false);
    expect(text).not.toContain('其他工业和信息产业监管支出（项）');
  });

  it('is regenerated from the data: an amount edit shows up in every sentence that states it', () => {
    const { budget: b2, ctx: c2 } = sample();
    const line = b2.functionLines.find((l) => l.code === '2150517')!;
    line.current = 55500000; // 555,000.00
    const text = toPlainText(generateNarrative(b2, c2));
    expect(text).toContain('产业发展（项）2024年预算数为555,000元，较2023年减少555,000元，下降50.0%。');
    expect(text).toContain('项目支出3,364,800元');
  });
});
