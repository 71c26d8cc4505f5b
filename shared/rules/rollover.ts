/**
 * Checks for a file started by 新建年度 (shared/rollover): the year's amounts are still to be entered,
 * carried projects are still to be reviewed. New ids in the catalogue style (RULES §5.1).
 */
import { formatYuan, sumFen } from '../money/money';
import type { CellRef, Finding, Rule, RuleContext } from './types';

/** STR-11: every current-year amount is empty while last year's amounts exist. */
export const STR_11: Rule = {
  id: 'STR-11',
  severity: 'error',
  title: '本年预算数尚未录入',
  deps: { inputs: ['functionLines', 'carryForward', 'econLines', 'threePublic', 'meta'] },
  check(ctx: RuleContext): Finding[] {
    const { budget } = ctx;
    const lines = budget.functionLines;
    const current = sumFen(lines.map((l) => l.current)) + sumFen(Object.values(budget.carryForward));
    const prior = sumFen(lines.map((l) => l.prior));
    if (current !== 0 || prior === 0) return [];
    const year = budget.meta.year;
    const cells: CellRef[] = [
      { table: 't5', row: 'total', column: 'current' },
      ...[...new Set(lines.filter((l) => l.prior !== 0).map((l) => l.code))].sort().map((code) => ({ table: 't5', row: code, column: 'current' })),
    ];
    const econEmpty = budget.econLines.length > 0 && budget.econLines.every((l) => l.amount === 0);
    const tp = budget.threePublic;
    const tpEmpty = Object.values(tp.current).every((v) => v === 0) && Object.values(tp.prior).some((v) => v !== 0);
    const also = [econEmpty ? '经济分类金额（表六至表九）' : '', tpEmpty ? '“三公”经费本年数（表十）' : ''].filter(Boolean);
    return [
      {
        id: 'STR-11',
        severity: 'error',
        message:
          `${year}年预算数尚未录入：所有功能科目的本年金额均为空，只有${year - 1}年预算数（合计 ${formatYuan(prior)}，` +
          `${cells.length - 1} 个科目）。请在表五录入${year}年的基本支出和项目支出` +
          (also.length ? `，并录入${also.join('、')}` : '') +
          '。在录入之前，其他校验结果没有意义',
        cells,
      },
    ];
  },
};

/** STR-12: projects carried from last year (needsReview) still to be reviewed. */
export const STR_12: Rule = {
  id: 'STR-12',
  severity: 'info',
  title: '结转项目待复核',
  deps: { inputs: ['projects'] },
  check(ctx: RuleContext): Finding[] {
    const pending = ctx.budget.projects.filter((p) => p.needsReview);
    if (pending.length === 0) return [];
    const names = pending.slice(0, 5).map((p) => `“${p.name}”`).join('、');
    return [
      {
        id: 'STR-12',
        severity: 'info',
        message:
          `${pending.length} 个项目由上年结转或从工作簿推定，尚待复核（金额、绩效指标、所属功能科目）：${names}` +
          (pending.length > 5 ? ` 等` : ''),
        cells: pending.map((p) => ({ table: 't13', row: p.id, column: 'projectName' })),
      },
    ];
  },
};

export const ROLLOVER_RULES: readonly Rule[] = [STR_11, STR_12];
