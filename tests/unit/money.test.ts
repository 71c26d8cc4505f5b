import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  addFen,
  assertFen,
  changeRatio,
  decimalToFen,
  fenToDecimal,
  fenToWan,
  fenToYuanNumber,
  formatAmount,
  formatAmountZero,
  formatChangePercentTable,
  formatPercent,
  formatProse,
  parseAmount,
  parseAmountCell,
  roundHalfAway,
  sharePercent,
  subFen,
  sumFen,
  type ParseResult,
} from '../../shared/money';

const MAX = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991 分

function fenOf(r: ParseResult): number {
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  return r.fen;
}
function reasonOf(r: ParseResult): string {
  if (r.ok) throw new Error(`expected a rejection, got fen ${r.fen}`);
  return r.reason;
}

describe('parseAmount: accepted input', () => {
  it.each([
    ['1,234.5', 123450],
    ['1234', 123400],
    ['１２３４', 123400],
    ['１，２３４．５６', 123456],
    ['1234.50元', 123450],
    ['1234.50 元', 123450],
    [' 12 ', 1200],
    ['\u300012\u3000', 1200], // full-width spaces around
    ['\u00a012\t', 1200],
    ['6,095,655.89', 609565589],
    ['3,409,800.00', 340980000],
    ['0', 0],
    ['0.00', 0],
    ['0.5', 50],
    ['.5', 50],
    ['5.', 500],
    ['007', 700],
    ['1.230', 123], // trailing zeros add no precision
    ['1.2300000', 123],
    ['+12', 1200],
    ['￥1,234.56', 123456],
    ['¥12', 1200],
    ['999', 99900],
    ['123,456,789', 12345678900],
  ])('%j → %d 分', (text, fen) => {
    const r = parseAmount(text);
    expect(r).toEqual({ ok: true, fen, empty: false });
  });

  it("'-0' is zero, not negative zero, and not empty", () => {
    const r = parseAmount('-0');
    expect(r).toEqual({ ok: true, fen: 0, empty: false });
    expect(Object.is(fenOf(r), -0)).toBe(false);
    expect(Object.is(fenOf(parseAmount('－０．００')), -0)).toBe(false);
  });

  it.each(['', '-', '—', '－', '–', '——', '   ', ' - ', '\u3000—\u3000'])('%j is an empty cell', (text) => {
    expect(parseAmount(text)).toEqual({ ok: true, fen: 0, empty: true });
    expect(parseAmount(text, { unit: '万元' })).toEqual({ ok: true, fen: 0, empty: true });
  });

  it('万元 suffix multiplies by 10000 and allows up to six decimals', () => {
    expect(fenOf(parseAmount('12.3456万元'))).toBe(12_345_600); // 123,456.00 元
    expect(fenOf(parseAmount('12.345678万元'))).toBe(12_345_678); // 123,456.78 元
    expect(fenOf(parseAmount('609.565589万元'))).toBe(609_565_589);
    expect(fenOf(parseAmount('1万元'))).toBe(1_000_000);
    expect(fenOf(parseAmount('1,234 万元'))).toBe(1_234_000_000);
    expect(fenOf(parseAmount('０．０００００１万元'))).toBe(1); // one 分
  });

  it("opts.unit '万元' reads a bare number in 万元; an explicit suffix wins", () => {
    expect(fenOf(parseAmount('609.57', { unit: '万元' }))).toBe(609_570_000);
    expect(fenOf(parseAmount('12.3456', { unit: '万元' }))).toBe(12_345_600);
    expect(fenOf(parseAmount('12.34元', { unit: '万元' }))).toBe(1234);
    expect(fenOf(parseAmount('12.34万元', { unit: '元' }))).toBe(12_340_000);
    expect(fenOf(parseAmount('12.34', { unit: '元' }))).toBe(1234);
  });

  it('negative amounts only with allowNegative', () => {
    expect(parseAmount('-12.5', { allowNegative: true })).toEqual({ ok: true, fen: -1250, empty: false });
    expect(fenOf(parseAmount('－１，２３４．５', { allowNegative: true }))).toBe(-123450);
    expect(fenOf(parseAmount('\u22125', { allowNegative: true }))).toBe(-500); // U+2212 minus sign
    expect(fenOf(parseAmount('-1.5万元', { allowNegative: true }))).toBe(-1_500_000);
    expect(reasonOf(parseAmount('-12.5'))).toContain('预算金额不能为负数');
    expect(reasonOf(parseAmount('－１２'))).toContain('预算金额不能为负数');
    expect(reasonOf(parseAmount('-1.5万元'))).toContain('预算金额不能为负数');
  });

  it('big amounts stay exact up to the safe-integer limit', () => {
    expect(fenOf(parseAmount('10,000,000,000,000.00'))).toBe(1e15); // 10^13 元
    expect(fenOf(parseAmount('9999999999999.99'))).toBe(999_999_999_999_999);
    expect(fenOf(parseAmount('90,071,992,547,409.91'))).toBe(MAX);
    expect(fenOf(parseAmount('-90071992547409.91', { allowNegative: true }))).toBe(-MAX);
    expect(fenOf(parseAmount('9,007,199,254.740991万元'))).toBe(MAX);
  });
});

