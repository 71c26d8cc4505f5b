/**
 * The empty objects a new row starts from (a project, a procurement line, an indicator): one place,
 * used by the window's 添加 and by the workbook import. Every amount is 0 and every text '': nothing
 * the officer did not type.
 */
import type { Budget, Indicator, ProcurementLine, Project, ProjectCategory } from './types';
import { maxOf } from '../arrays';

/** The next free id 'p7' after 'p1'…'p6' (ids that do not follow the pattern are ignored). */
export function nextId(prefix: string, ids: readonly string[]): string {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const numbers = ids.map((id) => pattern.exec(id)).map((m) => (m ? Number(m[1]) : 0));
  return `${prefix}${maxOf(numbers, 0) + 1}`;
}

/** A project with no money, no texts and no indicators yet. */
export function blankProject(fields: {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  department: string;
  functionCode?: string;
  category?: ProjectCategory;
  hasTargets?: boolean;
}): Project {
  return {
    id: fields.id,
    name: fields.name,
    unitCode: fields.unitCode,
    unitName: fields.unitName,
    functionCode: fields.functionCode ?? '',
    category: fields.category ?? 'general',
    amounts: {},
    district: 0,
    town: 0,
    department: fields.department,
    summary: '',
    basis: '',
    goal: '',
    description: '',
    hasTargets: fields.hasTargets ?? false,
    indicators: [],
  };
}

/** The unit a new row belongs to by default: the department's own office (本级), else its first unit. */
function ownUnit(budget: Budget): { code: string; name: string } | undefined {
  return budget.units.find((u) => u.isOwnOffice) ?? budget.units[0];
}

/** What the 添加项目 dialog asks for. */
export interface NewProjectFields {
  name: string;
  functionCode: string;
  category: ProjectCategory;
  hasTargets: boolean;
}

/** A new project of this budget: the next id, booked to the own office. */
export function newProject(budget: Budget, v: NewProjectFields): Project {
  const own = ownUnit(budget);
  return blankProject({
    id: nextId('p', budget.projects.map((p) => p.id)),
    name: v.name,
    unitCode: own?.code ?? '',
    unitName: own?.name ?? budget.meta.department,
    department: budget.meta.department,
    functionCode: v.functionCode,
    category: v.category,
    hasTargets: v.hasTargets,
  });
}

/** A new, empty 政府采购 line of this budget (the next id, the own office, 一般公共预算). */
export function newProcurement(budget: Budget): ProcurementLine {
  const own = ownUnit(budget);
  return {
    id: nextId('c', budget.procurement.map((l) => l.id)),
    deptCode: budget.meta.departmentCode,
    deptName: budget.meta.department,
    unitCode: own?.code ?? '',
    unitName: own?.name ?? '',
    item: '',
    goods: 0,
    works: 0,
    services: 0,
    source: 'gpb',
  };
}

/** An indicator with nothing filled in. */
export function blankIndicator(): Indicator {
  return { name: '', weight: '', unit: '', nature: '', value: '', core: false };
}
