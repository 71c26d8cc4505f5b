/**
 * The closed lists and suggestions of input cells, as data: 指标性质 takes only ≥ ≤ = > < 定性,
 * 是否核心指标 only 是/否; 计量单位 is free text with common units offered. The editor offers them,
 * applyEdit refuses anything outside a closed list (typed, pasted or imported alike).
 */
import type { InputRef } from '../tables/types';
import type { IndicatorNature } from './types';

export const INDICATOR_NATURES: readonly IndicatorNature[] = ['≥', '≤', '=', '>', '<', '定性'];
export const CORE_CHOICES = ['是', '否'] as const;
export const UNIT_SUGGESTIONS = ['%', '个', '项', '次', '人', '人次', '家', '台', '套', '件', '份', '天', '小时', '万元', '元', '平方米', '公里', 'GB', 'TB', '定性'];

export interface Choices {
  /** The printed column heading, for messages. */
  heading: string;
  values: readonly string[];
  /** A closed list: nothing else is accepted (an empty value clears the cell). */
  closed: boolean;
}

const NATURE: Choices = { heading: '指标性质', values: INDICATOR_NATURES, closed: true };
const CORE: Choices = { heading: '是否核心指标', values: CORE_CHOICES, closed: true };
const UNIT: Choices = { heading: '计量单位', values: UNIT_SUGGESTIONS, closed: false };

export function choicesFor(ref: InputRef): Choices | null {
  if (ref.t !== 'indicator') return null;
  return ref.field === 'nature' ? NATURE : ref.field === 'core' ? CORE : ref.field === 'unit' ? UNIT : null;
}

/** Why a value is outside a closed list ('' when it is allowed). */
export function choiceRefusal(choices: Choices, value: string): string {
  if (!choices.closed || value === '' || choices.values.includes(value)) return '';
  return `“${choices.heading}”只能填 ${choices.values.join('、')} 之一，不能填“${value}”`;
}