describe('parseAmount: rejected input', () => {
  it.each([
    ['abc', '“abc”不是金额'],
    ['1.2.3', '“1.2.3”不是金额'],
    ['1.234', '“1.234”超过两位小数（金额精确到分）'],
    ['1.005', '超过两位小数'],
    ['１．２３４', '超过两位小数'],
    ['1e5', '不接受科学计数法'],
    ['1E5', '不接受科学计数法'],
    ['1.5e-3', '不接受科学计数法'],
    ['1,234e2', '不接受科学计数法'],
    ['1,23', '千分位逗号位置不对'],
    ['1,2345', '千分位逗号位置不对'],
    ['12,34.5', '千分位逗号位置不对'],
    ['1234,567', '千分位逗号位置不对'],
    [',123', '千分位逗号位置不对'],
    ['1,,234', '千分位逗号位置不对'],
    ['12元3', '“12元3”不是金额'],
    ['元', '不是金额'],
    ['.', '不是金额'],
    ['+', '不是金额'],
    ['--5', '不是金额'],
    ['1 234', '不是金额'],
    ['12.3.', '不是金额'],
    ['12亿元', '不是金额'],
    ['NaN', '不是金额'],
    ['Infinity', '不是金额'],
    ['0x10', '不是金额'],
  ])('%j → %s', (text, reason) => {
    expect(reasonOf(parseAmount(text))).toContain(reason);
  });

  it('万元 beyond six decimals is finer than a 分', () => {
    expect(reasonOf(parseAmount('12.3456789万元'))).toContain('超过六位小数');
    expect(reasonOf(parseAmount('0.0000001', { unit: '万元' }))).toContain('超过六位小数');
    expect(fenOf(parseAmount('12.34567800万元'))).toBe(12_345_678);
  });

  it('amounts beyond the safe-integer range are refused, not rounded', () => {
    expect(reasonOf(parseAmount('90,071,992,547,409.92'))).toContain('金额过大');
    expect(reasonOf(parseAmount('100000000000000'))).toContain('金额过大');
    expect(reasonOf(parseAmount('9007199254.740992万元'))).toContain('金额过大');
    expect(reasonOf(parseAmount('1' + '0'.repeat(30)))).toContain('金额过大');
  });

  it('quotes what the user typed (trimmed) in the reason', () => {
    expect(reasonOf(parseAmount('  ａｂｃ '))).toBe('“ａｂｃ”不是金额');
  });
});

