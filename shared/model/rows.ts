/**
 * Row operations per body type, as pure functions: given the budget, the table set and the table's
 * template (its body type), they return the Edits that add or remove a row (their inverses come from
 * edit.ts when they are applied) and where the grid should go. The window only asks the officer
 * (code picker, project dialog, confirmation) and sends these edits; vitest runs them without a
 * browser. Tables are found by role, columns by the input their cells edit: no table id or column
 * key is spelled here.
 */
import type { Budget, SourceKey, SpendKind } from './types';
import { SOURCE_NAMES } from './types';
import { indicatorList, type Edit } from './edit';
import { blankIndicator, newProcurement, newProject, type NewProjectFields } from './defaults';
import type { Scheme } from '../catalog';
import type { CellKind, DerivedTable, InputRef } from '../tables/types';
import type { TableTemplate, TemplateSet } from '../tables/template-types';
import { roleTableNo, tableOfRole } from '../tables/roles';

/** Which cell of a row the grid goes to: the first whose input is of this type (and field), or of this kind. */
export type CellPick = { input: InputRef['t']; field?: string } | { kind: CellKind };

/** A row of a derived table ('t6', 't17:p1') and the cell to focus in it. */
export interface RowTarget {
  table: string;
  row: string;
  pick: CellPick;
}

/** An add or remove, ready to send: one undo step. */
export interface RowOp {
  edits: Edit[];
  /** Where undo/redo of this step goes. */
  undo: RowTarget;
  /** Where the grid goes right after it. */
  focus: RowTarget;
  /** What the officer is told ('已添加 30215 会议费'). */
  message: string;
}

/** A row that cannot be removed says why; one that can carries its edit and what goes with it. */
export type RemoveResult = { ok: true; edit: Edit; detail: string } | { ok: false; message: string };

/** The column key `target.pick` names in the derived table (the row's first input, else its first cell, when none matches). */
export function targetColumn(table: DerivedTable | undefined, target: RowTarget): string {
  const row = table?.body.find((r) => r.key === target.row);
  if (!row) return '';
  const cells = row.cells.filter((c) => !c.covered);
  const pick = target.pick;
  const hit = cells.find((c) => {
    if ('kind' in pick) return c.kind === pick.kind;
    const ref = c.input;
    return !!ref && ref.t === pick.input && (pick.field === undefined || ('field' in ref && ref.field === pick.field));
  });
  return (hit ?? cells.find((c) => c.input) ?? cells[0])?.col ?? '';
}

/**
 * The 添加 button of a table, by its body type; null when nothing can be added (a function table
 * whose amounts are all derived, the 三公 form).
 */
export function addActionLabel(t: TableTemplate): string | null {
  switch (t.body.type) {
    case 'functionTree':
      return t.body.columns.some((c) => c.kind === 'money' && c.input) || t.role === 'spending' ? '添加科目' : null;
    case 'econTree':
      return '添加科目';
    case 'projectList':
    case 'projectBlocks':
      return '添加项目';
    case 'procurement':
      return '添加采购项目';
    case 'form':
      return t.body.owner === 'department' ? '添加指标' : null;
    default:
      return null;
  }
}

// ------------------------------------------------------------------ 功能分类科目 (function tables)

/** The source a function table's amounts are entered under (its first money input column); 一般公共预算 by default. */
export function functionSource(t: TableTemplate): SourceKey {
  if (t.body.type !== 'functionTree') return 'gpb';
  const input = t.body.columns.find((c) => c.kind === 'money' && c.input);
  return (input?.kind === 'money' && input.input?.source) || 'gpb';
}

/** A code the officer picked; `known` false when the catalog lacks it (then `name` is the officer's). */
export interface PickedCode {
  code: string;
  name: string;
  kind?: SpendKind;
  known: boolean;
}

