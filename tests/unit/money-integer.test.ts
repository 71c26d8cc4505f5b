// The integer percentages and amount grouping of shared/money against the decimal.js reading they
// replaced: the same text, byte for byte, on boundaries and on seeded random values of every size.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  changePercentAbs,
  changeRatio,
  formatAmount,
  formatAmountZero,
  formatChangePercentTable,
  formatCount,
  formatPercent,
  formatProse,
  sharePercent,
} from '../../shared/money';

const MAX = Number.MAX_SAFE_INTEGER;
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** The decimal.js reading: num × 100 / den, half away from zero, no '-0'. */
function reference(num: bigint, den: bigint, decimals: number): string {
  const r = new D(num.toString()).times(100).div(den.toString()).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  return (r.isZero() ? new D(0) : r).toFixed(decimals);
}
const tableRef = (c: number, p: number) => (p === 0 ? '' : `${reference(BigInt(c) - BigInt(p), BigInt(p), 0)}%`);
const absBig = (x: bigint) => (x < 0n ? -x : x);
const absRef = (c: number, p: number, d: number) => (p === 0 ? null : reference(absBig(BigInt(c) - BigInt(p)), absBig(BigInt(p)), d));
const regexGroup = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');

function* seeded(seed: number): Generator<number> {
  let s = seed;
  for (;;) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    yield s / 2 ** 31;
  }
}

/** Values of every magnitude, both signs, near .5 boundaries and the safe-integer edge. */
function values(n: number, seed: number): number[] {
  const rnd = seeded(seed);
  const next = () => rnd.next().value as number;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const digits = 1 + Math.floor(next() * 16);
    let v = Math.floor(next() * 10 ** digits);
    if (v > MAX) v = MAX - Math.floor(next() * 1000);
    out.push(next() < 0.3 ? -v : v);
  }
  return out;
}

describe('table 增幅 in integer arithmetic equals the decimal.js reading', () => {
  it('halves, negatives, zero prior, -0 and exact-integer boundaries', () => {
    const cases: [number, number][] = [
      [100_500, 100_000], [99_500, 100_000], [102_500, 100_000], [97_500, 100_000], [100_499, 100_000], [99_501, 100_000],
      [1, 200], [-1, 200], [3, 200], [0, 1], [0, -1], [5, -10], [-5, -10], [-15, -10], [1, 0], [0, 0], [-7, 0],
      [MAX, 1], [-MAX, 1], [MAX, -1], [MAX, MAX], [-MAX, MAX], [MAX, -MAX], [1, MAX], [MAX - 1, MAX], [0, MAX],
      [90_071_992_547_409, 1], [90_071_992_547_410, 1], [-90_071_992_547_409, 0 + 3], [90_071_992_547_410 + 7, 7],
      [1_000_000_000_000_000 + 5_000_000_000_000, 1_000_000_000_000_000], [1_000_000_000_000_000 + 4_999_999_999_999, 1_000_000_000_000_000],
      [MAX, MAX - 2], [2 ** 52 + 1, 2 ** 52], [3 * 2 ** 51, 2 ** 52],
    ];
    for (const [c, p] of cases) expect(formatChangePercentTable(c, p), `${c} / ${p}`).toBe(tableRef(c, p));
    expect(formatChangePercentTable(-0, 5)).toBe('-100%');
    expect(formatChangePercentTable(5, -0)).toBe('');
    expect(formatChangePercentTable(MAX, -MAX)).toBe('-200%');
  });

  it('equals formatPercent(changeRatio(…), 0) on 20,000 seeded pairs of every size', () => {
    const cs = values(20_000, 7);
    const ps = values(20_000, 11);
    for (let i = 0; i < cs.length; i++) {
      const [c, p] = [cs[i], ps[i]];
      const ratio = changeRatio(c, p);
      const viaDecimal = ratio === null ? '' : `${formatPercent(ratio, 0)}%`;
      expect(formatChangePercentTable(c, p), `${c} / ${p}`).toBe(viaDecimal);
    }
  });

  it('exact .5 boundaries of large priors round away from zero', () => {
    for (const p of [2, 200, 2_000_000, 2 ** 40, 2 * 10 ** 15, 4 * 10 ** 15]) {
      for (const k of [-3, -1, 0, 1, 3]) {
        // (c − p) × 100 / p = k + 1/2 exactly when c − p = (2k + 1) × p / 200
        const c = p + ((2 * k + 1) * p) / 200;
        if (!Number.isSafeInteger(c)) continue;
        expect(formatChangePercentTable(c, p), `${c} / ${p}`).toBe(tableRef(c, p));
        expect(formatChangePercentTable(c + 1, p)).toBe(tableRef(c + 1, p));
        expect(formatChangePercentTable(c - 1, p)).toBe(tableRef(c - 1, p));
      }
    }
  });
});