describe('parseAmountCell', () => {
  it('null, undefined and empty strings are empty cells', () => {
    expect(parseAmountCell(null)).toEqual({ ok: true, fen: 0, empty: true });
    expect(parseAmountCell(undefined)).toEqual({ ok: true, fen: 0, empty: true });
    expect(parseAmountCell('')).toEqual({ ok: true, fen: 0, empty: true });
    expect(parseAmountCell('—')).toEqual({ ok: true, fen: 0, empty: true });
  });

  it('strings go through parseAmount with the same options', () => {
    expect(fenOf(parseAmountCell('6,095,655.89'))).toBe(609565589);
    expect(fenOf(parseAmountCell('609.57', { unit: '万元' }))).toBe(609_570_000);
    expect(reasonOf(parseAmountCell('1.234'))).toContain('超过两位小数');
    expect(reasonOf(parseAmountCell('-1'))).toContain('预算金额不能为负数');
  });

  it('numbers are read exactly to the 分', () => {
    expect(parseAmountCell(6095655.89)).toEqual({ ok: true, fen: 609565589, empty: false });
    expect(fenOf(parseAmountCell(0))).toBe(0);
    expect(parseAmountCell(0)).toEqual({ ok: true, fen: 0, empty: false });
    expect(Object.is(fenOf(parseAmountCell(-0)), -0)).toBe(false);
    expect(fenOf(parseAmountCell(0.01))).toBe(1);
    expect(fenOf(parseAmountCell(1.005 * 1000))).toBe(100500);
    expect(fenOf(parseAmountCell(3409800))).toBe(340980000);
    expect(fenOf(parseAmountCell(9999999999999.99))).toBe(999_999_999_999_999);
    expect(fenOf(parseAmountCell(1e13))).toBe(1e15);
  });

  it('float noise is absorbed, a real third decimal is not', () => {
    expect(fenOf(parseAmountCell(0.1 + 0.2))).toBe(30); // 0.30000000000000004
    expect(fenOf(parseAmountCell(1.1 * 3))).toBe(330); // 3.3000000000000003
    expect(fenOf(parseAmountCell(258253.68 + 125205.71 + 5566509.66 + 145686.84))).toBe(609565589);
    expect(reasonOf(parseAmountCell(1.234))).toContain('超过两位小数');
    expect(reasonOf(parseAmountCell(1.005))).toContain('超过两位小数');
    expect(reasonOf(parseAmountCell(1234567.891))).toContain('超过两位小数');
    expect(reasonOf(parseAmountCell(0.001))).toContain('超过两位小数');
  });

  it('numbers in a 万元 table', () => {
    expect(fenOf(parseAmountCell(609.565589, { unit: '万元' }))).toBe(609_565_589);
    expect(fenOf(parseAmountCell(609.57, { unit: '万元' }))).toBe(609_570_000);
    expect(fenOf(parseAmountCell(0.1 + 0.2, { unit: '万元' }))).toBe(300_000);
    expect(reasonOf(parseAmountCell(609.5655891, { unit: '万元' }))).toContain('超过六位小数');
  });

  it('negative numbers, overflow and non-numbers are rejected', () => {
    expect(reasonOf(parseAmountCell(-12.5))).toContain('预算金额不能为负数');
    expect(fenOf(parseAmountCell(-12.5, { allowNegative: true }))).toBe(-1250);
    expect(reasonOf(parseAmountCell(1e14))).toContain('金额过大');
    expect(reasonOf(parseAmountCell(NaN))).toContain('不是金额');
    expect(reasonOf(parseAmountCell(Infinity))).toContain('不是金额');
    expect(reasonOf(parseAmountCell(true))).toContain('不是金额');
    expect(reasonOf(parseAmountCell(new Date(0)))).toContain('不是金额');
    expect(reasonOf(parseAmountCell({}))).toContain('不是金额');
  });

  it('unwraps exceljs formula, rich-text, hyperlink and error values', () => {
    expect(fenOf(parseAmountCell({ formula: 'SUM(B2:B5)', result: 6095655.89 }))).toBe(609565589);
    expect(parseAmountCell({ formula: 'B2' })).toEqual({ ok: true, fen: 0, empty: true });
    expect(fenOf(parseAmountCell({ richText: [{ text: '1,234' }, { text: '.50' }] }))).toBe(123450);
    expect(fenOf(parseAmountCell({ text: '12.00', hyperlink: 'x' }))).toBe(1200);
    expect(reasonOf(parseAmountCell({ error: '#DIV/0!' }))).toContain('#DIV/0!');
    expect(fenOf(parseAmountCell(12n))).toBe(1200);
  });
});

