/**
 * The rules find tables by role through the rule context's template set (shared/tables/roles.ts),
 * and name them by the set's own numbers (`t.no`). This file also resolves what a rule reads
 * against the set, once per set: a read that does not resolve makes the rule 无法核验.
 */
import { INCOME_SOURCE_COLUMNS as INCOME_SOURCES } from '../tables/kit';
import { layoutRows } from '../tables/layout';
import { roleTableNo, TABLE_ROLES, templateOf, type TableRole } from '../tables/roles';
import type { FormBinding, TableTemplate, TemplateSet } from '../tables/template-types';
import type { DerivedTable } from '../tables/types';
import { TABLE_ROLE_NAMES } from '../text/terms';
import type { RoleRead, RuleContext } from './types';

/** Column keys a role's table uses for what the rules read. */
export const COL = {
  total: 'total',
  basic: 'basic',
  project: 'project',
  prior: 'prior',
  current: 'current',
  change: 'change',
  personnel: 'personnel',
  public: 'public',
  // summary / appropriation
  inLabel: 'inLabel',
  inAmount: 'inAmount',
  outLabel: 'outLabel',
  outAmount: 'outAmount',
  outTotal: 'outTotal',
  outGpb: 'outGpb',
  outFund: 'outFund',
  outSoe: 'outSoe',
  // projects / procurement
  projectName: 'projectName',
} as const;

/** Summary lines (semantic keys on the cells of the summary and appropriation tables). */
export const LINES = {
  incomeTotal: 'incomeTotal',
  incomeCurrent: 'incomeCurrent',
  carryover: 'carryover',
  reserve: 'reserve',
  spendTotal: 'spendTotal',
  spendCurrent: 'spendCurrent',
  carryForward: 'carryForward',
} as const;

/** Summary rows keyed by what they list: an income source's line, a function 类's line. */
export const LINE_OF = {
  incomeSource: (source: string) => `income:${source}`,
  spendClass: (classCode: string) => `class:${classCode}`,
} as const;

/** The income table's columns that are sources of income (合计 = their sum). */
export const INCOME_SOURCE_COLUMNS: readonly string[] = INCOME_SOURCES.map((c) => c.key);

