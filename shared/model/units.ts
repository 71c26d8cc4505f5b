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
