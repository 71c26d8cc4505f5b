/**
 * FMT: how amounts and percentages are printed (RULES §5.8). FMT-04 (names compared after
 * normalising brackets, spaces and aliases) is not a finding: GRN-03/GRN-04 compare that way.
 */
import { NONE } from '../arrays';
import { formatAmount, parseAmount } from '../money/money';
import { columnLabel, rowLabel } from '../tables/lookup';
import { cellRef } from './amounts';
import { ODD_MONEY, PERCENT, printsAmount, tableFlags } from './cells';
import { defineRule } from './define';
import type { Draft } from './findings';
import type { CellRef } from './types';
import type { DerivedTable, Row } from '../tables/types';

const where = (t: Parameters<typeof rowLabel>[0], row: Parameters<typeof rowLabel>[1], col: string) => {
  const c = columnLabel(t, col);
  return c ? `${rowLabel(t, row)}（${c}）` : rowLabel(t, row);
};


export { printsAmount };

const fmt01Row = (t: DerivedTable, row: Row, at: number): readonly Draft[] => {
  if (!(tableFlags(t).rows[at] & ODD_MONEY)) return NONE; // every amount prints as derived
  let out: Draft[] | undefined; // most rows have nothing to report
  for (const c of row.cells) {
    if (c.kind !== 'money' || c.covered) continue;
    if (c.fen !== undefined && printsAmount(c.text, c.fen)) continue; // as derived
    const r = parseAmount(c.text, { allowNegative: true });
    const ref = [cellRef(t.id, row.key, c.col)];
    out ??= [];
    if (!r.ok) {
      out.push({ message: `${where(t, row, c.col)} “${c.text}”不是有效金额：${r.reason}`, cells: ref });
    } else if (r.fen < 0 || (c.fen ?? 0) < 0) {
      out.push({ message: `${where(t, row, c.col)} 为负数 ${c.text || c.fen}：预算金额不能为负`, cells: ref });
    } else if (c.fen !== undefined && r.fen !== c.fen) {
      out.push({ message: `${where(t, row, c.col)} 显示为“${c.text}”，与其数值 ${formatAmount(c.fen) || '0'} 不符`, cells: ref });
    }
  }
  return out ?? NONE;
};

/** FMT-01: every amount cell is a number (3-digit groups, ≤ 2 decimals), not negative, and shows its value. */
export const FMT_01 = defineRule({
  id: 'FMT-01',
  severity: 'error',
  title: '金额格式正确且不为负数',
  each: 'all',
  checkRow: fmt01Row,
  skips: (t) => !(tableFlags(t).body & ODD_MONEY),
});

const TWO_DECIMALS = /^-?[\d,]+\.\d{2}$/;

/** Amount cells of a row not printed with two decimals. */
const oddDecimals = (t: DerivedTable, row: Row, at: number): readonly { ref: CellRef; text: string }[] => {
  if (!(tableFlags(t).rows[at] & ODD_MONEY)) return NONE;
  let out: { ref: CellRef; text: string }[] | undefined;
  for (const c of row.cells) {
    if (c.kind !== 'money' || c.covered) continue;
    if (c.fen !== undefined && printsAmount(c.text, c.fen)) continue; // empty, or two decimals
    if (!c.text.trim() || TWO_DECIMALS.test(c.text.trim())) continue;
    (out ??= []).push({ ref: cellRef(t.id, row.key, c.col), text: c.text });
  }
  return out ?? NONE;
};

/** FMT-02: in a 元 table every amount shows exactly two decimals (mixed styles are untidy). */
export const FMT_02 = defineRule({
  id: 'FMT-02',
  severity: 'info',
  title: '金额小数位统一',
  each: 'all',
  rowParts: oddDecimals,
  skips: (t) => !(tableFlags(t).body & ODD_MONEY),
  summarise(t, ctx, odd, emit) {
    if (!t.lines.some((l) => /单位[:：]\s*元\s*$/.test(l)) && ctx.profile.unit !== '元') return;
    if (odd.length === 0) return;
    const samples = odd.slice(0, 3).map((o) => `“${o.text}”`);
    emit.report(`${t.no}有 ${odd.length} 个金额不是两位小数（如 ${samples.join('、')}），元表金额应统一保留两位小数`, odd.map((o) => o.ref));
  },
});

const fmt03Row = (t: DerivedTable, row: Row, at: number): readonly Draft[] => {
  if (!(tableFlags(t).rows[at] & PERCENT)) return NONE;
  let out: Draft[] | undefined;
  for (const c of row.cells) {
    if (c.kind !== 'percent' || c.covered) continue;
    const s = c.text.trim();
    if (!s || /^[-—–－]+$/.test(s) || /[%％]$/.test(s)) continue;
    (out ??= []).push({ message: `${where(t, row, c.col)} “${s}”缺少百分号`, cells: [cellRef(t.id, row.key, c.col)] });
  }
  return out ?? NONE;
};

/** FMT-03: a percentage carries % (or ％). */
export const FMT_03 = defineRule({
  id: 'FMT-03',
  severity: 'warning',
  title: '百分数带百分号',
  each: 'all',
  checkRow: fmt03Row,
  skips: (t) => !(tableFlags(t).body & PERCENT),
});

export const FORMAT_RULES = [FMT_01, FMT_02, FMT_03];
