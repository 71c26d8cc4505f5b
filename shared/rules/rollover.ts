/**
 * Checks for a file started by 新建年度 (shared/rollover): the year's amounts are still to be entered,
 * carried projects are still to be reviewed. New ids in the catalogue style (RULES §5.1).
 */
import { formatYuan, sumFen } from '../money/money';
import { cellRef } from './amounts';
import { defineRule } from './define';
import { COL, ECON_TREES, reads, roleId, tableNos } from './roles';
import type { CellRef } from './types';

/** STR-11: every current-year amount is empty while last year's amounts exist. */
export const STR_11 = defineRule({
  id: 'STR-11',
  severity: 'error',
  title: '本年预算数尚未录入',
  inputs: ['functionLines', 'carryForward', 'econLines', 'threePublic', 'meta'],
  reads: [reads.column('gpb', COL.current)],
  check(ctx, emit) {
    const { budget } = ctx;
    const lines = budget.functionLines;
    const current = sumFen(lines.map((l) => l.current)) + sumFen(Object.values(budget.carryForward));
    const prior = sumFen(lines.map((l) => l.prior));
    if (current !== 0 || prior === 0) return;
    const year = budget.meta.year;
    const n = tableNos(ctx);
    const gpb = roleId(ctx, 'gpb')!;
    const cells: CellRef[] = [
      cellRef(gpb, 'total', COL.current),
      ...[...new Set(lines.filter((l) => l.prior !== 0).map((l) => l.code))].sort().map((code) => cellRef(gpb, code, COL.current)),
    ];
    const econTables = ECON_TREES.filter((r) => roleId(ctx, r)).map((r) => n[r]);
    const econWhere = econTables.length > 1 ? `${econTables[0]}至${econTables[econTables.length - 1]}` : econTables.join('');
    const econEmpty = budget.econLines.length > 0 && budget.econLines.every((l) => l.amount === 0);
    const tp = budget.threePublic;
    const tpEmpty = Object.values(tp.current).every((v) => v === 0) && Object.values(tp.prior).some((v) => v !== 0);
    const also = [econEmpty ? `经济分类金额（${econWhere}）` : '', tpEmpty ? `“三公”经费本年数（${n.threePublic}）` : ''].filter(Boolean);
    emit.report(
      `${year}年预算数尚未录入：所有功能科目的本年金额均为空，只有${year - 1}年预算数（合计 ${formatYuan(prior)}，` +
        `${cells.length - 1} 个科目）。请在${n.gpb}录入${year}年的基本支出和项目支出` +
        (also.length ? `，并录入${also.join('、')}` : '') +
        '。在录入之前，其他校验结果没有意义',
      cells,
    );
  },
});

/** STR-12: projects carried from last year (needsReview) still to be reviewed. */
export const STR_12 = defineRule({
  id: 'STR-12',
  severity: 'info',
  title: '结转项目待复核',
  inputs: ['projects'],
  check(ctx, emit) {
    const pending = ctx.budget.projects.filter((p) => p.needsReview);
    if (pending.length === 0) return;
    const names = pending.slice(0, 5).map((p) => `“${p.name}”`).join('、');
    // The project list shows them; a set without one still reports them, by name.
    const list = roleId(ctx, 'projects');
    emit.report(
      `${pending.length} 个项目由上年结转或从工作簿推定，尚待复核（金额、绩效指标、所属功能科目）：${names}` + (pending.length > 5 ? ` 等` : ''),
      list ? pending.map((p) => cellRef(list, p.id, COL.projectName)) : [],
    );
  },
});

export const ROLLOVER_RULES = [STR_11, STR_12];
