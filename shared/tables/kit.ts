/**
 * Building blocks the table sets share: column builders, and the expressions for money that every
 * set prints the same way whatever it calls it (income from a source, spending by 财政拨款 fund,
 * the 一般公共预算 table's columns, the fund tables' columns, the "三公" amounts). Labels, layout
 * and order stay in each set's template.
 */
import { CARRYOVER_SOURCES, FUND_SOURCES, type SourceKey } from '../model/types';
import type { ColumnDef } from './types';
import type { Expr, FormRowDef, FunctionColumn } from './template-types';

export const codeColumn = (width = 12): ColumnDef => ({ key: 'code', kind: 'code', width });
export const nameColumn = (width = 36): ColumnDef => ({ key: 'name', kind: 'name', width });
export const moneyColumn = (key: string, width = 16): ColumnDef => ({ key, kind: 'money', width });
export const textColumn = (key: string, width: number): ColumnDef => ({ key, kind: 'text', width });

/** Income from sources = what they pay for this year + what of them is carried forward. */
export const income = (sources: readonly SourceKey[]): Expr => ({
  sum: [{ spend: { sources, year: 'current' } }, { carryForward: sources }],
});

/** Every 财政拨款 source, this year's and carried over. */
export const APPROPRIATION_ALL: readonly SourceKey[] = [...FUND_SOURCES.gpb, ...FUND_SOURCES.fund, ...FUND_SOURCES.soe];
/** 上年结转 of the three 财政拨款 funds. */
export const APPROPRIATION_CARRY: readonly SourceKey[] = ['carryGpb', 'carryFund', 'carrySoe'];

/** One expression per column of a 财政拨款收支总表's expenditure side: 合计, 一般公共预算, 政府性基金, 国有资本经营. */
const byFund = <T>(f: (sources: readonly SourceKey[]) => T): T[] => [APPROPRIATION_ALL, FUND_SOURCES.gpb, FUND_SOURCES.fund, FUND_SOURCES.soe].map(f);
export const FUND_SPEND = byFund((sources): Expr => ({ spend: { sources, year: 'current' } }));
export const FUND_CARRY_FORWARD = byFund((sources): Expr => ({ carryForward: sources }));
export const FUND_SPEND_TOTAL = byFund((sources): Expr => ({ sum: [{ spend: { sources, year: 'current' } }, { carryForward: sources }] }));
export const FUND_CLASS_ROWS = byFund((sources) => ({ sources, year: 'current' as const }));

/** The income table's source columns (keys the rules read) with the sources each sums. */
export const INCOME_SOURCE_COLUMNS: readonly { key: string; sources: readonly SourceKey[] }[] = [
  { key: 'carryover', sources: CARRYOVER_SOURCES },
  { key: 'gpb', sources: ['gpb'] },
  { key: 'fund', sources: ['fund'] },
  { key: 'soe', sources: ['soe'] },
  { key: 'special', sources: ['special'] },
  { key: 'business', sources: ['business'] },
  { key: 'operating', sources: ['operating'] },
  { key: 'superior', sources: ['superior'] },
  { key: 'affiliated', sources: ['affiliated'] },
  { key: 'other', sources: ['other'] },
  { key: 'reserve', sources: ['reserve'] },
];

/** The 一般公共预算 table: 上年 (typed), 本年, 基本 and 项目 (typed), 增幅. */
export const GPB_COLUMNS: readonly FunctionColumn[] = [
  { key: 'prior', kind: 'money', value: { sources: FUND_SOURCES.gpb, year: 'prior' }, input: { source: 'gpb', year: 'prior' } },
  { key: 'current', kind: 'money', value: { sources: FUND_SOURCES.gpb, year: 'current' } },
  { key: 'basic', kind: 'money', value: { sources: FUND_SOURCES.gpb, kind: 'basic', year: 'current' }, input: { source: 'gpb', kind: 'basic', year: 'current' } },
  { key: 'project', kind: 'money', value: { sources: FUND_SOURCES.gpb, kind: 'project', year: 'current' }, input: { source: 'gpb', kind: 'project', year: 'current' } },
  { key: 'change', kind: 'percent', change: { current: 'current', prior: 'prior' } },
];

/** A fund table (政府性基金, 国有资本经营): 总计, 基本 and 项目 (typed). */
export const fundColumns = (fund: 'fund' | 'soe'): FunctionColumn[] => [
  { key: 'total', kind: 'money', value: { sources: FUND_SOURCES[fund], year: 'current' } },
  { key: 'basic', kind: 'money', value: { sources: FUND_SOURCES[fund], kind: 'basic', year: 'current' }, input: { source: fund, kind: 'basic', year: 'current' } },
  { key: 'project', kind: 'money', value: { sources: FUND_SOURCES[fund], kind: 'project', year: 'current' }, input: { source: fund, kind: 'project', year: 'current' } },
];

const THREE_PUBLIC_CELLS = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;

/** The "三公" table's columns (this year, then last year) and its one row of bound amounts. */
export const threePublicColumns = (width: number): ColumnDef[] =>
  (['current', 'prior'] as const).flatMap((y) => THREE_PUBLIC_CELLS.map((item) => moneyColumn(`${y}:${item}`, width)));
export const THREE_PUBLIC_ROW: FormRowDef = {
  key: 'amounts',
  cells: (['current', 'prior'] as const).flatMap((y) => THREE_PUBLIC_CELLS.map((item) => ({ bind: `threePublic.${y}.${item}` as const, kind: 'money' as const }))),
};
