/**
 * The input model (DESIGN §3, "each number once"): only what the officer types is stored.
 * Every printed table is derived from this by shared/tables. Amounts are integer 分 (Fen).
 */
import type { Fen } from '../money/money';
import type { UnitKind } from '../catalog/catalog';

export type { Fen, UnitKind };

/** Where money comes from. The order is the order of 表一's income lines. */
export const SOURCES = [
  'gpb', // 一般公共预算财政拨款
  'fund', // 政府性基金预算财政拨款
  'soe', // 国有资本经营预算财政拨款
  'special', // 财政专户管理资金
  'business', // 事业收入
  'superior', // 上级补助收入
  'affiliated', // 附属单位上缴收入
  'operating', // 事业单位经营收入
  'other', // 其他收入
  'carryGpb', // 上年结转：一般公共预算财政拨款
  'carryFund', // 上年结转：政府性基金预算财政拨款
  'carrySoe', // 上年结转：国有资本经营预算财政拨款
  'carryOther', // 上年结转：其他资金
  'reserve', // 用事业基金弥补收支差额
] as const;
export type SourceKey = (typeof SOURCES)[number];

export const SOURCE_NAMES: Record<SourceKey, string> = {
  gpb: '一般公共预算财政拨款',
  fund: '政府性基金预算财政拨款',
  soe: '国有资本经营预算财政拨款',
  special: '财政专户管理资金',
  business: '事业收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  operating: '事业单位经营收入',
  other: '其他收入',
  carryGpb: '上年结转一般公共预算财政拨款',
  carryFund: '上年结转政府性基金预算财政拨款',
  carrySoe: '上年结转国有资本经营预算财政拨款',
  carryOther: '上年结转其他资金',
  reserve: '用事业基金弥补收支差额',
};

/** The three 财政拨款 funds (表四; 表五/十一/十二), each with the sources that count as it. */
export const APPROPRIATION_FUNDS = ['gpb', 'fund', 'soe'] as const;
export type FundKey = (typeof APPROPRIATION_FUNDS)[number];
export const FUND_SOURCES: Record<FundKey, readonly SourceKey[]> = {
  gpb: ['gpb', 'carryGpb'],
  fund: ['fund', 'carryFund'],
  soe: ['soe', 'carrySoe'],
};
/** This year's income sources (表一 本年收入's lines, in order): every source but 上年结转 and 事业基金. */
export const CURRENT_SOURCES: readonly SourceKey[] = ['gpb', 'fund', 'soe', 'special', 'business', 'superior', 'affiliated', 'operating', 'other'];
export const CARRYOVER_SOURCES: readonly SourceKey[] = ['carryGpb', 'carryFund', 'carrySoe', 'carryOther'];

export type SpendKind = 'basic' | 'project'; // 基本支出 / 项目支出
export type YearSlot = 'current' | 'prior'; // 本年 / 上年

/** One entered amount: function 项 × 基本/项目 × source, this year and last. */
export interface FunctionLine {
  code: string; // 7-digit 项 code
  kind: SpendKind;
  source: SourceKey;
  current: Fen;
  prior: Fen;
}

export type EconScheme = 'department' | 'government'; // 部门预算 / 政府预算 支出经济分类

/** One 款-level economic amount of 一般公共预算财政拨款 (表六–表九). */
export interface EconLine {
  scheme: EconScheme;
  kind: SpendKind;
  code: string; // 5-digit 款 code
  amount: Fen;
}

export const THREE_PUBLIC_ITEMS = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;
export type ThreePublicItem = (typeof THREE_PUBLIC_ITEMS)[number];
export const THREE_PUBLIC_NAMES: Record<ThreePublicItem, string> = {
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};
export type ThreePublic = Record<YearSlot, Record<ThreePublicItem, Fen>>;

export type IndicatorNature = '≥' | '≤' | '=' | '>' | '<' | '定性';

export interface Indicator {
  name: string;
  weight: string; // as typed ('15'); a number in all sane files, kept as text so nothing typed is lost
  unit: string; // 计量单位: '%', '个', '万元', '万元/年', '' …
  nature: IndicatorNature | string;
  value: string; // 指标值: '60', '优', '359800'
  core: boolean; // 是否核心指标
}

