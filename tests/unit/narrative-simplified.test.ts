/**
 * simplified() (shared/narrative/parse.ts) against OpenCC itself: it returns a line with none of
 * TRADITIONAL_CHARS as it is, without building OpenCC's dictionaries, and converts every other line
 * with OpenCC. That is exact only while every key OpenCC replaces contains one of those characters:
 * checked here against the dictionaries the installed opencc-js loads, so an upgrade that adds keys
 * fails until bench/narrative-opencc-chars.ts is run again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as OpenCC from 'opencc-js/t2cn';
import * as ToTraditional from 'opencc-js/cn2t';
import { openccEntries, triggerChars } from '../../bench/narrative-opencc-chars';
import { prng } from '../../bench/synthetic';
import { toPlainText } from '../../shared/narrative/doc';
import { simplified } from '../../shared/narrative/parse';
import { generateNarrative } from '../../shared/narrative/template';
import { TRADITIONAL_CHARS } from '../../shared/narrative/traditional-chars';
import { sample, seedNarrative } from './narrative-helpers';

// The converter parse.ts builds, watched: it must not be built for lines without TRADITIONAL_CHARS.
vi.mock('opencc-js/t2cn', async (importOriginal) => {
  const real = await importOriginal<typeof import('opencc-js/t2cn')>();
  return { ...real, Converter: vi.fn(real.Converter) };
});
const converterBuilds = () => vi.mocked(OpenCC.Converter).mock.calls.length;

const opencc = OpenCC.Converter({ from: 't', to: 'cn' });
const traditional = new Set([...TRADITIONAL_CHARS]);
const hasTraditional = (s: string) => [...s].some((c) => traditional.has(c));

/** The sample's generated narrative, the seed's, and the published texts of the fixtures, by line. */
function simplifiedLines(): string[] {
  const { budget, ctx } = sample();
  const dir = join(__dirname, '../fixtures/narrative');
  const texts = [
    toPlainText(generateNarrative(budget, ctx)),
    seedNarrative(),
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  ];
  return [...new Set(texts.flatMap((t) => t.split('\n')).filter((l) => l.trim() !== ''))];
}

/**
 * Lines of mixed scripts: ASCII and full-width digits and punctuation, simplified and traditional
 * words (預算, 經費, 較上年), compatibility ideographs (U+F900 豈), astral ideographs with and
 * without a dictionary entry (𠁞 U+2005E has one, 𠀀 U+20000 none), emoji, a lone surrogate, an
 * ideographic description sequence (⿰木木) and the characters added for phrases only (瞭, 覆, 沈).
 */
function mixedLines(n: number): string[] {
  const pieces = [
    'abc', ' ', '2024', '6,095,655.89', '１２３', '％', '%', '（', '）', '(', ')', '：', '；', '，', '。', '、', '\t', '\u3000',
    '预算', '经费', '较上年', '增加', '减少', '一般公共预算', '万元', '其他收入', '取得', '了解',
    '預算', '經費', '較上年', '增長', '減少', '機關運行經費', '萬元', '財政撥款', '瞭解', '答覆', '沈默', '藉口', '衹得', '一目瞭然',
    '\uF900', '\uFA0E', '\u{2F800}', '\u{2005E}', '\u{20000}', '\u{30EDE}', '😀', '\uD840', '\uDC00', '⿰木木', '⿱',
  ];
  const rand = prng(20241204);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = '';
    const len = 1 + Math.floor(rand() * 12);
    for (let j = 0; j < len; j++) line += pieces[Math.floor(rand() * pieces.length)];
    out.push(line);
  }
  return out;
}

const plain = simplifiedLines();
const corpus = [
  ...plain,
  // The same texts as mirrored pages print them (traditional, Taiwan's and Hong Kong's forms).
  ...plain.map(ToTraditional.Converter({ from: 'cn', to: 't' })),
  ...plain.map(ToTraditional.Converter({ from: 'cn', to: 'tw' })),
  ...plain.map(ToTraditional.Converter({ from: 'cn', to: 'hk' })),
  ...mixedLines(3000),
];

describe('simplified()', () => {
  // First: parse.ts's converter is built on the first line that needs it, once per process.
  it('returns lines without any of TRADITIONAL_CHARS as they are, without building the converter', () => {
    const before = converterBuilds();
    const without = corpus.filter((l) => !hasTraditional(l));
    expect(without.length).toBeGreaterThan(plain.length * 0.9);
    for (const line of without) expect(simplified(line)).toBe(line);
    expect(converterBuilds()).toBe(before);
    // Nearly all of the narrative the product generates is such a line.
    const { budget, ctx } = sample();
    const generated = toPlainText(generateNarrative(budget, ctx)).split('\n');
    expect(generated.filter(hasTraditional).length).toBeLessThanOrEqual(2);
  });

  it('gives what OpenCC gives, on every line', () => {
    const before = converterBuilds();
    expect(corpus.length).toBeGreaterThan(3000);
    expect(corpus.filter(hasTraditional).length).toBeGreaterThan(1000);
    for (const line of corpus) expect(simplified(line), line).toBe(opencc(line));
    expect(simplified('預算經費較上年增長')).toBe('预算经费较上年增长');
    expect(converterBuilds()).toBe(before + 1);
  });
});

describe('TRADITIONAL_CHARS', () => {
  let read: [string, string][] | undefined;
  const entries = () => (read ??= openccEntries());

  it('is what bench/narrative-opencc-chars.ts derives from the installed opencc-js', () => {
    expect(entries().length).toBeGreaterThan(4000);
    expect(TRADITIONAL_CHARS).toBe(triggerChars(entries()));
  });

  it('has a character of every key OpenCC replaces by something else', () => {
    const missed = entries().filter(([k, v]) => k !== v && !hasTraditional(k));
    expect(missed).toEqual([]);
  });

  it('holds ideographs only (parse.ts puts them in a regular expression as they are)', () => {
    for (const c of TRADITIONAL_CHARS) expect(c, c).toMatch(/^\p{Ideographic}$/u);
  });
});