describe('formatting amounts', () => {
  it('formatAmount: table style, zero and absent print empty', () => {
    expect(formatAmount(609565589)).toBe('6,095,655.89');
    expect(formatAmount(340980000)).toBe('3,409,800.00');
    expect(formatAmount(1588680)).toBe('15,886.80');
    expect(formatAmount(1)).toBe('0.01');
    expect(formatAmount(10)).toBe('0.10');
    expect(formatAmount(99)).toBe('0.99');
    expect(formatAmount(100)).toBe('1.00');
    expect(formatAmount(99999)).toBe('999.99');
    expect(formatAmount(100000)).toBe('1,000.00');
    expect(formatAmount(-123456)).toBe('-1,234.56');
    expect(formatAmount(-5)).toBe('-0.05');
    expect(formatAmount(0)).toBe('');
    expect(formatAmount(-0)).toBe('');
    expect(formatAmount(null)).toBe('');
    expect(formatAmount(undefined)).toBe('');
  });

  it('formatAmountZero prints zero as 0.00', () => {
    expect(formatAmountZero(0)).toBe('0.00');
    expect(formatAmountZero(-0)).toBe('0.00');
    expect(formatAmountZero(609565589)).toBe('6,095,655.89');
    expect(formatAmountZero(-100)).toBe('-1.00');
  });

  it('formatProse drops trailing zeros like the reference narrative', () => {
    expect(formatProse(609565589)).toBe('6,095,655.89');
    expect(formatProse(1588680)).toBe('15,886.8');
    expect(formatProse(340980000)).toBe('3,409,800');
    expect(formatProse(0)).toBe('0');
    expect(formatProse(5)).toBe('0.05');
    expect(formatProse(50)).toBe('0.5');
    expect(formatProse(-1588680)).toBe('-15,886.8');
  });

  it('big amounts format exactly (no float division)', () => {
    expect(formatAmount(1e15)).toBe('10,000,000,000,000.00');
    expect(formatAmount(999_999_999_999_999)).toBe('9,999,999,999,999.99');
    expect(formatAmount(MAX)).toBe('90,071,992,547,409.91');
    expect(formatAmount(-MAX)).toBe('-90,071,992,547,409.91');
    expect(formatProse(MAX - 1)).toBe('90,071,992,547,409.9');
  });

  it('formatting rejects non-integer or unsafe fen', () => {
    expect(() => formatAmount(1.5)).toThrow('整数');
    expect(() => formatAmount(NaN)).toThrow('整数');
    expect(() => formatAmount(MAX + 1)).toThrow('金额过大');
    expect(() => formatProse(0.1)).toThrow('整数');
  });

  it('round-trips parse → format for typical and boundary values', () => {
    for (const text of ['0.01', '0.10', '1.00', '999.99', '1,000.00', '6,095,655.89', '90,071,992,547,409.91']) {
      expect(formatAmountZero(fenOf(parseAmount(text)))).toBe(text);
    }
  });
});

