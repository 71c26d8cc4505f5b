/**
 * The keys under which the narrative's officer-written inputs live in `budget.texts`.
 *
 * The data gives every figure; what it cannot give is kept as text, one key per input:
 *
 * | key                                  | what                                                        |
 * | ------------------------------------ | ----------------------------------------------------------- |
 * | `functions`                          | 一（一）职能职责 (free text; one paragraph per line)          |
 * | `composition`                        | 一（二）单位构成 (free text; states 下属单位 N个, STR-10)      |
 * | `contactName`, `contactPhone`        | 七、联系方式                                                 |
 * | `glossaryExtra`                      | extra 名词解释 lines appended after the standard ones        |
 * | `uses:project`                       | 项目支出 "主要用于……"                                        |
 * | `reason:income`                      | why 收入 changed against last year                           |
 * | `reason:expenditure`                 | optional: why 支出 changed (default: the 基本/项目 breakdown) |
 * | `reason:basic`, `reason:project`     | why 基本支出 / 项目支出 changed                               |
 * | `reason:function:<7-digit code>`     | why a 项 of 表五 changed (e.g. `reason:function:2150517`)     |
 * | `reason:threePublic:<item>`          | why a "三公" item changed; item ∈ abroad, vehiclePurchase,   |
 * |                                      | vehicleOperation, reception                                 |
 * | `reason:threePublic:total`           | optional: why the "三公" total changed                        |
 * | `reason:operatingCost`               | why 机关运行经费 changed                                      |
 * | `evaluation:key:count` / `:amount`   | 纳入重点绩效评价的项目 (count, amount in 元); optional        |
 * | `evaluation:general:count`/`:amount` | 纳入一般绩效目标评价的项目; optional                          |
 * | `narrative:edited`                   | a hand-edited (or pasted) narrative: kept and checked,       |
 * |                                      | never regenerated over                                       |
 *
 * A reason is needed exactly when the generated sentence states an increase or a decrease (not for
 * 持平). A missing one prints `【请填写原因】` and raises NT-08. A reason is written without the
 * lead-in: the generator adds "主要原因是"; a typed "主要原因是……" or trailing "。" is tolerated.
 */
import type { ThreePublicItem } from '../model/types';

export const EDITED_KEY = 'narrative:edited';
export const REASON_PLACEHOLDER = '【请填写原因】';

export const reasonKey = {
  income: 'reason:income',
  expenditure: 'reason:expenditure',
  basic: 'reason:basic',
  project: 'reason:project',
  operatingCost: 'reason:operatingCost',
  threePublicTotal: 'reason:threePublic:total',
  fn: (code: string) => `reason:function:${code}`,
  threePublic: (item: ThreePublicItem) => `reason:threePublic:${item}`,
} as const;

export const textKey = {
  functions: 'functions',
  composition: 'composition',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  glossaryExtra: 'glossaryExtra',
  usesProject: 'uses:project',
  evaluation: (kind: 'key' | 'general', what: 'count' | 'amount') => `evaluation:${kind}:${what}`,
} as const;

/** A reason as typed, without the lead-in the generator adds and without final punctuation. */
export function cleanReason(text: string | undefined): string {
  if (!text) return '';
  return text
    .trim()
    .replace(/^(?:主要原因是|主要原因为|原因是|主要是)[：:，,]?/, '')
    .replace(/[。；;，,\s]+$/, '')
    .trim();
}
