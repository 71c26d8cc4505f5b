import { describe, expect, it } from 'vitest';
import { fenToDecimal, fenToYuanText, formatAmountZero, formatProse, MAX_FEN } from '../../shared/money/money';

// The former formatProse, by digit strings and a look-ahead regexp.
function proseByStrings(fen: number): string {
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const int = String((abs - cents) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = String(cents).padStart(2, '0').replace(/0+$/, '');
  return `${fen < 0 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

describe('prose amounts', () => {
  it('formatProse and fenToYuanText print as the digit-string formatting and decimal.js do', () => {
    let seed = 15;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const values = [0, 1, 5, 10, 50, 99, 100, 101, 110, 150, 99999, 100000, 123456789, 609565589, MAX_FEN, -MAX_FEN];
    for (let i = 0; i < 3000; i++) {
      const magnitude = 10 ** Math.floor(next() * 15);
      let v = Math.floor(next() * magnitude);
      if (i % 3 === 0) v -= v % 10;
      if (i % 5 === 0) v -= v % 100;
      values.push(i % 2 ? -v : v);
    }
    for (const v of values) {
      if (Math.abs(v) > MAX_FEN) continue;
      expect(formatProse(v)).toBe(proseByStrings(v));
      expect(fenToYuanText(v)).toBe(fenToDecimal(v).toString());
      expect(fenToYuanText(v)).toBe(formatProse(v).replaceAll(',', ''));
    }
    expect(formatProse(-150)).toBe('-1.5');
    expect(formatProse(609565589)).toBe('6,095,655.89');
    expect(fenToYuanText(340980000)).toBe('3409800');
    expect(formatAmountZero(0)).toBe('0.00');
  });
});
