import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/synthetic';
import { CHANGE_WORDS, normalizeLine, numbersIn, PERCENT_WORDS, statements, wordAtEnd, yearsIn, yearsWhere, type TextParagraph } from '../../shared/narrative/parse';

// The regexes the scans replace (parse.ts): the scans must find exactly what these find.
const NUMBER = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/g;
const UNIT = /(亿元|万元|元|%|个|辆|家|台（套）|台|套|人|年|月|日|项|号|）|）)/y;
const CHANGE_WORD = /(增加|增长|上升|提高|增|减少|下降|降低|压减|减|节约)了?$/;
const PERCENT_WORD = /(增长|上升|提高|增加|增幅为?|下降|降低|减少|压减|降幅为?|减幅为?)了?$/;

function numbersByRegex(text: string) {
  const out: { text: string; unit: string; start: number; end: number; digits: bigint; decimals: number }[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    UNIT.lastIndex = m.index + m[0].length;
    const unit = UNIT.exec(text)?.[1] ?? '';
    const frac = m[2] ?? '';
    out.push({ text: m[0], unit, start: m.index, end: m.index + m[0].length + unit.length, digits: BigInt(m[1]!.replace(/,/g, '') + frac), decimals: frac.length });
  }
  return out;
}

/** Random strings over the characters the patterns care about. */
function randomTexts(seed: number, count: number, alphabet: readonly string[], maxLen: number): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = Math.floor(rnd() * maxLen);
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(rnd() * alphabet.length)]!;
    out.push(s);
  }
  return out;
}

describe('numbersIn', () => {
  it('finds the numbers, digits and units NUMBER and UNIT find', () => {
    const alphabet = ['0', '1', '2', '5', '9', '9', '3', ',', ',', '.', '元', '万元', '亿', '%', '台（套）', '台', '（', '）', '年', '较', '，', '-'];
    for (const text of randomTexts(15, 4000, alphabet, 24)) {
      const got = numbersIn(text).map(({ text, unit, start, end, digits, decimals }) => ({ text, unit, start, end, digits, decimals }));
      expect(got, text).toEqual(numbersByRegex(text));
    }
  });

  it('reads a seed sentence', () => {
    const got = numbersIn('总收入6,095,655.89元，占100.0%，较2023年减少1,028,100元（1）');
    expect(got.map((n) => [n.text, n.unit, n.value.toString()])).toEqual([
      ['6,095,655.89', '元', '6095655.89'],
      ['100.0', '%', '100'],
      ['2023', '年', '2023'],
      ['1,028,100', '元', '1028100'],
      ['1', '）', '1'],
    ]);
  });
});

describe('wordAtEnd', () => {
  it('finds the word the change and percent regexes capture at the end of a slice', () => {
    const alphabet = ['增', '加', '长', '减', '少', '幅', '为', '了', '下', '降', '低', '压', '节', '约', '上', '升', '提', '高', '较', '元'];
    for (const text of randomTexts(7, 6000, alphabet, 10)) {
      for (let start = 0; start <= text.length; start++) {
        const slice = text.slice(start);
        expect(wordAtEnd(text, start, text.length, CHANGE_WORDS), slice).toBe(CHANGE_WORD.exec(slice)?.[1]);
        expect(wordAtEnd(text, start, text.length, PERCENT_WORDS), slice).toBe(PERCENT_WORD.exec(slice)?.[1]);
      }
      // A slice ending before the text does.
      const end = Math.floor(text.length / 2);
      expect(wordAtEnd(text, 0, end, CHANGE_WORDS)).toBe(CHANGE_WORD.exec(text.slice(0, end))?.[1]);
    }
  });
});

describe('normalizeLine commas', () => {
  it('makes the comma replacements the regexes make, where they make them', () => {
    // Without markup or spacing, normalizeLine's comma steps are these two replacements.
    const byRegex = (s: string) => {
      s = s.replace(/(?<=\d)，(?=\d{3}(?![\d年月日]))/g, ',');
      if (s.includes(',')) s = s.replace(/,(?!\d{3}(?!\d))|(?<!\d),/g, '，');
      return s;
    };
    const alphabet = ['1', '2', '0', '，', '，', ',', ',', '年', '月', '日', '元', '较'];
    for (const text of randomTexts(3, 6000, alphabet, 14)) expect(normalizeLine(text), text).toBe(byRegex(text));
  });
});

describe('statements of segments read before', () => {
  const patterns = [{ re: /基本支出(?:预算)?/g, subject: 'basic' }];
  const paragraph = (key: string, text: string): TextParagraph => ({ key, topic: 'expenditure', text, raw: text, headings: [], index: 0, line: 1 });

  it('are those of the segment, its paragraph and its own reason', () => {
    // The first segment's text is the same in all three; its reason runs on past it, and differs.
    const a = statements(paragraph('expenditure', '支出较2023年减少10元，主要原因是基本支出预算增加5元。'), patterns, 'total');
    const b = statements(paragraph('expenditure', '支出较2023年减少10元，主要原因是基本支出预算增加6元。'), patterns, 'total');
    const c = statements(paragraph('income', '支出较2023年减少10元，主要原因是基本支出预算增加6元。'), patterns, 'total');
    expect(a[0]!.text).toBe(b[0]!.text);
    expect([a[0]!.reasonText, b[0]!.reasonText]).toEqual(['基本支出预算增加5元', '基本支出预算增加6元']);
    expect(c.map((s) => s.paragraph)).toEqual(['income', 'income']);
    expect(b[1]!.change?.amount?.text).toBe('6');
    // Read again: the same statements, equal to the first reading.
    expect(statements(paragraph('expenditure', '支出较2023年减少10元，主要原因是基本支出预算增加5元。'), patterns, 'total')).toEqual(a);
  });

  it('tell a segment whose own reason begins at its end from the same segment without one', () => {
    // '主要是' begins in the first segment '支出10元，主要' and ends in the next (its mention '是人员').
    const staff = [{ re: /是?人员/g, subject: 'staff' }];
    const withReason = '支出10元，主要是人员增加5人。';
    const without = '支出10元，主要人员增加5人。';
    for (const [key, order] of [['x', [withReason, without]], ['y', [without, withReason]]] as const) {
      const read = order.map((t) => statements(paragraph(key, t), staff, 'total')[0]!);
      expect(read[0]!.text).toBe('支出10元，主要');
      expect(read[1]!.text).toBe('支出10元，主要');
      expect(read.map((st) => st.reason)).toEqual(order[0] === withReason ? ['present', 'missing'] : ['missing', 'present']);
    }
  });
});

describe('yearsWhere', () => {
  it('finds the years yearsIn finds, those wanted, with the same context', () => {
    const alphabet = ['2', '0', '2', '3', '4', '1', '9', '年', '年', '较', '比', '月', '预算', 'x'];
    for (const text of randomTexts(11, 4000, alphabet, 30)) {
      expect(yearsWhere(text, () => true), text).toEqual(yearsIn(text));
      const wanted = (y: number, at: number) => y !== 2024 && text[at - 1] !== '较';
      expect(yearsWhere(text, wanted), text).toEqual(yearsIn(text).filter((y) => y.year !== 2024 && !/较$/.test(y.before)));
    }
  });
});