/** A code missing from the catalog, named by the officer: the name goes to nameOverrides. */
function nameEdit(scheme: Scheme, picked: PickedCode): Edit[] {
  return !picked.known && picked.name ? [{ op: 'setName', key: `${scheme}:${picked.code}`, name: picked.name }] : [];
}

function addedText(picked: PickedCode): string {
  return picked.known ? `已添加 ${picked.code} ${picked.name}` : `已添加 ${picked.code}（目录中没有此科目，请核对）`;
}

/** Whether a function 项 of this kind already has a line under the table's source. */
export function functionLineTaken(budget: Budget, t: TableTemplate, code: string, kind: SpendKind): boolean {
  const source = functionSource(t);
  return budget.functionLines.some((l) => l.code === code && l.kind === kind && l.source === source);
}

/** 添加功能分类科目（项）: an empty line under the table's source, and the name of a code the catalog lacks. */
export function addFunctionLine(t: TableTemplate, tableId: string, picked: PickedCode): RowOp {
  const source = functionSource(t);
  const at: RowTarget = { table: tableId, row: picked.code, pick: { kind: 'name' } };
  return {
    edits: [{ op: 'insertFunctionLines', lines: [{ code: picked.code, kind: picked.kind ?? 'basic', source, current: 0, prior: 0 }] }, ...nameEdit('function', picked)],
    undo: at,
    focus: at,
    message: addedText(picked),
  };
}

/** Where a new function line's money is entered (the code picker's hint). */
export function functionSourceName(t: TableTemplate): string {
  return SOURCE_NAMES[functionSource(t)];
}

// ------------------------------------------------------------------ 经济分类科目 (economic tables)

/** The catalog an economic table's codes come from. */
export function econScheme(t: TableTemplate): Scheme | null {
  if (t.body.type !== 'econTree') return null;
  return t.body.scheme === 'department' ? 'econ-department' : 'econ-government';
}

/** The 款 already in an economic table (its scheme and kind). */
export function econCodes(budget: Budget, t: TableTemplate): Set<string> {
  const body = t.body;
  if (body.type !== 'econTree') return new Set();
  return new Set(budget.econLines.filter((l) => l.scheme === body.scheme && l.kind === body.kind).map((l) => l.code));
}

/** 添加经济分类科目（款）: an empty line of the table's scheme and kind. */
export function addEconLine(t: TableTemplate, tableId: string, picked: PickedCode): RowOp | null {
  const body = t.body;
  const scheme = econScheme(t);
  if (body.type !== 'econTree' || !scheme) return null;
  const at: RowTarget = { table: tableId, row: picked.code, pick: { input: 'econ' } };
  return {
    edits: [{ op: 'insertEconLine', line: { scheme: body.scheme, kind: body.kind, code: picked.code, amount: 0 } }, ...nameEdit(scheme, picked)],
    undo: at,
    focus: at,
    message: addedText(picked),
  };
}

// ------------------------------------------------------------------ projects, procurement, indicators

/** The category a project added from this table has (a 表十六/十七 block's own; 一般 from the list). */
export function projectCategoryOf(t: TableTemplate): 'key' | 'general' {
  return t.body.type === 'projectBlocks' ? t.body.category : 'general';
}

/**
 * 添加项目 from a project table: the project goes to the set's project list (role 'projects'),
 * where undo returns; the grid goes to its block when it was added where it shows, else to its
 * amounts in the list.
 */
export function addProject(budget: Budget, set: TemplateSet, t: TableTemplate, fields: NewProjectFields): RowOp {
  const project = newProject(budget, fields);
  const list = tableOfRole(set, 'projects');
  const inList: RowTarget = { table: list?.id ?? t.id, row: project.id, pick: { input: 'project', field: 'name' } };
  const inBlock = t.body.type === 'projectBlocks' && fields.hasTargets && fields.category === t.body.category;
  return {
    edits: [{ op: 'insertProject', project }],
    undo: inList,
    focus: inBlock
      ? { table: `${t.id}:${project.id}`, row: 'name', pick: { input: 'project', field: 'name' } }
      : { table: inList.table, row: project.id, pick: { input: 'projectAmount' } },
    message: inBlock || !list ? `已添加项目“${project.name}”` : `已添加项目“${project.name}”，请在${list.no}录入金额`,
  };
}

