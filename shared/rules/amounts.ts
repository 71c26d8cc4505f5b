/**
 * Amounts as rules compare them: a value in 分 with what to call it in a message and the cells it
 * comes from, or `Missing` when it cannot be read (its table is absent, its cell is not a number).
 * A comparison with a missing side is 无法核验, never a pass (findings.ts).
 */
import { sumFen, type Fen } from '../money/money';
import type { DerivedTable, Row } from '../tables/types';
import { cellFen, cellIn, columnLabel, lineOf, rowLabel, rowOf } from '../tables/lookup';

import { fieldPlace } from './roles';
import type { TableRole } from '../tables/roles';
import type { FormBinding } from '../tables/template-types';
import type { CellRef, RuleContext } from './types';

export interface Amount {
  fen: Fen;
  /** Built only when a message needs it (most amounts agree and are never named). */
  readonly label: string;
  cells: CellRef[];
}

/** What could not be read, in words ('<basicGov no>合计'), and why. */
export interface Missing {
  readonly missing: string;
}

export type Value = Amount | Missing;

export type Label = string | (() => string);

export const isMissing = (v: Value): v is Missing => 'missing' in v;

export const cellRef = (table: string, row: string, column: string): CellRef => ({ table, row, column });

/** An Amount whose label is computed on first use. */
function makeAmount(fen: Fen, label: Label, cells: CellRef[]): Amount {
  if (typeof label === 'string') return { fen, label, cells };
  let text: string | undefined;
  return {
    fen,
    cells,
    get label() {
      return (text ??= label());
    },
  };
}

function missing(label: Label, why: string): Missing {
  let name = '';
  try {
    name = typeof label === 'string' ? label : label();
  } catch {
    // a label built from the absent table itself
  }
  return { missing: `${name}${why}` };
}

/** A money cell as an Amount: 0 with no cell when the row is absent (a tree row not printed). */
export function amountAt(t: DerivedTable | undefined, rowKey: string, col: string, label: Label): Value {
  return t ? amountIn(t, rowOf(t, rowKey), col, label) : missing(label, '（本文件没有该表）');
}

/** A money cell of a row of `t` (possibly absent) as an Amount. */
function amountIn(t: DerivedTable, row: Row | undefined, col: string, label: Label): Value {
  const cell = cellIn(row, col);
  const fen = cellFen(cell);
  if (fen === null) return missing(label, `“${cell?.text ?? ''}”不是金额`);
  return makeAmount(fen, label, row && cell ? [cellRef(t.id, row.key, col)] : []);
}

/** A summary line as an Amount, found by its line key (0 when the line is not printed). */
export function lineAmount(t: DerivedTable | undefined, line: string, col: string, label: Label): Value {
  if (!t) return missing(label, '（本文件没有该表）');
  const hit = lineOf(t, line, col);
  const fen = cellFen(hit?.cell);
  if (fen === null) return missing(label, `“${hit?.cell.text ?? ''}”不是金额`);
  return makeAmount(fen, label, hit ? [cellRef(t.id, hit.row.key, col)] : []);
}

/** A cell of a row as an Amount labelled '<no> 215 资源勘探工业信息等支出（总计）'. */
export function rowAmount(t: DerivedTable, row: Row, col: string, label?: Label): Value {
  const name: Label =
    label ??
    (() => {
      const colText = columnLabel(t, col);
      return colText ? `${rowLabel(t, row)}（${colText}）` : rowLabel(t, row);
    });
  const cell = cellIn(row, col);
  if (!cell) return missing(name, '（没有该栏）');
  const fen = cellFen(cell);
  if (fen === null) return missing(name, `“${cell.text}”不是金额`);
  return makeAmount(fen, name, [cellRef(t.id, row.key, col)]);
}

/**
 * The row of `key` in a form table (the first, as rowOf): a project block has about fifteen rows,
 * so they are scanned rather than indexed in a map per block (600 blocks read a few fields each).
 */
function formRow(t: DerivedTable, key: string): Row | undefined {
  const body = t.body;
  if (body.length > 32) return rowOf(t, key);
  for (let i = 0; i < body.length; i++) if (body[i].key === key) return body[i];
  return undefined;
}

/**
 * The amount of a bound form field as fieldAmount reads it, without building the Amount: its fen,
 * null when it is no amount, undefined when the template does not print the field (fieldAmount:
 * missing) — so a rule decides the usual agreeing case from raw amounts.
 */
export function fieldFen(ctx: RuleContext, t: DerivedTable, role: TableRole, field: FormBinding): Fen | null | undefined {
  const place = ctx.templates ? fieldPlace(ctx.templates, role, field) : undefined;
  return place ? cellFen(cellIn(formRow(t, place.row), place.column)) : undefined;
}

/** A bound form field of a role's table (the department target table's 部门支出预算数, a project block's 当年预算). */
export function fieldAmount(ctx: RuleContext, t: DerivedTable | undefined, role: TableRole, field: FormBinding, label: Label): Value {
  const place = ctx.templates ? fieldPlace(ctx.templates, role, field) : undefined;
  if (!place) return missing(label, `（模板没有“${field}”栏目）`);
  return t ? amountIn(t, formRow(t, place.row), place.column, label) : missing(label, '（本文件没有该表）');
}

/** The printed text of a bound form field ('' when absent), with its cell. */
export function fieldText(ctx: RuleContext, t: DerivedTable, role: TableRole, field: FormBinding): { text: string; cell: CellRef | null } {
  const place = ctx.templates ? fieldPlace(ctx.templates, role, field) : undefined;
  const cell = place ? cellIn(formRow(t, place.row), place.column) : undefined;
  return place && cell ? { text: cell.text, cell: cellRef(t.id, place.row, place.column) } : { text: '', cell: null };
}

/** Σ parts as one Amount (Missing when one of them is). */
export function sumAmounts(parts: readonly Value[], label: Label): Value {
  const gone = parts.find(isMissing);
  if (gone) return gone;
  const ps = parts as Amount[];
  return makeAmount(sumFen(ps.map((p) => p.fen)), label, ps.flatMap((p) => p.cells));
}

export function constAmount(fen: Fen, label: string): Amount {
  return { fen, label, cells: [] };
}
