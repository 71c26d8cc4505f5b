/**
 * CHG: the 增幅 column of 表五 (RULES §5.6, table part; the narrative's percentages are checked by
 * the narrative rules). 增幅 = round half away from zero((本年 − 上年) / 上年 × 100) at the decimals
 * shown, judged with tol_pct: within half a unit passes, within one unit is a rounding slip (warning).
 */
import Decimal from 'decimal.js';
import { changeRatio, formatChangePercentTable, formatPercent, percentTolerance } from '../money/money';
import { cellFen, cellIn, cellRef, finding, rowLabel, rowMemo, tableRule, yuan } from './helpers';
import { COL, T } from './roles';
import type { Finding, Rule } from './types';

const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s*[%％]?$/;
const DASH = /^[-—–－]+$/;

const chg01Row = rowMemo((t, row): Finding[] => {
  const cell = cellIn(row, COL.change);
  if (row.role === 'header' || !cell) return [];
  const prior = cellFen(cellIn(row, COL.prior));
  const current = cellFen(cellIn(row, COL.current));
  if (prior === null || current === null || prior === 0) return []; // zero base: CHG-02
  const expected = formatChangePercentTable(current, prior);
  const shown = cell.text.trim();
  if (shown === expected) return [];
  const exact = changeRatio(current, prior)!;
  const how = `（${yuan(current)} − ${yuan(prior)}）÷ ${yuan(prior)} = ${formatPercent(exact, 2)}%`;
  const refs = [cellRef(t.id, row.key, COL.change), cellRef(t.id, row.key, COL.prior), cellRef(t.id, row.key, COL.current)];
  const m = PERCENT.exec(shown);
  if (!m) {
    return [finding('CHG-01', 'error', `${rowLabel(t, row)} 增幅${shown ? `“${shown}”不是百分数` : '未填'}，应为 ${expected}${how}`, refs)];
  }
  const decimals = m[1].split('.')[1]?.length ?? 0;
  const tol = percentTolerance(new Decimal(m[1]), decimals, exact);
  if (tol === 'pass') return [];
  const slip = tol === 'warning';
  return [
    finding(
      'CHG-01',
      slip ? 'warning' : 'error',
      `${rowLabel(t, row)} 增幅 ${shown} 与按金额计算的结果不符${how}，应为 ${expected}${slip ? '（四舍五入有误）' : ''}`,
      refs,
    ),
  ];
});

/** CHG-01: each 增幅 recomputes from 本年 and 上年. */
export const CHG_01 = tableRule({
  id: 'CHG-01',
  severity: 'error',
  title: '表五增幅按本年、上年金额计算正确',
  tables: [T.gpb],
  checkTable: (t) => t.body.flatMap((row) => chg01Row(t, row)),
});

const chg02Row = rowMemo((t, row): Finding[] => {
  const cell = cellIn(row, COL.change);
  if (row.role === 'header' || !cell) return [];
  const prior = cellFen(cellIn(row, COL.prior));
  const current = cellFen(cellIn(row, COL.current));
  if (prior !== 0 || current === null) return [];
  const shown = cell.text.trim();
  if (current !== 0 && shown !== '' && !DASH.test(shown)) {
    return [
      finding(
        'CHG-02',
        'warning',
        `${rowLabel(t, row)} 上年预算数为 0，增幅无法计算，应留空或填“—”（说明中写“新增”），表中为“${shown}”`,
        [cellRef(t.id, row.key, COL.change), cellRef(t.id, row.key, COL.prior)],
      ),
    ];
  }
  if (current === 0 && row.key !== 'total') {
    return [
      finding('CHG-02', 'info', `${rowLabel(t, row)} 本年和上年预算数均为 0，该行可以删除`, [
        cellRef(t.id, row.key, COL.prior),
        cellRef(t.id, row.key, COL.current),
      ]),
    ];
  }
  return [];
});

/** CHG-02: zero base — no percentage when 上年 is 0; a row with neither year is superfluous (info). */
export const CHG_02 = tableRule({
  id: 'CHG-02',
  severity: 'warning',
  title: '上年为零时不列增幅',
  tables: [T.gpb],
  checkTable: (t) => t.body.flatMap((row) => chg02Row(t, row)),
});

export const CHANGE_RULES: readonly Rule[] = [CHG_01, CHG_02];
