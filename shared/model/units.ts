/**
 * 单位与基本信息: suggestions the form offers (the officer's own typing is always what is stored,
 * through setMeta / insertUnit / setUnit edits).
 */
import type { Budget } from './types';

/** The next free unit code: one past the largest, else the department code + '001', else ''. */
export function suggestUnitCode(b: Budget): string {
  const codes = b.units.map((u) => u.code).filter((c) => /^\d+$/.test(c));
  if (codes.length) {
    const last = codes.reduce((a, c) => (BigInt(c) > BigInt(a) ? c : a));
    const next = String(BigInt(last) + 1n).padStart(last.length, '0');
    if (!codes.includes(next)) return next;
  }
  return /^\d{3,9}$/.test(b.meta.departmentCode) ? `${b.meta.departmentCode}001` : '';
}

/** 表十七's 编制单位 as the template prints it: '801001-重庆市渝北区…（本级）', '' without a 本级. */
export function compilingUnitFor(b: Budget): string {
  const own = b.units.find((u) => u.isOwnOffice);
  return own ? `${own.code}-${own.name}` : '';
}

/** The tables of a set that print the 编制单位 line, as one label ('表十六、表十七编制单位' in the 渝北 set); null when none does. */
export function compilingUnitLabel(set: { tables: readonly { no: string; nameLine?: string }[] }): string | null {
  const nos = set.tables.filter((t) => t.nameLine === 'compilingUnit').map((t) => t.no);
  return nos.length ? `${nos.join('、')}编制单位` : null;
}

/**
 * What 单位与基本信息 still lacks that the tables, the rules or the narrative read (labels, in form
 * order), for the budget's table set (the 编制单位 only where a table of the set prints it).
 */
export function missingInfo(b: Budget, set: { tables: readonly { no: string; nameLine?: string }[] }): string[] {
  const compiling = compilingUnitLabel(set);
  const texts = (key: string) => (b.texts[key] ?? '').trim() === '';
  const checks: [boolean, string][] = [
    [b.meta.department.trim() === '', '部门全称'],
    [b.meta.departmentCode.trim() === '', '部门代码'],
    [!b.units.some((u) => u.isOwnOffice), '本级单位'],
    [compiling !== null && b.meta.compilingUnit.trim() === '', compiling ?? ''],
    [b.meta.approvalDate === '', '批复日期'],
    [b.meta.publishDate === '', '公开日期'],
    [b.priorOperatingCost === null, '上年机关运行经费'],
    [texts('contactName') || texts('contactPhone'), '联系方式'],
    [texts('functions'), '职能职责'],
    [texts('composition'), '单位构成'],
  ];
  return checks.filter(([missing]) => missing).map(([, label]) => label);
}