/** 添加采购: an empty line at the end of the list. */
export function addProcurement(budget: Budget, tableId: string): RowOp {
  const line = newProcurement(budget);
  const at: RowTarget = { table: tableId, row: line.id, pick: { input: 'procurement', field: 'item' } };
  return { edits: [{ op: 'insertProcurement', line }], undo: at, focus: at, message: '已添加一行采购项目，请填写名称和金额' };
}

/** The row key of indicator `index` in a performance table. */
export const indicatorRow = (index: number): string => `ind:${index}`;

/** The indicator index of a row key ('ind:3' → 3), null for other rows. */
export function indicatorIndex(rowKey: string): number | null {
  const m = /^ind:(\d+)$/.exec(rowKey);
  return m ? Number(m[1]) : null;
}

/**
 * 添加指标 for the department ('department') or a project: an empty indicator after `afterRow`
 * when that is one of the table's indicator rows, else at the end. Null when the owner is unknown.
 */
export function addIndicator(budget: Budget, owner: string, tableId: string, afterRow?: string): RowOp | null {
  const list = indicatorList(budget, owner);
  if (!list) return null;
  const after = afterRow === undefined ? null : indicatorIndex(afterRow);
  const index = after === null ? list.length : after + 1;
  const at: RowTarget = { table: tableId, row: indicatorRow(index), pick: { input: 'indicator', field: 'name' } };
  return { edits: [{ op: 'insertIndicator', owner, index, indicator: blankIndicator() }], undo: at, focus: at, message: '已添加一行绩效指标' };
}

// ------------------------------------------------------------------ removing

/** 删除 a row of a table: what it removes and what goes with it, or why it cannot be removed. */
export function removeRow(set: TemplateSet, t: TableTemplate, table: DerivedTable, rowKey: string): RemoveResult {
  const row = table.body.find((r) => r.key === rowKey);
  if (!row) return { ok: false, message: '请先点选要删除的行' };
  const body = t.body;
  if (body.type === 'functionTree') {
    if (row.role !== 'item') return { ok: false, message: '类、款行是其下各项的合计，不能直接删除；请删除其下的项' };
    const input = body.columns.find((c) => c.kind === 'money' && c.input);
    const source: SourceKey | undefined = input?.kind === 'money' ? input.input?.source : undefined;
    return {
      ok: true,
      edit: { op: 'removeFunctionLines', code: row.key, ...(source ? { source } : {}) },
      detail: source
        ? `该科目${SOURCE_NAMES[source]}的本年、上年金额（基本支出和项目支出）将一并删除，${roleTableNo(set, 'summary')}至${roleTableNo(set, 'gpb')}的合计随之减少。`
        : '该科目所有资金来源的金额将一并删除。',
    };
  }
  if (body.type === 'econTree') {
    if (row.role !== 'item') return { ok: false, message: '类行是其下各款的合计，不能直接删除；请删除其下的款' };
    return { ok: true, edit: { op: 'removeEconLine', scheme: body.scheme, kind: body.kind, code: row.key }, detail: '' };
  }
  if (body.type === 'projectList') {
    if (row.role !== 'item') return { ok: false, message: '合计行不能删除' };
    return { ok: true, edit: { op: 'removeProject', id: row.key }, detail: projectDetail(set, 'targets') };
  }
  if (body.type === 'procurement') {
    if (row.role !== 'item') return { ok: false, message: '合计行不能删除' };
    return { ok: true, edit: { op: 'removeProcurement', id: row.key }, detail: '' };
  }
  const index = indicatorIndex(row.key);
  if (index !== null) {
    const owner = body.type === 'form' ? 'department' : (table.projectId ?? '');
    return { ok: true, edit: { op: 'removeIndicator', owner, index }, detail: '' };
  }
  return { ok: false, message: '这一行是表格的固定内容，不能删除' };
}

