/**
 * Table roles of RULES.md (T1 … T17) → the table ids and column keys of the Chongqing template set.
 * The rules name roles, never raw ids, so another district's numbering is a change here only.
 */
export const T = {
  summary: 't1', // 部门收支预算总表
  income: 't2', // 部门收入预算总表
  spending: 't3', // 部门支出预算总表
  appropriation: 't4', // 财政拨款收支预算总表
  gpb: 't5', // 一般公共预算财政拨款支出预算表
  basicDept: 't6', // 基本支出（部门经济分类）
  basicGov: 't7', // 基本支出（政府经济分类）
  projectDept: 't8', // 项目支出（部门经济分类）
  projectGov: 't9', // 项目支出（政府经济分类）
  threePublic: 't10', // "三公"经费
  fund: 't11', // 政府性基金
  soe: 't12', // 国有资本经营
  projects: 't13', // 项目支出明细表
  procurement: 't14', // 政府采购
  deptPerformance: 't15', // 整体绩效目标
  keyProjects: 't16', // 重点项目绩效目标 (blocks 't16:<id>')
  generalProjects: 't17', // 一般项目绩效目标 (blocks 't17:<id>')
} as const;

/** The 143号 minimum ("8张表"): missing one of these is an error, any other table a warning. */
export const MANDATORY_143: readonly string[] = [T.summary, T.income, T.spending, T.appropriation, T.gpb, T.basicDept, T.threePublic, T.fund];

/** Function-classification trees (类/款/项 rows under a 合计 row). */
export const FUNCTION_TREES: readonly string[] = [T.income, T.spending, T.gpb, T.fund, T.soe];
/** Economic-classification trees (类/款 rows). */
export const ECON_TREES: readonly string[] = [T.basicDept, T.basicGov, T.projectDept, T.projectGov];
export const PROJECT_BLOCKS: readonly string[] = [T.keyProjects, T.generalProjects];

/** Column keys. */
export const COL = {
  total: 'total',
  basic: 'basic',
  project: 'project',
  prior: 'prior',
  current: 'current',
  change: 'change',
  personnel: 'personnel',
  public: 'public',
  // 表一 / 表四
  inAmount: 'inAmount',
  outAmount: 'outAmount',
  outTotal: 'outTotal',
  outGpb: 'outGpb',
  outFund: 'outFund',
  outSoe: 'outSoe',
} as const;

/** 表一 lines (semantic keys on its cells). */
export const T1_LINES = {
  incomeTotal: 'incomeTotal',
  incomeCurrent: 'incomeCurrent',
  carryover: 'carryover',
  reserve: 'reserve',
  spendTotal: 'spendTotal',
  spendCurrent: 'spendCurrent',
  carryForward: 'carryForward',
} as const;

/** 表二 columns that are sources of income (合计 = their sum). */
export const T2_SOURCE_COLUMNS = [
  'carryover', 'gpb', 'fund', 'soe', 'special', 'business', 'operating', 'superior', 'affiliated', 'other', 'reserve',
] as const;

/** 表十 columns by year block. */
export const T10 = {
  row: 'amounts',
  years: ['current', 'prior'] as const,
  col: (year: 'current' | 'prior', item: 'total' | 'abroad' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation' | 'reception') =>
    `${year}:${item}`,
};

/**
 * 类-level identities between the two economic schemes (XT-09), from econ-mapping.csv:
 * 部门 class → 政府 classes it maps into (机关 and 事业 counterparts).
 */
export const CLASS_MAPPING: readonly { dept: readonly string[]; gov: readonly string[] }[] = [
  { dept: ['301'], gov: ['501', '50501'] },
  { dept: ['302'], gov: ['502', '50502'] },
  { dept: ['303'], gov: ['509'] },
  { dept: ['310'], gov: ['503', '50601'] },
  { dept: ['309'], gov: ['504', '50602'] },
  // 311 and part of 312 (资本金注入) both map into 508, so they are compared together.
  { dept: ['311', '312'], gov: ['507', '508'] },
  { dept: ['307'], gov: ['511'] },
  { dept: ['313'], gov: ['510'] },
  { dept: ['399'], gov: ['599'] },
];

/** "三公" items ↔ 部门经济分类 款 (XT-11), RULES §4.4. */
export const THREE_PUBLIC_CODES = {
  abroad: ['30212'],
  reception: ['30217'],
  vehicleOperation: ['30231'],
  vehiclePurchase: ['31013', '30913'],
} as const;

/** 款-level inequalities (XT-10): 机关 part in the government scheme ≤ the department-scheme 款. */
export const ORGAN_SHARE = [
  { gov: '50206', dept: '30217' },
  { gov: '50207', dept: '30212' },
  { gov: '50208', dept: '30231' },
] as const;
