/**
 * The neutral row model of a printed table: one shape feeds the grid, xlsx, HTML, PDF and json.
 * Rows are full width: a merged cell carries its span on its first cell, and every cell it covers
 * is present with `covered: true` and empty text.
 */
import type { Fen, SourceKey, SpendKind, YearSlot, EconScheme, ThreePublicItem, VehicleKind } from '../model/types';

export type CellKind = 'label' | 'code' | 'name' | 'money' | 'percent' | 'text' | 'number';

/** Where a typed value goes: the single input this cell shows. */
export type InputRef =
  | { t: 'function'; code: string; kind: SpendKind; source: SourceKey; year: YearSlot }
  | { t: 'econ'; scheme: EconScheme; kind: SpendKind; code: string }
  | { t: 'threePublic'; item: ThreePublicItem; year: YearSlot }
  | { t: 'project'; id: string; field: 'name' | 'unitCode' | 'unitName' | 'department' | 'summary' | 'basis' | 'goal' | 'description' }
  | { t: 'projectMoney'; id: string; field: 'district' | 'town' }
  | { t: 'projectAmount'; id: string; source: SourceKey }
  | { t: 'indicator'; owner: string; index: number; field: 'name' | 'weight' | 'unit' | 'nature' | 'value' | 'core' }
  | { t: 'procurement'; id: string; field: 'deptCode' | 'deptName' | 'unitCode' | 'unitName' | 'item' }
  | { t: 'procurementMoney'; id: string; field: 'goods' | 'works' | 'services' }
  | { t: 'text'; key: string }
  | { t: 'priorOperatingCost' }
  | { t: 'carryForward'; source: SourceKey }
  | { t: 'vehicles'; slot: 'vehiclesHeld' | 'vehiclesPlanned'; kind: VehicleKind }
  | { t: 'equipment'; slot: 'equipmentHeld' | 'equipmentPlanned' };

export interface Cell {
  text: string; // exactly as printed
  kind: CellKind;
  col: string; // column key
  fen?: Fen; // money cells: the value (0 when printed blank)
  colSpan?: number;
  rowSpan?: number;
  covered?: boolean; // inside another cell's merge
  bold?: boolean;
  input?: InputRef;
  line?: string; // summary tables (表一, 表四): the key of the line this cell prints
}

export type RowRole = 'header' | 'total' | 'section' | 'line' | 'class' | 'segment' | 'item' | 'form' | 'indicator';

export interface Row {
  key: string; // stable: a code, 'total', a section key, 'ind:3'
  role: RowRole;
  level: number; // 0 total/section, 1 类, 2 款, 3 项 (indentation)
  cells: Cell[];
}

export interface ColumnDef {
  key: string;
  kind: CellKind;
  width: number; // in characters (xlsx column width, grid width ×8px)
}

export interface DerivedTable {
  id: string; // 't1' … 't17'; 表十七 blocks 't17:<projectId>'
  no: string; // '表一'
  title: string;
  subtitle: string | null; // '(部门预算支出经济分类科目)'
  lines: string[]; // '部门全称：…' (or '编制单位：…'), '单位：元'
  columns: ColumnDef[];
  header: Row[];
  body: Row[];
  note: string | null; // '备注：…' when the table is empty
  empty: boolean;
  landscape: boolean;
  projectId?: string; // 表十六/十七 blocks
}