/** The 三公 table: one row, a column per year and item. */
export const THREE_PUBLIC = {
  row: 'amounts',
  years: ['current', 'prior'] as const,
  col: (year: 'current' | 'prior', item: 'total' | 'abroad' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation' | 'reception') =>
    `${year}:${item}`,
};

export const FUNCTION_TREES: readonly TableRole[] = ['income', 'spending', 'gpb', 'fund', 'soe'];
export const ECON_TREES: readonly TableRole[] = ['basicDept', 'basicGov', 'projectDept', 'projectGov'];
export const PROJECT_BLOCKS: readonly TableRole[] = ['keyProjects', 'generalProjects'];
/** The 143号 minimum ("8张表"): missing one of these is an error, any other table a warning. */
export const MANDATORY_143: readonly TableRole[] = ['summary', 'income', 'spending', 'appropriation', 'gpb', 'basicDept', 'threePublic', 'fund'];

// ------------------------------------------------------------------------------------------------
// Roles of a set (computed once per set)

interface SetRoles {
  byRole: Map<TableRole, TableTemplate>;
  byId: Map<string, TableRole>;
  /**
   * By derived table id ('t16:p10'), its role (null: none), so a lookup does not cut the id to
   * its template's every time (every table rule asks for every table). Emptied when it grows
   * large: ids of projects deleted long ago need not stay.
   */
  byTable: Map<string, TableRole | null>;
  nos: Record<TableRole, string>;
  /** Per role and field: where it is printed (undefined: nowhere). */
  fields: Map<TableRole, Map<FormBinding, { row: string; column: string } | undefined>>;
}

const setCache = new WeakMap<TemplateSet, SetRoles>();

function rolesOfSet(set: TemplateSet): SetRoles {
  let r = setCache.get(set);
  if (!r) {
    const byRole = new Map<TableRole, TableTemplate>();
    const byId = new Map<string, TableRole>();
    for (const t of set.tables) {
      if (!t.role) continue;
      if (!byRole.has(t.role)) byRole.set(t.role, t);
      byId.set(t.id, t.role);
    }
    const nos = Object.fromEntries(TABLE_ROLES.map((role) => [role, roleTableNo(set, role)])) as Record<TableRole, string>;
    r = { byRole, byId, byTable: new Map(), nos, fields: new Map() };
    setCache.set(set, r);
  }
  return r;
}

function setOf(ctx: RuleContext): TemplateSet {
  if (!ctx.templates) throw new Error('没有报表模板，无法按表格角色查找表格');
  return ctx.templates;
}

/** The id of the table playing a role in the context's set. */
export function roleId(ctx: RuleContext, role: TableRole): string | undefined {
  return rolesOfSet(setOf(ctx)).byRole.get(role)?.id;
}

/** The printed number of each role's table in a set (see tableNos). */
export function setTableNos(set: TemplateSet): Readonly<Record<TableRole, string>> {
  return rolesOfSet(set).nos;
}

/** The (first) derived table playing a role. */
export function roleTable(ctx: RuleContext, role: TableRole): DerivedTable | undefined {
  const id = roleId(ctx, role);
  return id ? ctx.table(id) : undefined;
}

/** The printed number of each role's table (its `no`), or the role's name when the set has no such table. */
export function tableNos(ctx: RuleContext): Readonly<Record<TableRole, string>> {
  return rolesOfSet(setOf(ctx)).nos;
}

/** The role a derived table plays (a project block: the role of its template). */
export function roleOf(set: TemplateSet | undefined, tableId: string): TableRole | undefined {
  if (!set) return undefined;
  const roles = rolesOfSet(set);
  let role = roles.byTable.get(tableId);
  if (role === undefined) {
    if (roles.byTable.size >= 20_000) roles.byTable.clear();
    roles.byTable.set(tableId, (role = roles.byId.get(templateOf(tableId)) ?? null));
  }
  return role ?? undefined;
}

/** The id of the (first) template playing a role in a set. */
export function roleTemplateId(set: TemplateSet, role: TableRole): string | undefined {
  return rolesOfSet(set).byRole.get(role)?.id;
}

/** Template ids of roles in a set (for a session's dependency tracking). */
export function roleIds(set: TemplateSet, roles: readonly TableRole[]): string[] {
  const m = rolesOfSet(set).byRole;
  return roles.flatMap((r) => (m.has(r) ? [m.get(r)!.id] : []));
}

/** Where a form field ('dept.total', 'project.total') is printed in a role's table: its row key and column. */
export function fieldPlace(set: TemplateSet, role: TableRole, field: FormBinding): { row: string; column: string } | undefined {
  const roles = rolesOfSet(set);
  let known = roles.fields.get(role);
  if (!known) roles.fields.set(role, (known = new Map()));
  if (known.has(field)) return known.get(field);
  const t = roles.byRole.get(role);
  let place: { row: string; column: string } | undefined;
  if (t && (t.body.type === 'form' || t.body.type === 'projectBlocks')) {
    const rows = t.body.rows;
    // Lay the rows out as the interpreter does; each cell carries its binding as text to be found again.
    const laid = layoutRows(
      rows.map((r) => r.cells.map((c) => ({ text: c.bind ?? '', kind: 'text' as const, colSpan: c.colSpan, rowSpan: c.rowSpan }))),
      t.columns,
    );
    laid.forEach((cells, i) => {
      const hit = cells.find((c) => !c.covered && c.text === field);
      if (hit && !place) place = { row: rows[i].key, column: hit.col };
    });
  }
  known.set(field, place);
  return place;
}

// ------------------------------------------------------------------------------------------------
// Resolving what rules read (once per set and read list)

export interface Resolution {
  /** False when the set has no table for a role the rule needs: the rule does not apply. */
  applies: boolean;
  /** Reads that do not resolve, in Chinese ('<no>（…）没有“basic”列'). */
  missing: string[];
}

const resolutionCache = new WeakMap<TemplateSet, WeakMap<readonly RoleRead[], Resolution>>();

function summaryHasLine(t: TableTemplate, line: string, column: string): boolean {
  if (t.body.type !== 'summary') return false;
  const body = t.body;
  return body.sections.some(
    (s) =>
      (s.left.lines?.some((l) => l.key === line) && body.leftColumns.includes(column)) ||
      (s.right.lines?.some((l) => l.key === line) && body.rightColumns.includes(column)),
  );
}

export function resolveReads(set: TemplateSet, reads: readonly RoleRead[]): Resolution {
  let bySet = resolutionCache.get(set);
  if (!bySet) resolutionCache.set(set, (bySet = new WeakMap()));
  const hit = bySet.get(reads);
  if (hit) return hit;
  const roles = rolesOfSet(set);
  const missing: string[] = [];
  let applies = true;
  for (const r of reads) {
    const t = roles.byRole.get(r.table);
    if (!t) {
      if (!r.optional) applies = false;
      continue;
    }
    const name = `${t.no}（${TABLE_ROLE_NAMES[r.table]}）`;
    if (r.column && !t.columns.some((c) => c.key === r.column)) missing.push(`${name}没有“${r.column}”列`);
    else if (r.line && !summaryHasLine(t, r.line, r.column ?? '')) missing.push(`${name}没有“${r.line}”行`);
    else if (r.field && !fieldPlace(set, r.table, r.field)) missing.push(`${name}没有“${r.field}”栏目`);
  }
  const out = { applies, missing: [...new Set(missing)] };
  bySet.set(reads, out);
  return out;
}

/** Shorthands for declaring reads. */
export const reads = {
  table: (table: TableRole, optional = false): RoleRead => ({ table, optional }),
  column: (table: TableRole, column: string, optional = false): RoleRead => ({ table, column, optional }),
  line: (table: TableRole, line: string, column: string): RoleRead => ({ table, line, column }),
  field: (table: TableRole, field: FormBinding): RoleRead => ({ table, field }),
};
