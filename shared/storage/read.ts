/**
 * Rows of the current schema → Budget. Every value is type-checked: IT staff may open the file in
 * any SQLite tool, and a hand-edited cell should be refused with its table and column named, not
 * turn into NaN somewhere in a derived table.
 */
import { emptyAssets, emptyThreePublic } from '../model/budget';
import {
  SOURCES,
  THREE_PUBLIC_ITEMS,
  VEHICLE_KINDS,
  type Budget,
  type BudgetMeta,
  type Indicator,
  type Project,
  type SourceKey,
} from '../model/types';
import type { SqlDatabase, SqlValue } from './sqljs';
import { queryAll, type Row } from './db';
import { DEPARTMENT_OWNER, META_KEYS } from './layout';

/** A value the reader cannot accept; the opener reports it as a damaged file. */
export class UnreadableContent extends Error {}

class Cells {
  constructor(
    private readonly table: string,
    private readonly index: number,
    private readonly row: Row,
  ) {}

  private bad(column: string, expected: string): never {
    const v = this.row[column];
    const shown = v instanceof Uint8Array ? '二进制数据' : v === null || v === undefined ? '空值' : `“${String(v)}”`;
    throw new UnreadableContent(`表 ${this.table} 第 ${this.index + 1} 行的 ${column} 为${shown}，应为${expected}`);
  }

  text(column: string): string {
    const v = this.row[column];
    return typeof v === 'string' ? v : this.bad(column, '文本');
  }

  int(column: string, expected = '整数'): number {
    const v = this.row[column];
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : this.bad(column, expected);
  }

  fen(column: string): number {
    return this.int(column, '整数（分）');
  }

  bool(column: string): boolean {
    const v = this.row[column];
    return v === 0 || v === 1 ? v === 1 : this.bad(column, '0 或 1');
  }

  optionalBool(column: string): boolean | undefined {
    return this.row[column] === null ? undefined : this.bool(column);
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const v = this.row[column];
    return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : this.bad(column, allowed.join('/'));
  }
}

function rows(db: SqlDatabase, table: string, sql: string): Cells[] {
  return queryAll(db, sql).map((row, i) => new Cells(table, i, row));
}

/** Sets a free-form key without letting a key like "__proto__" reach the prototype. */
function put<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function readMeta(db: SqlDatabase): { meta: BudgetMeta; goal: string; priorOperatingCost: number | null } {
  const values = new Map<string, SqlValue>();
  for (const r of queryAll(db, 'SELECT key, value FROM meta ORDER BY rowid')) values.set(String(r.key), r.value);
  const text = (key: string): string => {
    const v = values.get(key);
    if (typeof v !== 'string') {
      throw new UnreadableContent(v === undefined ? `表 meta 缺少 ${key}` : `表 meta 的 ${key} 应为文本`);
    }
    return v;
  };
  const int = (key: string): number => {
    const v = values.get(key);
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new UnreadableContent(v === undefined ? `表 meta 缺少 ${key}` : `表 meta 的 ${key} 应为整数`);
    }
    return v;
  };
  return {
    meta: {
      department: text(META_KEYS.department),
      shortName: text(META_KEYS.shortName),
      departmentCode: text(META_KEYS.departmentCode),
      district: text(META_KEYS.district),
      year: int(META_KEYS.year),
      templateId: text(META_KEYS.templateId),
      compilingUnit: text(META_KEYS.compilingUnit),
      approvalDate: text(META_KEYS.approvalDate),
      publishDate: text(META_KEYS.publishDate),
    },
    goal: text(META_KEYS.performanceGoal),
    priorOperatingCost: values.has(META_KEYS.priorOperatingCost) ? int(META_KEYS.priorOperatingCost) : null,
  };
}

function indicatorOf(c: Cells): Indicator {
  return {
    name: c.text('name'),
    weight: c.text('weight'),
    unit: c.text('unit'),
    nature: c.text('nature'),
    value: c.text('value'),
    core: c.bool('is_core'),
  };
}