describe('shares and sizes of changes in integer arithmetic', () => {
  it('sharePercent equals the decimal.js reading for 0–4 decimals', () => {
    const parts = values(5_000, 3);
    const totals = values(5_000, 5);
    for (let i = 0; i < parts.length; i++) {
      for (const d of [0, 1, 2, 4]) {
        const expected = totals[i] === 0 ? null : reference(BigInt(parts[i]), BigInt(totals[i]), d);
        expect(sharePercent(parts[i], totals[i], d), `${parts[i]} / ${totals[i]} (${d})`).toBe(expected);
      }
    }
    expect(sharePercent(MAX, 1, 20)).toBe(reference(BigInt(MAX), 1n, 20));
    expect(sharePercent(1, MAX, 20)).toBe(reference(1n, BigInt(MAX), 20));
    expect(sharePercent(-1, 3, 0)).toBe('-33');
    expect(sharePercent(-1, 300, 0)).toBe('0'); // −0.33: no '-0'
    expect(sharePercent(-1, 3, 2)).toBe('-33.33');
    expect(sharePercent(-1, 1_000_000, 1)).toBe('0.0');
  });

  it('changePercentAbs equals |changeRatio| rounded, never signed', () => {
    const cs = values(5_000, 13);
    const ps = values(5_000, 17);
    for (let i = 0; i < cs.length; i++) {
      for (const d of [0, 1, 2]) {
        const ratio = changeRatio(cs[i], ps[i]);
        expect(changePercentAbs(cs[i], ps[i], d), `${cs[i]} / ${ps[i]}`).toBe(ratio === null ? null : formatPercent(ratio.abs(), d));
        expect(changePercentAbs(cs[i], ps[i], d)).toBe(absRef(cs[i], ps[i], d));
      }
    }
    expect(changePercentAbs(-MAX, MAX, 1)).toBe('200.0');
  });
});

describe('amount text without a regexp', () => {
  it('groups thousands as the look-ahead regexp did, every length', () => {
    let digits = '';
    for (let n = 1; n <= 16; n++) {
      digits += String(n % 10);
      const v = Number(digits);
      expect(formatCount(v)).toBe(regexGroup(digits.replace(/^0+(?=\d)/, '')));
      expect(formatCount(-v)).toBe(`-${regexGroup(String(v))}`);
    }
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1.5)).toBe('1.5');
  });

  it('formatAmount / formatAmountZero / formatProse equal the digit-string reading on seeded values', () => {
    for (const v of [...values(5_000, 19), 0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 99_999, 100_000, MAX, -MAX, MAX - 1]) {
      const digits = String(Math.abs(v)).padStart(3, '0');
      const int = regexGroup(digits.slice(0, -2));
      const frac = digits.slice(-2);
      const sign = v < 0 ? '-' : '';
      expect(formatAmountZero(v)).toBe(`${sign}${int}.${frac}`);
      expect(formatAmount(v)).toBe(v === 0 ? '' : `${sign}${int}.${frac}`);
      const prose = frac.replace(/0+$/, '');
      expect(formatProse(v)).toBe(`${sign}${int}${prose ? `.${prose}` : ''}`);
    }
  });
});
