/**
 * Last year's 情况说明 as a starting point: the texts the tables cannot give — 职能职责, 单位构成,
 * 联系方式, the 名词解释 beyond the standard ones — and two figures the new year needs from last
 * year: its 机关运行经费 (this year's 上年数) and the vehicles and equipment held (the officer updates
 * them, as rollover does). Reasons are not carried: they change every year.
 *
 * A figure is carried only as written and only when it is exact: 机关运行经费 in 元 (a 万元 figure
 * is rounded, so it is listed as not carried), counts as integers. Nothing already in the budget is
 * overwritten.
 */
import { decimalToFen } from '../money/money';
import { normalizeName } from '../catalog/catalog';
import type { Budget, VehicleKind } from '../model/types';
import { VEHICLE_KINDS, VEHICLE_NAMES } from '../model/types';
import { textKey } from './keys';
import { mergeStated, readAssets, splitParagraphs, statements, type TextParagraph } from './parse';
import { statedYear } from './internal';
import { GLOSSARY } from './template';

export interface Carried {
  /** What was filled, one Chinese line each ('职能职责（9段）'). */
  filled: string[];
  /** What was not, with the reason. */
  notCarried: string[];
  /** The year the narrative is for (its title), null when it states none. */
  year: number | null;
}

const isEmpty = (s: string | undefined) => !s || s.trim() === '' || s.includes('【请填写');

