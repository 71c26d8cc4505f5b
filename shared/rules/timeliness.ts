/**
 * TIM: timeliness and the budget year (RULES §5.9). TIM-01 needs two dates the officer enters
 * (批复日期, 公开日期: meta.approvalDate / meta.publishDate); without them it is 无法核验, and
 * says the deadline when one of them is known.
 */
import { cellRef } from './amounts';
import { defineRule } from './define';
import type { CellRef } from './types';

/** Days allowed between 批复 and 公开 (预算法 第十四条: 批复后二十日内, calendar days). */
export const PUBLISH_DAYS = 20;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a 'YYYY-MM-DD' date (UTC), or null when it is not a real date. */
export function dayNumber(s: string): number | null {
  const m = DATE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

export function dateText(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** TIM-01: 公开日期 ≤ 批复日期 + 20 calendar days. */
export const TIM_01 = defineRule({
  id: 'TIM-01',
  severity: 'error',
  title: '批复后二十日内公开',
  inputs: ['meta'],
  check(ctx, emit) {
    const { approvalDate, publishDate } = ctx.budget.meta;
    const approval = approvalDate ? dayNumber(approvalDate) : null;
    const publish = publishDate ? dayNumber(publishDate) : null;
    const bad: string[] = [];
    if (approvalDate && approval === null) bad.push(`批复日期“${approvalDate}”不是有效日期`);
    if (publishDate && publish === null) bad.push(`公开日期“${publishDate}”不是有效日期`);
    if (bad.length) return emit.report(`${bad.join('，')}，无法核验是否在批复后${PUBLISH_DAYS}日内公开`, [], 'unverifiable');
    if (approval === null && publish === null) {
      return emit.report(`未填写批复日期和公开日期，无法核验是否在批复后${PUBLISH_DAYS}日内公开（预算法第十四条）`, [], 'unverifiable');
    }
    if (publish === null) {
      return emit.report(`未填写公开日期，无法核验：批复日期为${dateText(approval!)}，应在${dateText(approval! + PUBLISH_DAYS)}（含）前公开`, [], 'unverifiable');
    }
    if (approval === null) {
      return emit.report(`未填写批复日期，无法核验：按公开日期${dateText(publish)}，批复日期不得早于${dateText(publish - PUBLISH_DAYS)}`, [], 'unverifiable');
    }
    const days = publish - approval;
    if (days < 0) {
      return emit.report(`公开日期${dateText(publish)}早于批复日期${dateText(approval)}，请核对两个日期`, [], 'warning');
    }
    if (days > PUBLISH_DAYS) {
      return emit.report(`批复日期${dateText(approval)}，公开日期${dateText(publish)}，相隔 ${days} 天，超过批复后${PUBLISH_DAYS}日内公开的期限（应在${dateText(approval + PUBLISH_DAYS)}前公开）`, [], 'error');
    }
  },
});

const YEAR = /(\d{4})\s*年/g;

/** TIM-02: every year in titles and headers is the budget year or (for comparisons) the year before. */
export const TIM_02 = defineRule({
  id: 'TIM-02',
  severity: 'error',
  title: '表格标题和表头的年度与预算年度一致',
  inputs: ['meta'],
  each: 'all',
  checkTable(t, ctx, emit) {
    const year = ctx.budget.meta.year;
    const titleYears = t.title.includes('年') ? [...t.title.matchAll(YEAR)].map((m) => Number(m[1])) : [];
    if (titleYears.length === 0) emit.report(`${t.no}标题“${t.title}”没有写明预算年度${year}年`, []);
    for (const y of titleYears) {
      if (y !== year) emit.report(`${t.no}标题“${t.title}”中的${y}年与预算年度${year}年不一致`, []);
    }
    const cells: CellRef[] = [];
    const wrong = new Set<number>();
    for (const row of t.header) {
      for (const c of row.cells) {
        if (!c.text.includes('年')) continue; // no year in it (most header cells): no regex run
        for (const m of c.text.matchAll(YEAR)) {
          const y = Number(m[1]);
          if (y !== year && y !== year - 1) {
            wrong.add(y);
            cells.push(cellRef(t.id, row.key, c.col));
          }
        }
      }
    }
    if (wrong.size) {
      emit.report(`${t.no}表头中的${[...wrong].join('、')}年既不是预算年度${year}年，也不是比较年度${year - 1}年`, cells);
    }
  },
});

export const TIMELINESS_RULES = [TIM_01, TIM_02];