describe('conversions', () => {
  it('fenToYuanNumber gives the same double as the decimal text', () => {
    expect(fenToYuanNumber(609565589)).toBe(6095655.89);
    expect(fenToYuanNumber(1)).toBe(0.01);
    expect(fenToYuanNumber(30)).toBe(0.3);
    expect(fenToYuanNumber(999_999_999_999_999)).toBe(9999999999999.99);
    expect(fenToYuanNumber(0)).toBe(0);
    expect(() => fenToYuanNumber(0.5)).toThrow();
  });

  it('fenToDecimal is exact in 元', () => {
    expect(fenToDecimal(609565589).toFixed(2)).toBe('6095655.89');
    expect(fenToDecimal(MAX).toString()).toBe('90071992547409.91');
    expect(fenToDecimal(-1).toString()).toBe('-0.01');
    expect(fenToDecimal(1)).toBeInstanceOf(Decimal);
  });

  it('decimalToFen rounds half away from zero to the 分', () => {
    expect(decimalToFen(new Decimal('6095655.89'))).toBe(609565589);
    expect(decimalToFen(new Decimal('0.005'))).toBe(1);
    expect(decimalToFen(new Decimal('-0.005'))).toBe(-1);
    expect(decimalToFen(new Decimal('0.0049'))).toBe(0);
    expect(Object.is(decimalToFen(new Decimal('-0.001')), -0)).toBe(false);
    expect(() => decimalToFen(new Decimal('1e14'))).toThrow('金额过大');
  });

  it('fenToWan: 万元 without separators, half away from zero', () => {
    expect(fenToWan(609565589)).toBe('609.57');
    expect(fenToWan(609565589, 4)).toBe('609.5656');
    expect(fenToWan(609565589, 6)).toBe('609.565589');
    expect(fenToWan(609565589, 0)).toBe('610');
    expect(fenToWan(1e15)).toBe('1000000000.00'); // 10^13 元
    expect(fenToWan(5_000)).toBe('0.01'); // 50 元 = 0.005 万元 → up
    expect(fenToWan(4_999)).toBe('0.00');
    expect(fenToWan(-5_000)).toBe('-0.01'); // away from zero
    expect(fenToWan(-4_999)).toBe('0.00'); // no '-0.00'
    expect(fenToWan(0)).toBe('0.00');
    expect(fenToWan(30_000)).toBe('0.03');
  });
});

describe('integer arithmetic', () => {
  it('sumFen adds integers, skipping null/undefined', () => {
    expect(sumFen([25825368, 12520571, 556650966, 14568684])).toBe(609565589);
    expect(sumFen([1, null, 2, undefined, -3])).toBe(0);
    expect(sumFen([])).toBe(0);
    expect(sumFen(new Set([10, 20]))).toBe(30);
    expect(sumFen((function* () { yield 1; yield 2; })())).toBe(3);
    expect(Object.is(sumFen([-0]), -0)).toBe(false);
  });

  it('sumFen throws on floats and overflow', () => {
    expect(() => sumFen([1, 0.5])).toThrow('整数');
    expect(() => sumFen([NaN])).toThrow('整数');
    expect(() => sumFen([MAX, 1])).toThrow('金额过大');
    expect(() => sumFen([-MAX, -1])).toThrow('金额过大');
    expect(sumFen([MAX, -1, 1])).toBe(MAX);
    expect(() => sumFen([2 ** 53])).toThrow('金额过大');
  });

  it('addFen / subFen / assertFen', () => {
    expect(addFen(1, 2)).toBe(3);
    expect(subFen(1, 3)).toBe(-2);
    expect(() => addFen(MAX, 1)).toThrow('金额过大');
    expect(() => subFen(-MAX, 1)).toThrow('金额过大');
    expect(assertFen(5)).toBe(5);
    expect(() => assertFen('5')).toThrow('整数');
    expect(() => assertFen(1.1, '本年金额')).toThrow('本年金额');
  });
});

