/**
 * The parts a table can play in a table set (RULES.md's T1 … T17). A template tags each of its
 * tables with its role; the rules and the overview find a table by role, never by id, so
 * another set may number and name its tables as it likes. What a role's table must offer (its
 * column keys, summary lines, form fields) is declared by the rules that read it and checked
 * when the set is loaded (shared/rules/roles.ts).
 */

import { TABLE_ROLE_NAMES } from '../text/terms';

export const TABLE_ROLES = [
  'summary', // 部门收支总表
  'income', // 部门收入总表
  'spending', // 部门支出总表
  'appropriation', // 财政拨款收支总表
  'gpb', // 一般公共预算（财政拨款）支出表
  'basicDept', // 一般公共预算基本支出表（部门经济分类）
  'basicGov', // 一般公共预算基本支出表（政府经济分类）
  'projectDept', // 一般公共预算项目支出表（部门经济分类）
  'projectGov', // 一般公共预算项目支出表（政府经济分类）
  'threePublic', // 一般公共预算“三公”经费支出表
  'fund', // 政府性基金预算支出表
  'soe', // 国有资本经营预算支出表
  'projects', // 项目支出明细表
  'procurement', // 政府采购预算明细表
  'deptPerformance', // 部门整体绩效目标表
  'keyProjects', // 重点项目绩效目标表 (one block per project)
  'generalProjects', // 一般项目绩效目标表 (one block per project)
] as const;

export type TableRole = (typeof TABLE_ROLES)[number];

/** The (first) table of a set that plays a role; undefined when the set has none. */
export const tableOfRole = <T extends { role?: TableRole }>(set: { tables: readonly T[] }, role: TableRole): T | undefined =>
  set.tables.find((t) => t.role === role);

/** A role's table as messages name it: its number in the set ('表十三'), else what the role is called. */
export const roleTableNo = (set: { tables: readonly { role?: TableRole; no: string }[] }, role: TableRole): string =>
  tableOfRole(set, role)?.no ?? TABLE_ROLE_NAMES[role];

/** The template a derived table id belongs to: 't17:p1' → 't17'. */
export const templateOf = (tableId: string): string => {
  const i = tableId.indexOf(':');
  return i < 0 ? tableId : tableId.slice(0, i);
};
