/** Budget → rows of the current schema. Runs inside the caller's transaction. */
import type { Budget, Indicator, SourceKey } from '../model/types';
import { THREE_PUBLIC_ITEMS, VEHICLE_KINDS } from '../model/types';
import type { SqlDatabase, SqlValue } from './sqljs';
import { insertMany } from './db';
import { BudgetSaveError } from './errors';
import { DEPARTMENT_OWNER, META_KEYS } from './layout';

/** An amount must be a whole number of 分 that SQLite's INTEGER and JS numbers both hold exactly. */
function fen(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new BudgetSaveError(`${what}的金额“${value}”不是整数分`);
  return value;
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new BudgetSaveError(`${what}的数量“${value}”不是非负整数`);
  return value;
}

/** A key set to undefined means absent, as in the model's own deletes. */
function definedEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).filter((e) => e[1] !== undefined);
}

const bit = (b: boolean): number => (b ? 1 : 0);

/** Keys present with a value (Partial records may carry `undefined`, which means absent). */
function presentEntries<K extends string>(record: Partial<Record<K, number>>): [K, number][] {
  return (Object.entries(record) as [K, number | undefined][]).filter((e): e is [K, number] => e[1] !== undefined);
}

/** Duplicates would be merged or refused by the file's keys; say which, in the officer's terms. */
function checkUnique(budget: Budget): void {
  const dup = <T>(items: readonly T[], key: (t: T) => string, what: (t: T) => string): void => {
    const seen = new Set<string>();
    for (const t of items) {
      const k = key(t);
      if (seen.has(k)) throw new BudgetSaveError(`${what(t)}重复出现`);
      seen.add(k);
    }
  };
  dup(budget.functionLines, (l) => `${l.code}|${l.kind}|${l.source}`, (l) => `功能分类科目 ${l.code}（${l.kind}、${l.source}）`);
  dup(budget.econLines, (l) => `${l.scheme}|${l.kind}|${l.code}`, (l) => `经济分类科目 ${l.code}（${l.scheme}、${l.kind}）`);
  dup(budget.projects, (p) => p.id, (p) => `项目编号“${p.id}”（${p.name}）`);
  dup(budget.procurement, (l) => l.id, (l) => `采购项目编号“${l.id}”（${l.item}）`);
  for (const p of budget.projects) {
    if (p.id === DEPARTMENT_OWNER) throw new BudgetSaveError(`项目编号不能是“${DEPARTMENT_OWNER}”（${p.name}）`);
  }
}