/** Fills `budget` (in place) from the text of last year's narrative; see the module comment. */
export function carryFromNarrative(budget: Budget, text: string): Carried {
  const paragraphs = splitParagraphs(text);
  const year = statedYear(paragraphs);
  const out: Carried = { filled: [], notCarried: [], year };
  const byTopic = (t: TextParagraph['topic']) => paragraphs.filter((p) => p.topic === t);
  const y = budget.meta.year;
  if (year !== null && year !== y - 1 && year !== y) {
    out.notCarried.push(`情况说明是${year}年的，不是${y - 1}年（上年）或${y}年的：只填入文字部分，不填入数字`);
  }
  const numbersUsable = year === y - 1 || year === y;

  const setText = (key: string, value: string, label: string) => {
    if (value.trim() === '') return;
    if (!isEmpty(budget.texts[key])) {
      out.notCarried.push(`${label}：本文件中已有内容，未覆盖`);
      return;
    }
    budget.texts[key] = value;
    out.filled.push(label);
  };

  const lines = (t: TextParagraph['topic']) => byTopic(t).map((p) => p.raw.trim());
  const functions = lines('functions');
  setText(textKey.functions, functions.join('\n'), `职能职责（${functions.length}段）`);
  const composition = lines('composition');
  setText(textKey.composition, composition.join('\n'), `单位构成（${composition.length}段）`);
  if (functions.length === 0) out.notCarried.push('职能职责：情况说明中没有找到“职能职责”部分');
  if (composition.length === 0) out.notCarried.push('单位构成：情况说明中没有找到“单位构成”部分');

  const contact = byTopic('contact').map((p) => p.text).join('；');
  const name = /联系人[：]?(.+?)(?=联系电话|电话|[，；。]|$)/.exec(contact)?.[1];
  const phone = /电话[：]?([\d][\d\-—－（）]{5,})/.exec(contact)?.[1];
  if (name) setText(textKey.contactName, name, `联系人（${name}）`);
  if (phone) setText(textKey.contactPhone, phone, `联系电话（${phone}）`);
  if (!name && !phone) out.notCarried.push('联系方式：情况说明中没有找到联系人和联系电话');

  // 名词解释 beyond the standard ones the generator always writes.
  const standard = new Set(GLOSSARY.map((g) => normalizeName(g.term).replace(/["“”]/g, '')));
  const extra = byTopic('glossary')
    .map((p) => ({ p, term: /^(?:（[一二三四五六七八九十\d]+）|\d+[.、])?([^：]{1,20})：/.exec(p.text)?.[1] }))
    .filter((x) => x.term && !standard.has(normalizeName(x.term).replace(/["“”]/g, '')))
    .map((x) => x.p.raw.trim().replace(/^[（(][一二三四五六七八九十\d]+[）)]\s*/, ''));
  if (extra.length) setText(textKey.glossaryExtra, extra.join('\n'), `名词解释（标准条目之外的${extra.length}条）`);

  // 机关运行经费: last year's amount is this year's 上年数.
  const oc = byTopic('operatingCost')[0];
  const amount = oc ? mergeStated(statements(oc, [], 'operatingCost')).get('operatingCost')?.amount : undefined;
  if (oc && amount) {
    if (!numbersUsable || year !== y - 1) {
      if (year === y) out.notCarried.push(`机关运行经费：情况说明是${y}年的，其中的${amount.text}${amount.unit}是本年数（由表格计算），不作为上年数`);
    } else if (amount.unit !== '元' || amount.decimals > 2) {
      out.notCarried.push(`机关运行经费：上年情况说明写“${amount.text}${amount.unit}”，不能精确到分，未填入；请在“上年机关运行经费”中录入元数`);
    } else if (budget.priorOperatingCost !== null) {
      out.notCarried.push('上年机关运行经费：本文件中已有，未覆盖');
    } else {
      budget.priorOperatingCost = decimalToFen(amount.value);
      out.filled.push(`上年机关运行经费（${amount.text}元）`);
    }
  } else {
    out.notCarried.push('机关运行经费：情况说明中没有找到机关运行经费的金额');
  }

  // Vehicles and equipment held: a starting point the officer updates, as rollover does.
  const held = byTopic('assets.held')[0];
  if (held && numbersUsable) {
    const split = held.text.search(/\d{4}年?[^。]{0,12}(?:安排|计划|拟)购置/);
    const r = readAssets(split > 0 ? held.text.slice(0, split) : held.text);
    const kinds = VEHICLE_KINDS.filter((k) => r.kinds[k]);
    const anyHeld = VEHICLE_KINDS.some((k) => budget.assets.vehiclesHeld[k] !== 0) || budget.assets.equipmentHeld !== 0;
    if (anyHeld) out.notCarried.push('车辆和设备数：本文件中已有，未覆盖');
    else if (kinds.length === VEHICLE_KINDS.length) {
      const counts = {} as Record<VehicleKind, number>;
      for (const k of VEHICLE_KINDS) counts[k] = r.kinds[k]!.value.toNumber();
      budget.assets.vehiclesHeld = counts;
      if (r.equipment) budget.assets.equipmentHeld = r.equipment.value.toNumber();
      const snap = r.snapshot ? `截至${r.snapshot.year}年${r.snapshot.month}月底` : '';
      out.filled.push(
        `现有车辆${snap}（${VEHICLE_KINDS.map((k) => `${VEHICLE_NAMES[k]}${counts[k]}辆`).join('、')}）${r.equipment ? `、大额设备${r.equipment.text}台（套）` : ''}，请按${y - 1}年底实有数更新`,
      );
    } else if (kinds.length) {
      out.notCarried.push(`车辆数：情况说明只写了${kinds.map((k) => VEHICLE_NAMES[k]).join('、')}，没有逐类写明，未填入`);
    }
  } else if (!held) {
    out.notCarried.push('国有资产：情况说明中没有找到车辆和设备数');
  }
  out.notCarried.push('增减原因：每年不同，不沿用');
  return out;
}

/** The report lines of a carry, for the import's report. */
export function carriedReport(file: string, c: Carried): string[] {
  return [
    `从上年情况说明“${file}”${c.year ? `（${c.year}年）` : ''}填入：${c.filled.length ? c.filled.join('；') : '无'}`,
    ...c.notCarried.map((l) => `  未填入：${l}`),
  ];
}
