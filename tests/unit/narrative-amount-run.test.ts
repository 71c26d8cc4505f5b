import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatProse } from '../../shared/money/money';
import { amountRun } from '../../shared/narrative/template';

describe('amountRun', () => {
  it('shows formatProse + 元 and carries fenToYuanText as its value', () => {
    const fens = [0, 1, 9, 10, 99, 100, 101, 99999, 100000, 123456789, 100000000000, -1, -100000, -123456789012];
    for (const fen of fens) {
      expect(amountRun(fen, 'x')).toEqual({ t: 'figure', text: `${formatProse(fen)}元`, figure: { kind: 'amount', value: fenToYuanText(fen), source: 'x' } });
    }
  });
});
