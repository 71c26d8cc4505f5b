/**
 * The closed lists and suggestions of input cells, as data: 指标性质 takes only ≥ ≤ = > < 定性,
 * 是否核心指标 only 是/否; 计量单位 is free text with common units offered. The editor offers them,
 * applyEdit refuses anything outside a closed list (typed, pasted or imported alike).
 */
import type { InputRef } from '../tables/types';
import type { IndicatorNature } from './types';

const INDICATOR_NATURES: readonly IndicatorNature[] = ['≥', '≤', '=', '>', '<', '定性'];
const UNIT_SUGGESTIONS = ['%', '个', '项', '次', '人', '人次', '家', '台', '套', '件', '份', '天', '小时', '万元', '元', '平方米', '公里', 'GB', 'TB'];

export interface Choices {
  /** The printed column heading, for messages. */
  heading: string;
  values: readonly string[];
  /** A closed list: nothing else is accepted (an empty value clears the cell). */
  closed: boolean;
}

export const NATURE_CHOICES: Choices = { heading: '指标性质', values: INDICATOR_NATURES, closed: true };
const CORE_CHOICES: Choices = { heading: '是否核心指标', values: ['是', '否'], closed: true };
const UNIT_CHOICES: Choices = { heading: '计量单位', values: UNIT_SUGGESTIONS, closed: false };

export function choicesFor(ref: InputRef): Choices | null {
  if (ref.t !== 'indicator') return null;
  return ref.field === 'nature' ? NATURE_CHOICES : ref.field === 'core' ? CORE_CHOICES : ref.field === 'unit' ? UNIT_CHOICES : null;
}

/** Why a value is outside a closed list ('' when it is allowed). */
export function choiceRefusal(choices: Choices, value: string): string {
  if (!choices.closed || value === '' || choices.values.includes(value)) return '';
  return `“${choices.heading}”只能填 ${choices.values.join('、')} 之一，不能填“${value}”`;
}
