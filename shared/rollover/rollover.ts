/**
 * 新建年度: start year Y+1 from the file of year Y (DESIGN §1 step 1). Pure: the last year's Budget in,
 * a new Budget out, nothing shared between the two.
 *
 * What is carried and what is not:
 * - structure: department, units, codes (function lines with this year's money, economic lines),
 *   projects and their indicators (flagged needsReview), department performance, free texts, name
 *   overrides, assets held (the officer updates the counts);
 * - Y's amounts become Y+1's last-year figures: function lines' prior (表五 上年预算数), 三公 prior
 *   (表十 上年), 机关运行经费 上年 (computed from Y's 表七);
 * - this year's amounts are empty (0); reasons, a hand-edited narrative, dates, planned purchases and
 *   结转下年 are cleared.
 * - procurement lines are NOT carried: 表十四 is a plan for one year, has no 上年 column and no
 *   narrative comparison, and a carried line with zero amounts would print as an empty row of a
 *   published table (and suppress its 空表 note). The summary says how many were dropped.
 */
import { sumFen, formatYuan, type Fen } from '../money/money';
import type { Budget, FunctionLine, EconLine, Project, SourceKey } from '../model/types';
import { emptyVehicles } from '../model/budget';
import { TEMPLATE_SETS } from '../tables/registry';
import { operatingCostOf, threePublicTotal } from '../tables/derive';

/** 机关运行经费 classes when the file's template is unknown: 502 机关商品和服务支出 (DESIGN §2). */
const DEFAULT_OPERATING_COST_CLASSES: readonly string[] = ['502'];

/** Texts that belong to one year only: reasons (主要原因是……) and a hand-edited narrative. */
export function isYearBoundText(key: string): boolean {
  return key.startsWith('reason:') || key === 'narrative:edited';
}

function operatingCostClasses(templateId: string): readonly string[] {
  return TEMPLATE_SETS.find((t) => t.profile.id === templateId)?.profile.operatingCostClasses ?? DEFAULT_OPERATING_COST_CLASSES;
}

/** 机关运行经费: 表七 (government scheme, basic) amounts of the profile's classes (502). */
export function operatingCost(budget: Budget, classes: readonly string[] = operatingCostClasses(budget.meta.templateId)): Fen {
  return operatingCostOf(budget, classes);
}

function rollFunctionLines(lines: readonly FunctionLine[]): FunctionLine[] {
  // One line per code×kind×source (a file should have no duplicates; if it has, their money adds up).
  const byKey = new Map<string, FunctionLine>();
  for (const l of lines) {
    if (l.current === 0) continue; // only last year's prior money: nothing to compare against next year
    const key = `${l.code}|${l.kind}|${l.source}`;
    const seen = byKey.get(key);
    if (seen) seen.prior = seen.prior + l.current;
    else byKey.set(key, { code: l.code, kind: l.kind, source: l.source, current: 0, prior: l.current });
  }
  return [...byKey.values()];
}

function rollEconLines(lines: readonly EconLine[]): EconLine[] {
  const seen = new Set<string>();
  const out: EconLine[] = [];
  for (const l of lines) {
    const key = `${l.scheme}|${l.kind}|${l.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ scheme: l.scheme, kind: l.kind, code: l.code, amount: 0 });
  }
  return out;
}

function rollProject(p: Project): Project {
  const amounts: Partial<Record<SourceKey, Fen>> = {};
  for (const source of Object.keys(p.amounts) as SourceKey[]) amounts[source] = 0; // which funds pay for it: kept
  return {
    ...p,
    amounts,
    district: 0,
    town: 0,
    indicators: p.indicators.map((i) => ({ ...i })),
    needsReview: true,
  };
}

/** The new year's file. Pure: `last` is not changed and shares no object with the result. */
export function rolloverBudget(last: Budget): Budget {
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(last.texts)) if (!isYearBoundText(k)) texts[k] = v;
  return {
    meta: { ...last.meta, year: last.meta.year + 1, approvalDate: '', publishDate: '' },
    units: last.units.map((u) => ({ ...u })),
    functionLines: rollFunctionLines(last.functionLines),
    econLines: rollEconLines(last.econLines),
    threePublic: {
      current: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 },
      prior: { ...last.threePublic.current },
    },
    projects: last.projects.map(rollProject),
    procurement: [],
    performance: { goal: last.performance.goal, indicators: last.performance.indicators.map((i) => ({ ...i })) },
    assets: {
      vehiclesHeld: { ...last.assets.vehiclesHeld },
      equipmentHeld: last.assets.equipmentHeld,
      vehiclesPlanned: emptyVehicles(),
      equipmentPlanned: 0,
    },
    texts,
    priorOperatingCost: operatingCost(last),
    carryForward: {},
    nameOverrides: { ...last.nameOverrides },
  };
}

export interface RolloverSummary {
  budget: Budget;
  /** Chinese lines for the CLI and the 新建年度 dialog. */
  lines: string[];
}

/** rolloverBudget plus what happened, in the officer's words. */
export function rolloverWithSummary(last: Budget): RolloverSummary {
  const budget = rolloverBudget(last);
  const y = last.meta.year;
  const ny = budget.meta.year;
  const dropped = last.functionLines.filter((l) => l.current === 0 && l.prior !== 0).length;
  const reasons = Object.keys(last.texts).filter(isYearBoundText).length;
  const priorTotal = sumFen(budget.functionLines.map((l) => l.prior));
  const tp = budget.threePublic.prior;
  const lines = [
    `新建 ${ny} 年度：${budget.meta.department}（由 ${y} 年度文件结转）`,
    `单位 ${budget.units.length} 个；功能科目明细 ${budget.functionLines.length} 行，${y} 年预算数（合计 ${formatYuan(priorTotal)}）已转为 ${ny} 年的“上年预算数”` +
      (dropped ? `；${dropped} 行仅有上年数，未结转` : ''),
    `经济分类科目 ${budget.econLines.length} 行（保留科目，金额待填）`,
    `“三公”经费 ${y} 年预算数 ${formatYuan(threePublicTotal(tp))}已转为上年数`,
    `机关运行经费 ${y} 年 ${formatYuan(budget.priorOperatingCost ?? 0)}已转为上年数`,
    `项目 ${budget.projects.length} 个及其绩效指标已结转，均标记为待复核，金额待填`,
    ...(last.procurement.length ? [`政府采购预算 ${last.procurement.length} 行未结转（采购预算逐年编制）`] : []),
    `说明文字已保留${reasons ? `，上年的原因说明 ${reasons} 条已清除` : ''}；批复、公开日期已清空`,
    `下一步：录入 ${ny} 年预算数，复核项目和绩效指标，填写增减原因`,
  ];
  const stale = Object.entries(budget.texts).filter(([, v]) => v.includes(`${y}年`)).map(([k]) => k);
  if (budget.performance.goal.includes(`${y}年`)) stale.push('整体绩效目标');
  if (stale.length) lines.push(`以下文字仍提到“${y}年”，请复核：${stale.join('、')}`);
  return { budget, lines };
}