describe('percentages', () => {
  it('roundHalfAway rounds .5 away from zero for both signs', () => {
    const r = (v: string, d: number) => roundHalfAway(new Decimal(v), d).toString();
    expect(r('0.5', 0)).toBe('1');
    expect(r('1.5', 0)).toBe('2');
    expect(r('2.5', 0)).toBe('3'); // not banker's 2
    expect(r('-0.5', 0)).toBe('-1');
    expect(r('-2.5', 0)).toBe('-3');
    expect(r('0.49999999999999999999999', 0)).toBe('0');
    expect(r('14.95', 1)).toBe('15'); // 15.0
    expect(r('-12.95', 1)).toBe('-13');
    expect(r('0.905', 2)).toBe('0.91');
    expect(r('-0.905', 2)).toBe('-0.91');
    expect(r('1.2345', 3)).toBe('1.235');
    expect(r('1.2344', 3)).toBe('1.234');
  });

  it('changeRatio is (cur − prior) / prior × 100, null on a zero base', () => {
    expect(changeRatio(115_800, 100_000)!.toString()).toBe('15.8');
    expect(changeRatio(0, 100)!.toString()).toBe('-100');
    expect(changeRatio(200, 100)!.toString()).toBe('100');
    expect(changeRatio(100, 0)).toBeNull();
    expect(changeRatio(0, 0)).toBeNull();
    expect(changeRatio(60000000, 111000000)!.toFixed(6)).toBe('-45.945946');
    expect(changeRatio(1, 1)).toBeInstanceOf(Decimal);
  });

  it('table 增幅 reproduces the published figures', () => {
    // −10.58 → −11 (the department total)
    expect(formatChangePercentTable(609565589, 681687858)).toBe('-11%');
    // −45.95 → −46
    expect(formatChangePercentTable(600_000_00, 1_110_000_00)).toBe('-46%');
    // this year zero → −100%
    expect(formatChangePercentTable(0, 100_000_00)).toBe('-100%');
    // exact ratios on the .x5 boundaries from the reference
    expect(formatChangePercentTable(115_800, 100_000)).toBe('16%'); // 15.80
    expect(formatChangePercentTable(114_950, 100_000)).toBe('15%'); // 14.95
    expect(formatChangePercentTable(100_905, 100_000)).toBe('1%'); // 0.905
    expect(formatChangePercentTable(87_050, 100_000)).toBe('-13%'); // −12.95
    expect(formatChangePercentTable(54_050, 100_000)).toBe('-46%'); // −45.95
  });

  it('table 增幅 at exact .5 boundaries, both signs, and zero', () => {
    expect(formatChangePercentTable(100_500, 100_000)).toBe('1%'); // 0.5 → 1
    expect(formatChangePercentTable(102_500, 100_000)).toBe('3%'); // 2.5 → 3, not 2
    expect(formatChangePercentTable(99_500, 100_000)).toBe('-1%'); // −0.5 → −1
    expect(formatChangePercentTable(97_500, 100_000)).toBe('-3%'); // −2.5 → −3
    expect(formatChangePercentTable(100_499, 100_000)).toBe('0%'); // 0.499
    expect(formatChangePercentTable(99_501, 100_000)).toBe('0%'); // −0.499: no '-0%'
    expect(formatChangePercentTable(100, 100)).toBe('0%');
    expect(formatChangePercentTable(100, 0)).toBe('');
    expect(formatChangePercentTable(0, 0)).toBe('');
    expect(formatChangePercentTable(300, 100)).toBe('200%');
  });

  it('ratios of huge amounts near a .5 boundary are not rounded onto it', () => {
    // (p + p/200 − 1) / p: just below +0.5% with p near 10^15
    const p = 1_000_000_000_000_000;
    expect(formatChangePercentTable(p + p / 200 - 1, p)).toBe('0%');
    expect(formatChangePercentTable(p + p / 200, p)).toBe('1%');
    expect(formatChangePercentTable(p - p / 200 + 1, p)).toBe('0%');
    expect(formatChangePercentTable(p - p / 200, p)).toBe('-1%');
    expect(formatChangePercentTable(MAX, 1)).toBe('900719925474099000%');
  });

  it('narrative one-decimal percentages', () => {
    expect(formatPercent(changeRatio(60000000, 111000000)!, 1)).toBe('-45.9'); // 下降45.9%
    expect(formatPercent(changeRatio(609565589, 681687858)!, 1)).toBe('-10.6');
    expect(formatPercent(new Decimal('25.85'), 1)).toBe('25.9');
    expect(formatPercent(new Decimal('0.9'), 1)).toBe('0.9');
    expect(formatPercent(new Decimal('13'), 1)).toBe('13.0');
    expect(formatPercent(new Decimal('-12.95'), 1)).toBe('-13.0');
    expect(formatPercent(new Decimal('-0.04'), 1)).toBe('0.0'); // no '-0.0'
    expect(formatPercent(new Decimal('-0.05'), 1)).toBe('-0.1');
    expect(formatPercent(new Decimal('15.87'), 2)).toBe('15.87');
    expect(formatPercent(new Decimal('4.225'), 2)).toBe('4.23');
    expect(formatPercent(new Decimal('99.5'), 0)).toBe('100');
    expect(() => formatPercent(new Decimal(1), -1)).toThrow('小数位数');
    expect(() => formatPercent(new Decimal(1), 1.5)).toThrow('小数位数');
  });

  it('shares of the department total reproduce the published 4.2 + 2.1 + 91.3 + 2.4', () => {
    const total = 609565589;
    const parts = [25825368, 12520571, 556650966, 14568684];
    expect(sumFen(parts)).toBe(total);
    expect(parts.map((p) => sharePercent(p, total, 1))).toEqual(['4.2', '2.1', '91.3', '2.4']);
    expect(sharePercent(total, total, 1)).toBe('100.0');
    expect(sharePercent(0, total, 1)).toBe('0.0');
    expect(sharePercent(1, 0, 1)).toBeNull();
    expect(sharePercent(0, 0, 1)).toBeNull();
  });

  it('shares round half away from zero at the boundary', () => {
    expect(sharePercent(1, 8, 1)).toBe('12.5');
    expect(sharePercent(1, 8, 0)).toBe('13'); // 12.5 → 13
    expect(sharePercent(1, 16, 1)).toBe('6.3'); // 6.25 → 6.3
    expect(sharePercent(-1, 16, 1)).toBe('-6.3');
    expect(sharePercent(1, 3, 1)).toBe('33.3');
    expect(sharePercent(2, 3, 1)).toBe('66.7');
  });

  it('percent helpers reject non-integer fen', () => {
    expect(() => changeRatio(1.5, 1)).toThrow('本年金额');
    expect(() => changeRatio(1, 0.5)).toThrow('上年金额');
    expect(() => sharePercent(1, MAX + 2, 1)).toThrow('金额过大');
  });
});

