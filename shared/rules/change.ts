/**
 * CHG: the 增幅 column of the 一般公共预算 table (RULES §5.6, table part; the narrative's percentages are checked by
 * the narrative rules). 增幅 = round half away from zero((本年 − 上年) / 上年 × 100) at the decimals
 * shown, judged with tol_pct: within half a unit passes, within one unit is a rounding slip (warning).
 */
import Decimal from 'decimal.js';
import { NONE } from '../arrays';
import { changeRatio, formatChangePercentTable, formatPercent, percentTolerance } from '../money/money';
import { cellFen, cellIn, rowLabel } from '../tables/lookup';
import { cellRef } from './amounts';
import { defineRule } from './define';
import type { DerivedTable, Row } from '../tables/types';
import { yuan, type Draft } from './findings';
import { COL, reads } from './roles';

const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s*[%％]?$/;
const DASH = /^[-—–－]+$/;

const chg01Row = (t: DerivedTable, row: Row): readonly Draft[] => {
  const cell = cellIn(row, COL.change);
  if (row.role === 'header' || !cell) return NONE;
  const prior = cellFen(cellIn(row, COL.prior));
  const current = cellFen(cellIn(row, COL.current));
  if (prior === null || current === null || prior === 0) return NONE; // zero base: CHG-02
  const expected = formatChangePercentTable(current, prior);
  const shown = cell.text.trim();
  if (shown === expected) return NONE;
  const exact = changeRatio(current, prior)!;
  const how = `（${yuan(current)} − ${yuan(prior)}）÷ ${yuan(prior)} = ${formatPercent(exact, 2)}%`;
  const refs = [cellRef(t.id, row.key, COL.change), cellRef(t.id, row.key, COL.prior), cellRef(t.id, row.key, COL.current)];
  const m = PERCENT.exec(shown);
  if (!m) {
    return [{ message: `${rowLabel(t, row)} 增幅${shown ? `“${shown}”不是百分数` : '未填'}，应为 ${expected}${how}`, cells: refs }];
  }
  const decimals = m[1].split('.')[1]?.length ?? 0;
  const tol = percentTolerance(new Decimal(m[1]), decimals, exact);
  if (tol === 'pass') return NONE;
  const slip = tol === 'warning';
  return [
    {
      severity: slip ? 'warning' : 'error',
      message: `${rowLabel(t, row)} 增幅 ${shown} 与按金额计算的结果不符${how}，应为 ${expected}${slip ? '（四舍五入有误）' : ''}`,
      cells: refs,
    },
  ];
};

const CHANGE_READS = [COL.change, COL.prior, COL.current].map((c) => reads.column('gpb', c));

/** CHG-01: each 增幅 recomputes from 本年 and 上年. */
export const CHG_01 = defineRule({
  id: 'CHG-01',
  severity: 'error',
  title: '一般公共预算财政拨款支出表增幅按本年、上年金额计算正确',
  each: ['gpb'],
  reads: CHANGE_READS,
  checkRow: chg01Row,
});

const chg02Row = (t: DerivedTable, row: Row): readonly Draft[] => {
  const cell = cellIn(row, COL.change);
  if (row.role === 'header' || !cell) return NONE;
  const prior = cellFen(cellIn(row, COL.prior));
  const current = cellFen(cellIn(row, COL.current));
  if (prior !== 0 || current === null) return NONE;
  const shown = cell.text.trim();
  if (current !== 0 && shown !== '' && !DASH.test(shown)) {
    return [
      {
        message: `${rowLabel(t, row)} 上年预算数为 0，增幅无法计算，应留空或填“—”（说明中写“新增”），表中为“${shown}”`,
        cells: [cellRef(t.id, row.key, COL.change), cellRef(t.id, row.key, COL.prior)],
      },
    ];
  }
  if (current === 0 && row.key !== 'total') {
    return [
      {
        severity: 'info',
        message: `${rowLabel(t, row)} 本年和上年预算数均为 0，该行可以删除`,
        cells: [cellRef(t.id, row.key, COL.prior), cellRef(t.id, row.key, COL.current)],
      },
    ];
  }
  return NONE;
};

/** CHG-02: zero base — no percentage when 上年 is 0; a row with neither year is superfluous (info). */
export const CHG_02 = defineRule({
  id: 'CHG-02',
  severity: 'warning',
  title: '上年为零时不列增幅',
  each: ['gpb'],
  reads: CHANGE_READS,
  checkRow: chg02Row,
});

export const CHANGE_RULES = [CHG_01, CHG_02];