export type ProjectCategory = 'key' | 'general'; // 重点项目 / 一般项目

export interface Project {
  id: string; // stable id, e.g. 'p1'
  name: string; // 专项资金名称 / 项目名称
  unitCode: string; // 单位代码 ('801001')
  unitName: string; // 单位名称
  functionCode: string; // 7-digit 项 the project is booked in
  category: ProjectCategory;
  amounts: Partial<Record<SourceKey, Fen>>; // 当年预算 by source (表十三)
  district: Fen; // 区级支出
  town: Fen; // 补助镇街
  department: string; // 业务主管部门
  summary: string; // 项目概况
  basis: string; // 立项依据
  goal: string; // 当年绩效目标
  description: string; // 表十三's short description
  hasTargets: boolean; // printed as a 表十六/表十七 block
  indicators: Indicator[];
  /** Set by rollover: structure carried from last year, to be reviewed. */
  needsReview?: boolean;
}

/** One line of 表十四 政府采购预算明细表. */
export interface ProcurementLine {
  id: string;
  deptCode: string;
  deptName: string;
  unitCode: string;
  unitName: string;
  item: string; // 采购项目名称
  goods: Fen;
  works: Fen;
  services: Fen;
  source: SourceKey; // the part paid from 一般公共预算 is stated in the narrative
}

export interface Unit {
  code: string; // '801001'
  name: string;
  kind: UnitKind;
  /** 本级 (the department's own office) vs a 下属单位. */
  isOwnOffice: boolean;
}

export const VEHICLE_KINDS = ['leader', 'confidential', 'emergency', 'law', 'special', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];
export const VEHICLE_NAMES: Record<VehicleKind, string> = {
  leader: '领导干部用车',
  confidential: '机要通信用车',
  emergency: '应急保障用车',
  law: '执法执勤用车',
  special: '特种专业技术用车',
  other: '其他用车',
};

/** 国有资产占有使用情况 (narrative 五（四）). */
export interface Assets {
  vehiclesHeld: Record<VehicleKind, number>; // as of the prior year-end
  equipmentHeld: number; // 单位价值100万元（含）以上设备（不含车辆）台（套）
  vehiclesPlanned: Record<VehicleKind, number>; // to buy this year from 一般公共预算
  equipmentPlanned: number;
}

export interface DepartmentPerformance {
  goal: string; // 当年整体绩效目标
  indicators: Indicator[];
}

export interface BudgetMeta {
  department: string; // 部门全称
  /** Short name used in prose ('区大数据发展局'). */
  shortName: string;
  departmentCode: string; // '801'
  district: string; // '渝北区'
  year: number; // budget year
  templateId: string; // 'chongqing-yubei-2024'
  /** 编制单位 line of 表十七 ('801001-重庆市渝北区大数据应用发展管理局（本级）'). */
  compilingUnit: string;
  approvalDate: string; // 批复日期 'YYYY-MM-DD' or ''
  publishDate: string; // 公开日期 'YYYY-MM-DD' or ''
}

/**
 * Free texts of the narrative, keyed. Known keys: functions (职能职责), composition (单位构成),
 * contactName, contactPhone, glossaryExtra, and reasons: 'reason:<item key>' (see shared/narrative).
 * 'narrative:edited' holds a hand-edited narrative (kept and checked, never regenerated over).
 */
export type Texts = Record<string, string>;

export interface Budget {
  meta: BudgetMeta;
  units: Unit[];
  functionLines: FunctionLine[];
  econLines: EconLine[];
  threePublic: ThreePublic;
  projects: Project[];
  procurement: ProcurementLine[];
  performance: DepartmentPerformance;
  assets: Assets;
  texts: Texts;
  /** Last year's 机关运行经费 (for the narrative comparison); null when unknown. */
  priorOperatingCost: Fen | null;
  /** Money not spent this year (结转下年), by source. Usually empty. */
  carryForward: Partial<Record<SourceKey, Fen>>;
  /**
   * Printed names that differ from the catalog's spelling (an imported workbook, an older name):
   * key `${scheme}:${code}`, scheme 'function' | 'econ-department' | 'econ-government'.
   * Empty for codes printed with their catalog name.
   */
  nameOverrides: Record<string, string>;
}