describe('parseAmountCell on numbers: the plain-decimal reading equals the exact one', () => {
  it('5,000 seeded numbers in 元 and 万元, whole, with cents, with more decimals, negative, large', () => {
    let seed = 20261203;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const shapes = [
      () => Math.floor(rand() * 1e9) / 100, // 分
      () => Math.floor(rand() * 1e7), // whole 元
      () => Math.floor(rand() * 1e10) / 1000, // a third decimal
      () => -Math.floor(rand() * 1e6) / 100,
      () => Math.floor(rand() * 1e12) / 1e6, // 万元 to the 分
      () => rand() * 1e15,
      () => 0.1 + 0.2, // float noise: 0.30000000000000004
    ];
    for (let i = 0; i < 5000; i++) {
      const v = shapes[i % shapes.length]();
      for (const unit of ['元', '万元'] as const) {
        const scale = unit === '元' ? 100 : 1_000_000;
        const exact = new Decimal(v).times(scale);
        const fen = exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
        const noise = Math.max(1e-6, Math.abs(v) * scale * Number.EPSILON * 2);
        const got = parseAmountCell(v, { unit, allowNegative: true });
        if (fen.abs().greaterThan(Number.MAX_SAFE_INTEGER) || exact.minus(fen).abs().greaterThan(noise)) expect(got.ok, `${v} ${unit}`).toBe(false);
        else expect(got, `${v} ${unit}`).toMatchObject({ ok: true, fen: fen.toNumber() });
      }
    }
    expect(parseAmountCell(-12.5)).toMatchObject({ ok: false });
    expect(parseAmountCell(-12.5, { allowNegative: true })).toMatchObject({ ok: true, fen: -1250 });
  });
});
