/**
 * What a real department-year can hold, with a wide margin (the README lists these). A file beyond
 * them is refused when opened and never written: its content is not a department's budget but a
 * way to exhaust memory or time.
 */

/** Bytes of a whole .budget file. The built-in sample is about 0.2 MB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Characters (or bytes, for a blob) of any one stored value; the longest real one is a hand-edited narrative. */
export const MAX_VALUE_CHARS = 200_000;

/** Rows per table of the current schema. */
export const MAX_ROWS: Readonly<Record<string, number>> = {
  meta: 100,
  units: 2_000,
  function_lines: 20_000,
  econ_lines: 5_000,
  three_public: 8,
  projects: 20_000,
  project_amounts: 300_000,
  performance_indicators: 200_000,
  procurement_lines: 20_000,
  assets: 7,
  texts: 10_000,
  carry_forward: 14,
  name_overrides: 10_000,
  schema_migrations: 1_000,
};

/** The officer's words for a table in a bound's message. */
export const TABLE_LABELS: Readonly<Record<string, string>> = {
  meta: '部门信息',
  units: '所属单位',
  function_lines: '功能分类科目',
  econ_lines: '经济分类科目',
  three_public: '“三公”经费',
  projects: '项目',
  project_amounts: '项目资金来源',
  performance_indicators: '绩效指标',
  procurement_lines: '政府采购项目',
  assets: '资产',
  texts: '说明文字',
  carry_forward: '结转资金',
  name_overrides: '科目名称',
  schema_migrations: '升级记录',
};

export { formatCount } from '../money/money';