export function readBudget(db: SqlDatabase): Budget {
  const { meta, goal, priorOperatingCost } = readMeta(db);

  const units = rows(db, 'units', 'SELECT code, name, kind, is_own_office FROM units ORDER BY position').map((c) => ({
    code: c.text('code'),
    name: c.text('name'),
    kind: c.oneOf('kind', ['administrative', 'institution'] as const),
    isOwnOffice: c.bool('is_own_office'),
  }));

  const functionLines = rows(
    db,
    'function_lines',
    'SELECT code, kind, source, current_fen, prior_fen FROM function_lines ORDER BY position',
  ).map((c) => ({
    code: c.text('code'),
    kind: c.oneOf('kind', ['basic', 'project'] as const),
    source: c.oneOf('source', SOURCES),
    current: c.fen('current_fen'),
    prior: c.fen('prior_fen'),
  }));

  const econLines = rows(db, 'econ_lines', 'SELECT scheme, kind, code, amount_fen FROM econ_lines ORDER BY position').map(
    (c) => ({
      scheme: c.oneOf('scheme', ['department', 'government'] as const),
      kind: c.oneOf('kind', ['basic', 'project'] as const),
      code: c.text('code'),
      amount: c.fen('amount_fen'),
    }),
  );

  const threePublic = emptyThreePublic();
  for (const c of rows(db, 'three_public', 'SELECT year_slot, item, amount_fen FROM three_public')) {
    threePublic[c.oneOf('year_slot', ['current', 'prior'] as const)][c.oneOf('item', THREE_PUBLIC_ITEMS)] = c.fen('amount_fen');
  }

  const projects: Project[] = rows(
    db,
    'projects',
    `SELECT id, name, unit_code, unit_name, function_code, category, district_fen, town_fen, department, summary,
            basis, goal, description, has_targets, needs_review
       FROM projects ORDER BY position`,
  ).map((c) => {
    const p: Project = {
      id: c.text('id'),
      name: c.text('name'),
      unitCode: c.text('unit_code'),
      unitName: c.text('unit_name'),
      functionCode: c.text('function_code'),
      category: c.oneOf('category', ['key', 'general'] as const),
      amounts: {},
      district: c.fen('district_fen'),
      town: c.fen('town_fen'),
      department: c.text('department'),
      summary: c.text('summary'),
      basis: c.text('basis'),
      goal: c.text('goal'),
      description: c.text('description'),
      hasTargets: c.bool('has_targets'),
      indicators: [],
    };
    // Optional in the model: NULL stays absent, so a round trip is exact.
    const needsReview = c.optionalBool('needs_review');
    if (needsReview !== undefined) p.needsReview = needsReview;
    return p;
  });
  const byId = new Map(projects.map((p) => [p.id, p]));

  for (const c of rows(db, 'project_amounts', 'SELECT project_id, source, amount_fen FROM project_amounts ORDER BY rowid')) {
    const p = byId.get(c.text('project_id'));
    if (!p) throw new UnreadableContent(`表 project_amounts 引用了不存在的项目“${c.text('project_id')}”`);
    p.amounts[c.oneOf('source', SOURCES)] = c.fen('amount_fen');
  }

  const departmentIndicators: Indicator[] = [];
  for (const c of rows(
    db,
    'performance_indicators',
    'SELECT owner, name, weight, unit, nature, value, is_core FROM performance_indicators ORDER BY owner, position',
  )) {
    const owner = c.text('owner');
    const list = owner === DEPARTMENT_OWNER ? departmentIndicators : byId.get(owner)?.indicators;
    if (!list) throw new UnreadableContent(`表 performance_indicators 引用了不存在的项目“${owner}”`);
    list.push(indicatorOf(c));
  }

  const procurement = rows(
    db,
    'procurement_lines',
    `SELECT id, dept_code, dept_name, unit_code, unit_name, item, goods_fen, works_fen, services_fen, source
       FROM procurement_lines ORDER BY position`,
  ).map((c) => ({
    id: c.text('id'),
    deptCode: c.text('dept_code'),
    deptName: c.text('dept_name'),
    unitCode: c.text('unit_code'),
    unitName: c.text('unit_name'),
    item: c.text('item'),
    goods: c.fen('goods_fen'),
    works: c.fen('works_fen'),
    services: c.fen('services_fen'),
    source: c.oneOf('source', SOURCES),
  }));

  const assets = emptyAssets();
  for (const c of rows(db, 'assets', 'SELECT item, held, planned FROM assets')) {
    const item = c.oneOf('item', [...VEHICLE_KINDS, 'equipment'] as const);
    if (item === 'equipment') {
      assets.equipmentHeld = c.int('held');
      assets.equipmentPlanned = c.int('planned');
    } else {
      assets.vehiclesHeld[item] = c.int('held');
      assets.vehiclesPlanned[item] = c.int('planned');
    }
  }

  const texts: Record<string, string> = {};
  for (const c of rows(db, 'texts', 'SELECT key, value FROM texts ORDER BY rowid')) put(texts, c.text('key'), c.text('value'));

  const carryForward: Partial<Record<SourceKey, number>> = {};
  for (const c of rows(db, 'carry_forward', 'SELECT source, amount_fen FROM carry_forward ORDER BY rowid')) {
    carryForward[c.oneOf('source', SOURCES)] = c.fen('amount_fen');
  }

  const nameOverrides: Record<string, string> = {};
  for (const c of rows(db, 'name_overrides', 'SELECT key, name FROM name_overrides ORDER BY rowid')) {
    put(nameOverrides, c.text('key'), c.text('name'));
  }

  return {
    meta,
    units,
    functionLines,
    econLines,
    threePublic,
    projects,
    procurement,
    performance: { goal, indicators: departmentIndicators },
    assets,
    texts,
    priorOperatingCost,
    carryForward,
    nameOverrides,
  };
}
