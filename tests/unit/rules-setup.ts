/**
 * Shared by the rule tests: the sample, edits applied through the model (the way the grid types),
 * derived tables that a test may alter cell by cell (for rules no input edit can break: imported
 * tables must still be checked), and lookups of findings by rule id.
 */
import { expect } from 'vitest';
import { builtinCatalog } from '../../shared/catalog/index';
import { applyEdits, type Edit } from '../../shared/model/edit';
import type { Budget } from '../../shared/model/types';
import { formatAmount } from '../../shared/money/money';
import { makeRuleContext, runRules, TABLE_RULES, type Finding } from '../../shared/rules/index';
import type { CellRef } from '../../shared/rules/types';
import { yubeiBigData2024 } from '../../shared/sample/yubei-2024';
import { CHONGQING_YUBEI_2024, deriveTables, type Cell, type DerivedTable } from '../../shared/tables/index';

export const catalog = builtinCatalog();
export const env = { catalog, templates: CHONGQING_YUBEI_2024 };

/** The sample with edits applied (each must be accepted). */
export function sampleWith(...edits: Edit[]): Budget {
  const b = yubeiBigData2024();
  const r = applyEdits(b, edits);
  if (!r.ok) throw new Error(`edit rejected: ${r.reason}`);
  return b;
}

/** Every table/input rule's findings (the narrative rules have their own tests). */
export function check(budget: Budget, alter?: (tables: DerivedTable[]) => DerivedTable[] | void): Finding[] {
  let tables = deriveTables(budget, env);
  if (alter) tables = alter(tables) ?? tables;
  return runRules(makeRuleContext(budget, tables, env), TABLE_RULES);
}

export const of = (findings: readonly Finding[], id: string) => findings.filter((f) => f.id === id);

/** The one finding of a rule (fails the test when there is none or several). */
export function only(findings: readonly Finding[], id: string): Finding {
  const list = of(findings, id);
  expect(list.map((f) => f.message), `findings of ${id}`).toHaveLength(1);
  return list[0];
}

export const ref = (table: string, row: string, column: string): CellRef => ({ table, row, column });

export function table(tables: readonly DerivedTable[], id: string): DerivedTable {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

export function cell(tables: readonly DerivedTable[], id: string, row: string, col: string): Cell {
  const r = table(tables, id).body.find((x) => x.key === row);
  const c = r?.cells.find((x) => x.col === col && !x.covered);
  if (!c) throw new Error(`no cell ${id}/${row}/${col}`);
  return c;
}

/** Sets a money cell of a derived table (value and printed text), as an imported table could show it. */
export function setMoney(tables: readonly DerivedTable[], id: string, row: string, col: string, fen: number): void {
  const c = cell(tables, id, row, col);
  c.fen = fen;
  c.text = formatAmount(fen);
}

/** Adds 分 to a money cell of a derived table. */
export function bump(tables: readonly DerivedTable[], id: string, row: string, col: string, by = 1): void {
  setMoney(tables, id, row, col, (cell(tables, id, row, col).fen ?? 0) + by);
}

/** The cell of a 表一/表四 line ('income:gpb', 'class:215'). */
export function lineCell(tables: readonly DerivedTable[], id: string, line: string, col: string): Cell {
  for (const r of table(tables, id).body) {
    const c = r.cells.find((x) => x.col === col && (x as { line?: string }).line === line);
    if (c) return c;
  }
  throw new Error(`no line ${id}/${line}/${col}`);
}
