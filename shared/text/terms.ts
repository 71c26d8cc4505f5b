/**
 * One home for the product's words: the Chinese for the model's enums that messages use, the
 * table roles and the severities (无法核验 is the one word for a check that could not read what it needs). The names of sources and of the "三公" items in the economic
 * classification stay beside their enums (model/types.ts: SOURCE_NAMES, THREE_PUBLIC_NAMES);
 * printed titles, headers and notes belong to the template that prints them.
 */
import type { SpendKind, ThreePublicItem } from '../model/types';
import type { TableRole } from '../tables/roles';
import type { Severity } from '../rules/types';

/** The one word per severity (the problems panel, the command line, the narrative view). */
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
  unverifiable: '无法核验',
};

export const SPEND_KIND_LABELS: Record<SpendKind, string> = { basic: '基本支出', project: '项目支出' };

/**
 * The "三公" items as the 三公 table's header names them (公务用车运行费, where the economic
 * classification's name THREE_PUBLIC_NAMES says 公务用车运行维护费).
 */
export const THREE_PUBLIC_TABLE_LABELS: Record<ThreePublicItem | 'vehicle' | 'total', string> = {
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行费',
  reception: '公务接待费',
  vehicle: '公务用车购置及运行费',
  total: '“三公”经费合计',
};

/**
 * The "三公" items as the narrative's prose names them (因公出国（境）费用, as the published
 * 情况说明 write it), in sentences such as '因公出国（境）费用预算 0.00 万元'.
 */
export const THREE_PUBLIC_PROSE: Record<ThreePublicItem, string> = {
  abroad: '因公出国（境）费用',
  reception: '公务接待费',
  vehicleOperation: '公务用车运行维护费',
  vehiclePurchase: '公务用车购置费',
};

/** What each table role is called when a set has no table for it (messages, the templates list). */
export const TABLE_ROLE_NAMES: Record<TableRole, string> = {
  summary: '部门收支总表',
  income: '部门收入总表',
  spending: '部门支出总表',
  appropriation: '财政拨款收支总表',
  gpb: '一般公共预算财政拨款支出表',
  basicDept: '一般公共预算财政拨款基本支出表（部门预算支出经济分类）',
  basicGov: '一般公共预算财政拨款基本支出表（政府预算支出经济分类）',
  projectDept: '一般公共预算财政拨款项目支出表（部门预算支出经济分类）',
  projectGov: '一般公共预算财政拨款项目支出表（政府预算支出经济分类）',
  threePublic: '一般公共预算“三公”经费支出表',
  fund: '政府性基金预算财政拨款支出表',
  soe: '国有资本经营预算财政拨款支出表',
  projects: '项目支出明细表',
  procurement: '政府采购预算明细表',
  deptPerformance: '部门预算整体绩效目标表',
  keyProjects: '重点项目绩效目标表',
  generalProjects: '一般项目绩效目标表',
};
