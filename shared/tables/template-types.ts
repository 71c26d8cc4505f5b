/**
 * A table template is data: titles, header rows with merges, columns and a row source. One
 * interpreter (derive.ts) turns a template plus a Budget into printed rows. Another district's
 * table set is a new TemplateSet, not new code.
 */
import type { EconScheme, SourceKey, SpendKind, YearSlot, ThreePublicItem } from '../model/types';
import type { CellKind, ColumnDef, InputRef } from './types';
import type { TableRole } from './roles';

/** A header cell; `{year}`, `{prior}`, `{district}` are filled in. Covered cells are omitted. */
export interface HeaderCellDef {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** A small expression over the inputs. Amounts are summed in 分. */
export type Expr =
  | { spend: { sources?: readonly SourceKey[]; kind?: SpendKind; year?: YearSlot } } // function lines
  | { carryForward: readonly SourceKey[] | 'all' }
  | { sum: readonly Expr[] };

/** A value column of a function-classification tree (表二, 表三, 表五, 表十一, 表十二). */
export type FunctionColumn =
  | { key: string; kind: 'money'; value: { sources?: readonly SourceKey[]; kind?: SpendKind; year: YearSlot }; input?: { source: SourceKey; kind?: SpendKind; year: YearSlot } }
  | { key: string; kind: 'percent'; change: { current: string; prior: string } };

/** A value column of an economic-classification tree (表六–表九). */
export interface EconColumn {
  key: string;
  /** 'all' the amount; 'personnel' only 301/303 codes (人员经费); 'public' every other code (公用经费). */
  part: 'all' | 'personnel' | 'public';
  editable?: boolean;
}

/** One line of a two-sided summary table (表一, 表四): a label and its amounts. */
export interface SummaryLine {
  key: string;
  label: string;
  values: readonly Expr[];
}

export interface SummarySide {
  lines?: readonly SummaryLine[];
  /** Expenditure 类 rows: each value is `spend` restricted to the class. */
  classRows?: readonly { sources?: readonly SourceKey[]; year: YearSlot }[];
}

export interface SummarySection {
  key: string;
  role: 'total' | 'section' | 'line';
  bold?: boolean;
  left: SummarySide;
  right: SummarySide;
}

/** A form cell (表十, 表十五, 表十六/十七): literal text or a bound field. */
export interface FormCellDef {
  text?: string;
  bind?: FormBinding;
  kind?: CellKind;
  colSpan?: number;
  rowSpan?: number;
}

export type FormBinding =
  | 'dept.name'
  | 'dept.total'
  | 'dept.goal'
  | 'project.name'
  | 'project.department'
  | 'project.total'
  | 'project.district'
  | 'project.town'
  | 'project.summary'
  | 'project.basis'
  | 'project.goal'
  | `threePublic.${YearSlot}.${ThreePublicItem | 'total' | 'vehicle'}`;

export interface FormRowDef {
  key: string;
  cells: readonly FormCellDef[]; // covered cells omitted
}

export type BodyDef =
  | { type: 'summary'; leftColumns: readonly string[]; rightColumns: readonly string[]; sections: readonly SummarySection[] }
  | {
      type: 'functionTree';
      /** Only rows with money in a printed column appear (表三 omits a 项 that has last year's money only). */
      columns: readonly FunctionColumn[];
      totalLabel: string;
      /** Text cells on the total row, e.g. 表十一 prints '合计' with empty code/name. */
      totalWhenEmpty: boolean;
    }
  | { type: 'econTree'; scheme: EconScheme; kind: SpendKind; columns: readonly EconColumn[]; totalLabel: string }
  | { type: 'form'; owner: 'department' | 'threePublic'; rows: readonly FormRowDef[]; indicators?: IndicatorBlockDef }
  | { type: 'projectBlocks'; category: 'key' | 'general'; rows: readonly FormRowDef[]; indicators: IndicatorBlockDef }
  | { type: 'projectList'; totalLabel: string }
  | { type: 'procurement'; totalLabel: string };

/** The 绩效指标 block: a label cell spanning the header and every indicator row. */
export interface IndicatorBlockDef {
  label: string; // '绩效指标'
  header: readonly string[]; // 指标名称 … 是否核心指标
}

export interface TableTemplate {
  id: string;
  no: string;
  /** The part this table plays (rules and the command line find tables by role, never by id). */
  role?: TableRole;
  /** e.g. '{year}年{district}部门收支预算总表' */
  title: string;
  subtitle?: string;
  /** 'department' → 部门全称：…; 'compilingUnit' → 编制单位：… (empty when the table is empty). */
  nameLine: 'department' | 'compilingUnit';
  unitLine: string; // '单位：元'
  columns: readonly ColumnDef[];
  header: readonly (readonly HeaderCellDef[])[];
  body: BodyDef;
  /** The 备注 printed when the table has no data. */
  emptyNote: string;
  landscape: boolean;
}

/** Local settings of a template profile (RULES §6). */
export interface TemplateProfile {
  id: string;
  name: string;
  unit: '元';
  /** Sum of indicator weights expected for one project block (渝北区: 90). */
  projectWeightTotal: number;
  departmentWeightTotal: number;
  /** Decimals of percentages in the narrative (重庆: 1). */
  narrativePercentDecimals: number;
  /** 机关运行经费: government-scheme basic-expenditure classes that count (default 502 only). */
  operatingCostClasses: readonly string[];
}

export interface TemplateSet {
  /** id: a file names its set in meta.template_id; name: shown by `budget-workbench templates` and 新建. */
  profile: TemplateProfile;
  tables: readonly TableTemplate[];
}

export type { InputRef };