export function writeBudget(db: SqlDatabase, budget: Budget): void {
  checkUnique(budget);
  const m = budget.meta;

  const meta: [string, SqlValue][] = [
    [META_KEYS.department, m.department],
    [META_KEYS.shortName, m.shortName],
    [META_KEYS.departmentCode, m.departmentCode],
    [META_KEYS.district, m.district],
    [META_KEYS.year, count(m.year, '预算年度')],
    [META_KEYS.templateId, m.templateId],
    [META_KEYS.compilingUnit, m.compilingUnit],
    [META_KEYS.approvalDate, m.approvalDate],
    [META_KEYS.publishDate, m.publishDate],
    [META_KEYS.performanceGoal, budget.performance.goal],
  ];
  if (budget.priorOperatingCost !== null) {
    meta.push([META_KEYS.priorOperatingCost, fen(budget.priorOperatingCost, '上年机关运行经费')]);
  }
  // INSERT OR REPLACE: the schema steps may already have seeded a key (version 2 seeds the dates).
  insertMany(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', meta);

  insertMany(
    db,
    'INSERT INTO units (position, code, name, kind, is_own_office) VALUES (?, ?, ?, ?, ?)',
    budget.units.map((u, i) => [i, u.code, u.name, u.kind, bit(u.isOwnOffice)]),
  );

  insertMany(
    db,
    'INSERT INTO function_lines (position, code, kind, source, current_fen, prior_fen) VALUES (?, ?, ?, ?, ?, ?)',
    budget.functionLines.map((l, i) => [
      i,
      l.code,
      l.kind,
      l.source,
      fen(l.current, `功能分类科目 ${l.code} 本年`),
      fen(l.prior, `功能分类科目 ${l.code} 上年`),
    ]),
  );

  insertMany(
    db,
    'INSERT INTO econ_lines (position, scheme, kind, code, amount_fen) VALUES (?, ?, ?, ?, ?)',
    budget.econLines.map((l, i) => [i, l.scheme, l.kind, l.code, fen(l.amount, `经济分类科目 ${l.code}`)]),
  );

  insertMany(
    db,
    'INSERT INTO three_public (year_slot, item, amount_fen) VALUES (?, ?, ?)',
    (['current', 'prior'] as const).flatMap((slot) =>
      THREE_PUBLIC_ITEMS.map((item) => [slot, item, fen(budget.threePublic[slot][item], '“三公”经费')]),
    ),
  );

  insertMany(
    db,
    `INSERT INTO projects (id, position, name, unit_code, unit_name, function_code, category, district_fen, town_fen,
       department, summary, basis, goal, description, has_targets, needs_review)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    budget.projects.map((p, i) => [
      p.id,
      i,
      p.name,
      p.unitCode,
      p.unitName,
      p.functionCode,
      p.category,
      fen(p.district, `项目“${p.name}”区级支出`),
      fen(p.town, `项目“${p.name}”补助镇街`),
      p.department,
      p.summary,
      p.basis,
      p.goal,
      p.description,
      bit(p.hasTargets),
      p.needsReview === undefined ? null : bit(p.needsReview),
    ]),
  );

  insertMany(
    db,
    'INSERT INTO project_amounts (project_id, source, amount_fen) VALUES (?, ?, ?)',
    budget.projects.flatMap((p) =>
      presentEntries<SourceKey>(p.amounts).map(([source, amount]) => [p.id, source, fen(amount, `项目“${p.name}”`)]),
    ),
  );

  const indicatorRows = (owner: string, list: readonly Indicator[]): SqlValue[][] =>
    list.map((x, i) => [owner, i, x.name, x.weight, x.unit, x.nature, x.value, bit(x.core)]);
  insertMany(
    db,
    'INSERT INTO performance_indicators (owner, position, name, weight, unit, nature, value, is_core) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      ...indicatorRows(DEPARTMENT_OWNER, budget.performance.indicators),
      ...budget.projects.flatMap((p) => indicatorRows(p.id, p.indicators)),
    ],
  );

  insertMany(
    db,
    `INSERT INTO procurement_lines (id, position, dept_code, dept_name, unit_code, unit_name, item, goods_fen, works_fen,
       services_fen, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    budget.procurement.map((l, i) => [
      l.id,
      i,
      l.deptCode,
      l.deptName,
      l.unitCode,
      l.unitName,
      l.item,
      fen(l.goods, `采购项目“${l.item}”货物类`),
      fen(l.works, `采购项目“${l.item}”工程类`),
      fen(l.services, `采购项目“${l.item}”服务类`),
      l.source,
    ]),
  );

  const a = budget.assets;
  insertMany(db, 'INSERT INTO assets (item, held, planned) VALUES (?, ?, ?)', [
    ...VEHICLE_KINDS.map((k) => [k, count(a.vehiclesHeld[k], '车辆'), count(a.vehiclesPlanned[k], '拟购车辆')]),
    ['equipment', count(a.equipmentHeld, '大型设备'), count(a.equipmentPlanned, '拟购大型设备')],
  ]);

  insertMany(db, 'INSERT INTO texts (key, value) VALUES (?, ?)', definedEntries(budget.texts));

  insertMany(
    db,
    'INSERT INTO carry_forward (source, amount_fen) VALUES (?, ?)',
    presentEntries<SourceKey>(budget.carryForward).map(([source, amount]) => [source, fen(amount, '结转下年资金')]),
  );

  insertMany(db, 'INSERT INTO name_overrides (key, name) VALUES (?, ?)', definedEntries(budget.nameOverrides));
}
