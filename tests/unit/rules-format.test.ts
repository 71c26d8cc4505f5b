import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../shared/money/money';
import { printsAmount } from '../../shared/rules/format';

describe('printsAmount (FMT-01/FMT-02 fast path)', () => {
  it('is true exactly when the text is formatAmount(fen)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const fens = [0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 123456, 99999999, 100000000, 123456789, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 3000; i++) fens.push(next() % 10 ** (1 + (i % 15)));
    for (const fen of fens) {
      const text = formatAmount(fen);
      expect(printsAmount(text, fen)).toBe(true);
      for (const other of [fen + 1, fen - 1, fen * 10, Math.floor(fen / 10)]) {
        if (other >= 0 && other !== fen) expect(printsAmount(text, other)).toBe(false);
      }
      for (const variant of [text.replace(/,/g, ''), ` ${text}`, `${text}0`, `0${text}`, text.slice(1), `-${text}`, text.replace('.', ',')]) {
        if (variant !== text) expect(printsAmount(variant, fen)).toBe(false);
      }
    }
  });
  it('is false for negative, fractional and unsafe values', () => {
    expect(printsAmount('-1.00', -100)).toBe(false);
    expect(printsAmount('0.00', 0)).toBe(false);
    expect(printsAmount('1.005', 100.5)).toBe(false);
    expect(printsAmount('', 0)).toBe(true);
  });
});