/** What removing a project also removes, naming the set's tables. */
export function projectDetail(set: TemplateSet, what: 'targets' | 'indicators'): string {
  const list = roleTableNo(set, 'projects');
  return what === 'targets'
    ? `该项目在${list}的金额和在${roleTableNo(set, 'keyProjects')}/${roleTableNo(set, 'generalProjects')}的绩效目标将一并删除。`
    : `该项目在${list}的金额和全部绩效指标将一并删除。`;
}

/** 删除项目 (from its 表十六/十七 block): undo returns to the project list. Null when there is no such project. */
export function removeProject(budget: Budget, set: TemplateSet, projectId: string, fromTable: string): RowOp | null {
  const p = budget.projects.find((x) => x.id === projectId);
  if (!p) return null;
  const at: RowTarget = { table: tableOfRole(set, 'projects')?.id ?? fromTable, row: projectId, pick: { input: 'project', field: 'name' } };
  return { edits: [{ op: 'removeProject', id: projectId }], undo: at, focus: at, message: `已删除项目“${p.name}”` };
}

// ------------------------------------------------------------------ moving

/**
 * 上移 / 下移 a row of an ordered list (projects in the project list, procurement lines,
 * indicators) by `delta` places: its remove and its insert at the new place, one undo step. Rows
 * ordered by code (科目) have no order of their own: null, as for a row at the end of its list.
 */
export function moveRow(budget: Budget, t: TableTemplate, table: DerivedTable, rowKey: string, delta: -1 | 1): RowOp | null {
  const body = t.body;
  const ind = indicatorIndex(rowKey);
  if (ind !== null) {
    const owner = body.type === 'form' ? 'department' : (table.projectId ?? '');
    const list = indicatorList(budget, owner);
    const to = ind + delta;
    if (!list || !list[ind] || to < 0 || to >= list.length) return null;
    const at: RowTarget = { table: table.id, row: indicatorRow(to), pick: { input: 'indicator', field: 'name' } };
    return {
      edits: [
        { op: 'removeIndicator', owner, index: ind },
        { op: 'insertIndicator', owner, index: to, indicator: { ...list[ind] } },
      ],
      undo: at,
      focus: at,
      message: delta < 0 ? '已上移一行绩效指标' : '已下移一行绩效指标',
    };
  }
  if (body.type === 'projectList') {
    const from = budget.projects.findIndex((p) => p.id === rowKey);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= budget.projects.length) return null;
    const project = budget.projects[from];
    const at: RowTarget = { table: table.id, row: rowKey, pick: { input: 'project', field: 'name' } };
    return {
      edits: [
        { op: 'removeProject', id: rowKey },
        { op: 'insertProject', project: structuredClone(project), index: to },
      ],
      undo: at,
      focus: at,
      message: `已${delta < 0 ? '上移' : '下移'}项目“${project.name}”`,
    };
  }
  if (body.type === 'procurement') {
    const from = budget.procurement.findIndex((l) => l.id === rowKey);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= budget.procurement.length) return null;
    const at: RowTarget = { table: table.id, row: rowKey, pick: { input: 'procurement', field: 'item' } };
    return {
      edits: [
        { op: 'removeProcurement', id: rowKey },
        { op: 'insertProcurement', line: { ...budget.procurement[from] }, index: to },
      ],
      undo: at,
      focus: at,
      message: delta < 0 ? '已上移一行采购项目' : '已下移一行采购项目',
    };
  }
  return null;
}

/** Whether the rows of this table have an order the officer may change (上移 / 下移). */
export function movable(t: TableTemplate): boolean {
  return t.body.type === 'projectList' || t.body.type === 'procurement' || t.body.type === 'projectBlocks' || (t.body.type === 'form' && t.body.owner === 'department');
}
