/**
 * The identities between printed cells, as one table keyed by table role (RULES §5: SUM, XT, PERF).
 *
 * - `IDENTITY_FAMILIES`: which RULES id an identity between (or within) the tables of two roles
 *   belongs to. The import's localisation generates its identities from the template's expressions
 *   (shared/import/identities.ts) and names each by this table.
 * - `IDENTITIES`: the rules that are pure identities (a copy, an upper bound), as rows of
 *   (a, b, relation, message labels), interpreted by one function (`identityRule`): `holds` decides,
 *   `identityDrafts` words the finding. What a row reads is what the rule declares (`reads`), so a
 *   side that does not resolve in the set makes the rule 无法核验, and a session re-runs the rule only
 *   when one of its tables changed.
 */
import type { Fen } from '../money/money';
import type { FormBinding } from '../tables/template-types';
import type { TableRole } from '../tables/roles';
import type { DerivedTable } from '../tables/types';
import type { Row as TableRow } from '../tables/types';
import { cellFen, lineKeys, lineLabel, lineCell, rowName, rowOf, cellOf, type LineCell } from '../tables/lookup';
import { NONE, pushAll, sameItems } from '../arrays';
import { classesIn, codedIndex, predecessorOf, replacementDiff } from './lineage';
import { amountAt, fieldAmount, lineAmount, type Value } from './amounts';
import { defineRule, requireTables, type Emit } from './define';
import { atMostDrafts, equalDrafts, sumDrafts, unreadable, type Draft } from './findings';
import { ORGAN_SHARE } from './mappings';
import { COL, fieldPlace, INCOME_SOURCE_COLUMNS, LINES, reads as read, roleId, roleTable, tableNos, THREE_PUBLIC } from './roles';
import { THREE_PUBLIC_TABLE_LABELS } from '../text/terms';
import type { RoleRead, Rule, RuleContext, Severity } from './types';

// ------------------------------------------------------------------------------------------------
// Families: the rule of an identity by the roles of its tables

type Family = { rule: string; between: readonly [TableRole, TableRole] } | { rule: string; within: TableRole };

/**
 * Copies between two roles' tables, and sums within one role's table, named by their RULES id. A
 * pair not listed is XT-01 (a copy of the summary's money); a sum not listed is SUM-01/02/03.
 */
export const IDENTITY_FAMILIES: readonly Family[] = [
  { rule: 'SUM-04', between: ['summary', 'summary'] },
  { rule: 'SUM-06', between: ['appropriation', 'appropriation'] },
  { rule: 'XT-01', between: ['summary', 'spending'] },
  { rule: 'XT-02', between: ['summary', 'income'] },
  { rule: 'XT-02', between: ['income', 'spending'] },
  { rule: 'XT-03', between: ['summary', 'appropriation'] },
  { rule: 'XT-04', between: ['appropriation', 'gpb'] },
  { rule: 'XT-05', between: ['appropriation', 'fund'] },
  { rule: 'XT-05', between: ['appropriation', 'soe'] },
  { rule: 'XT-06', between: ['spending', 'gpb'] },
  { rule: 'XT-06', between: ['spending', 'fund'] },
  { rule: 'XT-06', between: ['spending', 'soe'] },
  { rule: 'XT-13', between: ['summary', 'deptPerformance'] },
  { rule: 'XT-13', between: ['spending', 'deptPerformance'] },
  { rule: 'PERF-05', between: ['projects', 'keyProjects'] },
  { rule: 'PERF-05', between: ['projects', 'generalProjects'] },
  { rule: 'SUM-04', within: 'summary' },
  { rule: 'SUM-05', within: 'income' },
  { rule: 'SUM-06', within: 'appropriation' },
  { rule: 'SUM-07', within: 'threePublic' },
  { rule: 'SUM-08', within: 'procurement' },
  { rule: 'SUM-09', within: 'projects' },
  { rule: 'PERF-01', within: 'keyProjects' },
  { rule: 'PERF-01', within: 'generalProjects' },
];

const pairKey = (a: TableRole, b: TableRole) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const COPIES = new Map(IDENTITY_FAMILIES.flatMap((f) => ('between' in f ? [[pairKey(...f.between), f.rule] as const] : [])));
const SUMS = new Map(IDENTITY_FAMILIES.flatMap((f) => ('within' in f ? [[f.within, f.rule] as const] : [])));

/** The rule of a copy between two roles' tables (either order); undefined when the table has none. */
export const ruleOfCopy = (a: TableRole, b: TableRole): string | undefined => COPIES.get(pairKey(a, b));
/** The rule of a sum within a role's table; undefined for the trees (SUM-01/02/03 by shape). */
export const ruleOfSum = (role: TableRole): string | undefined => SUMS.get(role);

// ------------------------------------------------------------------------------------------------
// One decision and one wording for every identity

export type Relation = '=' | '<=';

/** Does a relation hold between Σa and Σb, allowing |difference| up to `tolerance` 分? */
export function holds(relation: Relation, a: Fen, b: Fen, tolerance: Fen = 0): boolean {
  const d = a - b;
  return relation === '=' ? Math.abs(d) <= tolerance : d <= tolerance;
}

/** The finding of an identity between two amounts: none when it holds, 无法核验 when a side is unreadable. */
function identityDrafts(relation: Relation, a: Value, b: Value, note?: string): Draft[] {
  return relation === '=' ? equalDrafts(a, b, note) : atMostDrafts(a, b, note);
}

// ------------------------------------------------------------------------------------------------
// Identity rows the rules are

/** What a label is built from: the set's table numbers, and for a per-class row its code and name. */
interface Scope {
  no: Readonly<Record<TableRole, string>>;
  cls: string;
  name: string;
  /** The budget year, and the year of a 'prior' row's amounts. */
  year: number;
  /** A code's name as a role's table prints it ('' when not printed), and as the department scheme names it. */
  nameOf: (role: TableRole, code: string) => string;
  econName: (code: string) => string;
  /** The label printed beside a summary line of a role's table (its key when none). */
  lineName: (role: TableRole, line: string, side: 'in' | 'out') => string;
}

/** One side: a cell of a role's table, by row key, summary line or bound form field ('{cls}': the class code). */
interface Side {
  role: TableRole;
  row?: string;
  line?: string;
  field?: FormBinding;
  /** In a sum's parts: every summary line whose key starts so, in row order (one part each). */
  lines?: string;
  col?: string;
  /** The side's name in a message; `key` is the row or line key it read. */
  label: (s: Scope, key: string) => string;
  /** A set without a table of this role has no such identity (the row is skipped, not failed). */
  optional?: boolean;
}

interface Row {
  a: Side;
  /** One side, or the parts a's amount is the sum of. */
  b: Side | readonly Side[];
  relation: Relation;
  note?: string;
  /** How a sum's finding names its parts as a group ('各项收入之和'); else each part is listed. */
  partsLabel?: string;
  /** One identity per expenditure 类 printed in either side's table ('{cls}' in row and line keys). */
  perClass?: true;
  /** Only where a's row is printed (an item the department may not have). */
  whenPrinted?: true;
  /** Only where every side's table is among those checked (a pair of tables some files lack). */
  whenTables?: true;
}

export interface IdentitySpec {
  id: string;
  severity: Severity;
  title: string;
  /** Report 无法核验 first when a non-optional side's table is not among the tables checked. */
  requireTables?: true;
  rows: readonly Row[];
}

const CLS = '{cls}';

const sidesOf = (row: Row): readonly Side[] => [row.a, ...(Array.isArray(row.b) ? row.b : [row.b as Side])];

/** The reads a spec's rows declare (per-class keys are not fixed, so their tables' columns are what is read). */
function readsOf(spec: IdentitySpec): RoleRead[] {
  const out: RoleRead[] = [];
  const seen = new Set<string>();
  for (const row of spec.rows) {
    for (const s of sidesOf(row)) {
      let r: RoleRead | null = null;
      if (s.lines) r = null;
      else if (s.field) r = read.field(s.role, s.field);
      else if (s.line) r = s.line.includes(CLS) ? null : read.line(s.role, s.line, s.col ?? '');
      else if (s.col) r = read.column(s.role, s.col);
      if (!r) continue;
      const k = JSON.stringify(r);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(s.optional ? { ...r, optional: true } : r);
      }
    }
  }
  return out;
}

const classCodes = (t: DerivedTable | undefined): readonly string[] => (t ? classesIn(codedIndex(t)).codes : []);

/** The classes of a per-class row: those printed on either side, in code order (remembered per pair of table objects). */
function classesOf(c: Compiled, a: DerivedTable, b: DerivedTable): readonly string[] {
  const hit = c.classes.get(a);
  if (hit && hit.b === b) return hit.list;
  const of = (t: DerivedTable, s: Side) => (s.line ? lineKeys(t, s.col ?? '', 'class:').map((k) => k.slice('class:'.length)) : classCodes(t));
  const list = [...new Set([...of(a, c.sides[0]), ...of(b, c.sides[1])])].sort();
  c.classes.set(a, { b, list });
  return list;
}

/** A class's printed name: as the table with rows names it, else the summary line's label. */
function className(cls: string, tables: readonly (DerivedTable | undefined)[], lines: readonly (DerivedTable | undefined)[]): string {
  for (const t of tables) {
    const row = rowOf(t, cls);
    if (row) return rowName(row);
  }
  for (const t of lines) {
    const label = t && lineLabel(t, `class:${cls}`, 'out');
    if (label) return label;
  }
  return '';
}

/** A row made ready once: its sides, and each side's key for a class ('' for a fixed key). */
interface Compiled {
  row: Row;
  sides: readonly Side[];
  keys: readonly ((cls: string) => string)[];
  /** Per class, the key of each side (classKeys); classes are the codes of a set's 类, a few dozen. */
  keysByClass: Map<string, readonly string[]>;
  sum: boolean;
  /** The last drafts, by the first side's table object (the others, the set and catalog checked too). */
  classes: WeakMap<DerivedTable, { b: DerivedTable; list: readonly string[] }>;
  memo: WeakMap<DerivedTable, Memo>;
  /**
   * A row without `lines` sides (a per-class row: every side keyed by the class, '{cls}' in its row
   * or line key, no form field): a class's drafts read only the cells of its own keys (and for a
   * per-class row's name, the class's rows), so after an edit only the classes whose cells it
   * replaced are drafted again (carryOf), and a fixed row whose cells it kept keeps its drafts.
   */
  carries: boolean;
  /** Per side, the key's text before and after '{cls}' (a fixed key: the key and null). */
  around: readonly (readonly [string, string | null])[];
  /** Set once a label read a table through the scope's nameOf or lineName (rows of no known key): the row no longer carries. */
  outside: boolean;
  /** What the last rowDrafts of a per-class row drafted, class by class (read by checkRows at once). */
  lastClasses: readonly string[] | undefined;
  lastByClass: readonly (readonly Draft[])[] | undefined;
}

/** A row's last drafts on its tables; for a per-class row, also its classes and the drafts of each. */
interface Memo {
  tables: readonly (DerivedTable | undefined)[];
  set: RuleContext['templates'];
  catalog: RuleContext['catalog'];
  year: number;
  drafts: readonly Draft[];
  classes: readonly string[] | undefined;
  byClass: readonly (readonly Draft[])[] | undefined;
}

const keyOf = (template: string): ((cls: string) => string) => {
  const i = template.indexOf(CLS);
  if (i < 0) return () => template;
  const [before, after] = [template.slice(0, i), template.slice(i + CLS.length)];
  return (cls) => before + cls + after;
};

/** The key each side reads for a class (a row's keys are the same for the same class: kept per compiled row). */
function classKeys(c: Compiled, cls: string): readonly string[] {
  let ks = c.keysByClass.get(cls);
  if (!ks) c.keysByClass.set(cls, (ks = c.keys.map((k) => k(cls))));
  return ks;
}

function compile(row: Row): Compiled {
  const sides = sidesOf(row);
  const templates = sides.map((s) => s.line ?? s.row ?? '');
  const carries = sides.every((s, i) => !s.lines && (!row.perClass || (!s.field && templates[i].includes(CLS))));
  return {
    row,
    sides,
    keys: templates.map(keyOf),
    keysByClass: new Map(),
    sum: Array.isArray(row.b),
    classes: new WeakMap(),
    memo: new WeakMap(),
    carries,
    around: carries
      ? templates.map((k) => {
          const i = k.indexOf(CLS);
          return i < 0 ? ([k, null] as const) : ([k.slice(0, i), k.slice(i + CLS.length)] as const);
        })
      : [],
    outside: false,
    lastClasses: undefined,
    lastByClass: undefined,
  };
}

function printedName(ctx: RuleContext, role: TableRole, code: string): string {
  const row = rowOf(roleTable(ctx, role), code);
  return row ? rowName(row) : '';
}

function valueOf(ctx: RuleContext, s: Side, t: DerivedTable | undefined, scope: () => Scope, key: string): Value {
  const label = () => s.label(scope(), key);
  if (s.field) return fieldAmount(ctx, t, s.role, s.field, label);
  if (s.line || s.lines) return lineAmount(t, key, s.col ?? '', label);
  return amountAt(t, key, s.col ?? '', label);
}

/** The amount a side reads, without labels; null when only the labelled path can say (no table, no number). */
function fenOf(ctx: RuleContext, s: Side, t: DerivedTable | undefined, key: string): Fen | null {
  if (!t) return null;
  if (s.field) {
    const place = ctx.templates ? fieldPlace(ctx.templates, s.role, s.field) : undefined;
    return place ? cellFen(cellOf(t, place.row, place.column)) : null;
  }
  if (s.line || s.lines) return cellFen(lineCell(t, key, s.col ?? ''));
  return cellFen(cellOf(t, key, s.col ?? ''));
}

function checkRows(rows: readonly Compiled[], ctx: RuleContext, emit: Emit): void {
  const no = tableNos(ctx);
  const year = ctx.budget.meta.year;
  for (const c of rows) {
    const { row, sides } = c;
    // (loops, not closures: the rule runs on every edit that re-derives one of its tables)
    let skip = false;
    for (let i = 0; i < sides.length && !skip; i++) skip = !!sides[i].optional && !roleId(ctx, sides[i].role);
    if (skip) continue;
    // Derived tables are never changed once made: the same table objects give the same drafts, so
    // after an edit only the rows whose tables it re-derived are evaluated again.
    const first = roleTable(ctx, sides[0].role);
    const memo = first && c.memo.get(first);
    const current = !!memo && memo.set === ctx.templates && memo.catalog === ctx.catalog && memo.year === year;
    if (memo && current) {
      let same = true;
      for (let i = 1; i < sides.length && same; i++) same = memo.tables[i] === roleTable(ctx, sides[i].role);
      if (same) {
        emit.addKept(memo.drafts);
        continue;
      }
    }
    const tables = sides.map((s) => roleTable(ctx, s.role));
    if (row.whenTables && tables.some((t) => !t)) continue;
    // A per-class row drafts again only the classes an edit touched: from its last drafts on these
    // tables or on the ones they replace (the first side's table replaced: its predecessor's entry).
    let prev: Memo | undefined;
    if (c.carries && !c.outside && first) {
      if (current) prev = memo;
      else {
        const old = predecessorOf(first);
        const m = old && c.memo.get(old);
        if (m && m.set === ctx.templates && m.catalog === ctx.catalog && m.year === year) prev = m;
      }
    }
    c.lastClasses = c.lastByClass = undefined;
    const drafts = rowDrafts(c, ctx, tables, no, year, prev);
    if (first) {
      // The entry of the same first table is updated in place (no new state per re-run).
      if (memo) {
        memo.tables = tables;
        memo.set = ctx.templates;
        memo.catalog = ctx.catalog;
        memo.year = year;
        memo.drafts = drafts;
        memo.classes = c.lastClasses;
        memo.byClass = c.lastByClass;
      } else c.memo.set(first, { tables, set: ctx.templates, catalog: ctx.catalog, year, drafts, classes: c.lastClasses, byClass: c.lastByClass });
    }
    emit.addKept(drafts);
  }
}

/** The drafts of one row (one per class of a per-class row), on these tables. */
function rowDrafts(c: Compiled, ctx: RuleContext, tables: readonly (DerivedTable | undefined)[], no: Scope['no'], year: number, prev?: Memo): readonly Draft[] {
  const { row, sides, keys, sum } = c;
  // Made on the first draft: most rows hold, and give the shared empty list.
  let out: Draft[] | null = null;
  if (row.whenPrinted && !row.perClass && !rowOf(tables[0], keys[0](''))) return NONE;
  const expands = sides.some((s) => s.lines);
  // A per-class row's printed name, for a finding's message only (its tables found once per call).
  let named: { rowTables: (DerivedTable | undefined)[]; lineTables: (DerivedTable | undefined)[] } | undefined;
  const nameOf = (cls: string): string => {
    if (!row.perClass) return '';
    named ??= { rowTables: sides.flatMap((s, i) => (s.line ? [] : [tables[i]])), lineTables: sides.flatMap((s, i) => (s.line ? [tables[i]] : [])) };
    return className(cls, named.rowTables, named.lineTables);
  };
  const one = (cls: string) => {
    // Most identities hold: decide on the bare amounts (one cell per side, the keys kept per class),
    // build the cells read and label them only for a finding or a `lines` side.
    if (!expands) {
      const ks = classKeys(c, cls);
      const a = fenOf(ctx, sides[0], tables[0], ks[0]);
      let b: Fen | null = 0;
      for (let i = 1; i < sides.length && a !== null && b !== null; i++) {
        const f = fenOf(ctx, sides[i], tables[i], ks[i]);
        b = f === null ? null : b + f;
      }
      if (a !== null && b !== null && holds(row.relation, a, b)) return;
    }
    if (expands && !sides[0].lines) {
      // The same decision on bare amounts, a `lines` side of the parts read line by line in place
      // (no list of cells made; a first side of lines is left to the labelled path below).
      const ks = classKeys(c, cls);
      const a = fenOf(ctx, sides[0], tables[0], ks[0]);
      let b: Fen | null = 0;
      for (let i = 1; i < sides.length && a !== null && b !== null; i++) {
        const s = sides[i];
        if (s.lines) b = linesFen(tables[i], s.col ?? '', s.lines, b);
        else {
          const f = fenOf(ctx, s, tables[i], ks[i]);
          b = f === null ? null : b + f;
        }
      }
      if (a !== null && b !== null && holds(row.relation, a, b)) return;
    }
    // The cells read: one per side, or one per summary line of a `lines` side.
    const cells = expands
      ? sides.flatMap((s, i) => (s.lines ? lineKeys(tables[i], s.col ?? '', s.lines) : [keys[i](cls)]).map((key) => ({ s, t: tables[i], key })))
      : sides.map((s, i) => ({ s, t: tables[i], key: keys[i](cls) }));
    let scope: Scope | undefined;
    const at = () =>
      (scope ??= {
        no,
        cls,
        name: nameOf(cls),
        year,
        nameOf: (role, code) => {
          c.outside = true;
          return printedName(ctx, role, code);
        },
        econName: (code) => ctx.catalog.name('econ-department', code) ?? '',
        lineName: (role, line, side) => {
          c.outside = true;
          const t = roleTable(ctx, role);
          return (t && lineLabel(t, line, side)) ?? line;
        },
      });
    const [va, ...vb] = cells.map((x) => valueOf(ctx, x.s, x.t, at, x.key));
    for (const d of sum ? sumDrafts(va, vb, row.partsLabel) : identityDrafts(row.relation, va, vb[0], row.note)) (out ??= []).push(d);
  };
  if (!row.perClass) {
    // A fixed row whose cells the replacement kept: its last drafts stand.
    if (prev && keepsFixed(c, ctx, prev.tables, tables)) return prev.drafts;
    one('');
    return out ?? NONE;
  }
  const [ta, tb] = tables;
  if (!ta || !tb) return NONE; // requireTables has reported it
  const carry = prev && prev.classes && prev.byClass ? carryOf(c, prev.tables, tables) : null;
  const classes = carry?.sameClasses ? prev!.classes! : classesOf(c, ta, tb);
  const before = carry && sameItems(prev!.classes!, classes) ? prev!.byClass! : null;
  // The last list while no class drafts differently (a class that holds on both: the same NONE).
  let byClass: (readonly Draft[])[] | readonly (readonly Draft[])[] = before ?? new Array(classes.length);
  let changed = !before;
  for (let k = 0; k < classes.length; k++) {
    const cls = classes[k];
    if (before && !carry!.dirty.has(cls)) {
      if (before[k].length) pushAll((out ??= []), before[k]);
      continue;
    }
    const start = out ? out.length : 0;
    one(cls);
    const mine = out && out.length > start ? out.slice(start) : NONE;
    if (before && !changed && (mine.length || before[k].length)) {
      changed = true;
      byClass = before.slice();
    }
    if (byClass !== before) (byClass as (readonly Draft[])[])[k] = mine;
  }
  if (c.carries) {
    c.lastClasses = classes;
    c.lastByClass = byClass;
  }
  // No class drafted anything new: the very same list as before (its findings keep their copies).
  return !changed && prev ? prev.drafts : (out ?? NONE);
}

/**
 * What a per-class row (c.carries) may keep of its drafts on `old` for `tables`: null unless each
 * side's table is the same or replaces the old one in place (lineage.ts); else the classes whose
 * rows (by key) or line cells (by their line key, a cell kept in its place excepted) the
 * replacement changed, and whether the classes
 * printed are the same (the coded rows' codes, a line side's class lines in its column unchanged).
 */
function carryOf(c: Compiled, old: readonly (DerivedTable | undefined)[], tables: readonly (DerivedTable | undefined)[]): { dirty: Set<string>; sameClasses: boolean } | null {
  const dirty = new Set<string>();
  let sameClasses = true;
  for (let i = 0; i < c.sides.length; i++) {
    const t = tables[i];
    const was = old[i];
    if (t === was) continue;
    const diff = replacementDiff(was, t);
    if (!diff?.at) return null;
    const s = c.sides[i];
    // (every side of a per-class row is keyed by the class: no fixed key, no form field)
    const [before, after] = c.around[i] as readonly [string, string];
    const col = s.col ?? '';
    for (let k = 0; k < diff.added.length; k++) {
      const row = diff.added[k];
      const prior = diff.removed[k];
      if (!s.line) {
        // (a per-class row's name is read from its class's row: any change of the row counts)
        noteClass(dirty, before, after, row.key);
        noteClass(dirty, before, after, prior.key);
      } else if (row.key !== prior.key || row.cells.length !== prior.cells.length) {
        for (const cell of row.cells) if ((cell as LineCell).line) noteClass(dirty, before, after, (cell as LineCell).line!);
        for (const cell of prior.cells) if ((cell as LineCell).line) noteClass(dirty, before, after, (cell as LineCell).line!);
        if (sameClasses) sameClasses = classLines(row, col) === classLines(prior, col);
      } else {
        // A summary row holds lines of both sides: a class line whose cell object was kept in
        // its place reads the same (lineCell finds cells by position; cells are never mutated).
        for (let j = 0; j < row.cells.length; j++) {
          const a = row.cells[j] as LineCell;
          const b = prior.cells[j] as LineCell;
          if (a === b) continue;
          if (a.line) noteClass(dirty, before, after, a.line);
          if (b.line) noteClass(dirty, before, after, b.line);
          // The class lines printed in the side's column (classesOf) changed only where a cell did.
          if (sameClasses) sameClasses = classLineAt(a, col) === classLineAt(b, col);
        }
      }
    }
    // A table's classes are its coded rows' (classesOf): the same index object when their codes are the same (a diff: both tables are there).
    if (sameClasses && !s.line) sameClasses = codedIndex(t!) === codedIndex(was!);
  }
  return { dirty, sameClasses };
}

/** Adds the class of `key` to `dirty` when the key is of the side's form (`before` + class + `after`). */
function noteClass(dirty: Set<string>, before: string, after: string, key: string): void {
  if (key.length >= before.length + after.length && key.startsWith(before) && key.endsWith(after)) dirty.add(key.slice(before.length, key.length - after.length));
}

/** A cell's class line when it is one in `col` (lineKeys(t, col, 'class:') lists it), else null. */
function classLineAt(cell: LineCell, col: string): string | null {
  return cell.col === col && cell.line?.startsWith('class:') ? cell.line : null;
}

/**
 * carryOf for a fixed row (no '{cls}'), without a set of classes: true when every side's table is
 * the same or replaces the old one in place keeping the cell the side reads (its row's key and the
 * cells of its column, or the cells of its line).
 */
function keepsFixed(c: Compiled, ctx: RuleContext, old: readonly (DerivedTable | undefined)[], tables: readonly (DerivedTable | undefined)[]): boolean {
  for (let i = 0; i < c.sides.length; i++) {
    const t = tables[i];
    const was = old[i];
    if (t === was) continue;
    const diff = replacementDiff(was, t);
    if (!diff?.at) return false;
    const s = c.sides[i];
    const place = s.field ? (ctx.templates ? fieldPlace(ctx.templates, s.role, s.field) : undefined) : null;
    if (place === undefined) return false;
    const key = place ? place.row : c.around[i][0];
    const col = place ? place.column : (s.col ?? '');
    for (let k = 0; k < diff.added.length; k++) {
      const row = diff.added[k];
      const prior = diff.removed[k];
      if (!s.line) {
        if (row.key !== key && prior.key !== key) continue;
        if (row.key !== prior.key || row.cells.length !== prior.cells.length) return false;
        for (let j = 0; j < row.cells.length; j++) if (row.cells[j] !== prior.cells[j] && (row.cells[j].col === col || prior.cells[j].col === col)) return false;
      } else if (row.key !== prior.key || row.cells.length !== prior.cells.length) {
        for (const cell of row.cells) if ((cell as LineCell).line === key) return false;
        for (const cell of prior.cells) if ((cell as LineCell).line === key) return false;
      } else {
        for (let j = 0; j < row.cells.length; j++) {
          if (row.cells[j] !== prior.cells[j] && ((row.cells[j] as LineCell).line === key || (prior.cells[j] as LineCell).line === key)) return false;
        }
      }
    }
  }
  return true;
}

/** A row's class lines in a column, in order, as one string (to compare a replaced row with its replacement). */
function classLines(row: TableRow, col: string): string {
  let out = '';
  for (const cell of row.cells) {
    const line = (cell as LineCell).line;
    if (cell.col === col && line && line.startsWith('class:')) out += `${line}\n`;
  }
  return out;
}

/**
 * `sum` plus a `lines` side's amounts as fenOf reads them one by one (added in the same order):
 * the summary lines of `col` whose key starts with `prefix`, in row order (lineKeys), each line's
 * amount being its first cell's (lineCell); null when one is no amount; `sum` when there is no table
 * (lineKeys lists no line).
 */
function linesFen(t: DerivedTable | undefined, col: string, prefix: string, sum: Fen): Fen | null {
  if (!t) return sum;
  for (const row of t.body) {
    for (const c of row.cells) {
      const line = (c as LineCell).line;
      if (c.col !== col || !line || !line.startsWith(prefix)) continue;
      const f = cellFen(lineCell(t, line, col));
      if (f === null) return null;
      sum += f;
    }
  }
  return sum;
}

/** A rule made of identity rows. */
export function identityRule(spec: IdentitySpec): Rule {
  const required = [...new Set(spec.rows.flatMap(sidesOf).filter((s) => !s.optional).map((s) => s.role))];
  const rows = spec.rows.map(compile);
  return defineRule({
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    reads: readsOf(spec),
    check(ctx, emit) {
      if (spec.requireTables && !requireTables(ctx, emit, ...required)) return;
      checkRows(rows, ctx, emit);
    },
  });
}

// ------------------------------------------------------------------------------------------------
// The table

const kindName = { basic: '基本支出', project: '项目支出' } as const;

/** An economic table's 合计 = the 一般公共预算 table's 合计 of its kind (both schemes). */
const econAgainstGpb = (kind: 'basic' | 'project', dept: TableRole, gov: TableRole): Row[] =>
  [dept, gov].map((role) => ({
    a: { role, row: 'total', col: COL.total, label: (s: Scope) => `${s.no[role]}合计`, optional: role === gov || undefined },
    b: { role: 'gpb' as const, row: 'total', col: kind, label: (s: Scope) => `${s.no.gpb}${kindName[kind]}合计` },
    relation: '=' as const,
  }));

/** An appropriation-table fund column, by 类 and 本年支出, against a fund table's column. */
const fundColumn = (col: string, fundName: string, other: TableRole, otherCol: string, otherColName: string, optional?: true): Row[] => [
  {
    a: { role: 'appropriation', line: `class:${CLS}`, col, label: (s) => `${s.no.appropriation} ${s.cls} ${s.name}（${fundName}）` },
    b: { role: other, row: CLS, col: otherCol, label: (s) => `${s.no[other]} ${s.cls} ${s.name}（${otherColName}）`, optional },
    relation: '=',
    perClass: true,
  },
  {
    a: { role: 'appropriation', line: LINES.spendCurrent, col, label: (s) => `${s.no.appropriation}本年支出（${fundName}）` },
    b: { role: other, row: 'total', col: otherCol, label: (s) => `${s.no[other]}合计（${otherColName}）`, optional },
    relation: '=',
  },
];

/** Row identities: in every body row of a role's table, one column is the sum of others (SUM-03, -05, -08, -09). */
export interface RowSum {
  rule: string;
  role: TableRole;
  total: string;
  parts: readonly string[];
}

export const ROW_SUMS: readonly RowSum[] = [
  { rule: 'SUM-03', role: 'spending', total: COL.total, parts: [COL.basic, COL.project] },
  { rule: 'SUM-03', role: 'gpb', total: COL.current, parts: [COL.basic, COL.project] },
  { rule: 'SUM-03', role: 'fund', total: COL.total, parts: [COL.basic, COL.project] },
  { rule: 'SUM-03', role: 'soe', total: COL.total, parts: [COL.basic, COL.project] },
  { rule: 'SUM-03', role: 'basicDept', total: COL.total, parts: [COL.personnel, COL.public] },
  { rule: 'SUM-05', role: 'income', total: COL.total, parts: INCOME_SOURCE_COLUMNS },
  { rule: 'SUM-08', role: 'procurement', total: COL.total, parts: ['goods', 'works', 'services'] },
  { rule: 'SUM-09', role: 'projects', total: COL.total, parts: ['gpb', 'fund', 'soe', 'others'] },
];

/** The row sums of a rule, by role. */
export const rowSumsOf = (rule: string): ReadonlyMap<TableRole, RowSum> => new Map(ROW_SUMS.filter((r) => r.rule === rule).map((r) => [r.role, r]));

type ThreePublicCell = Parameters<typeof THREE_PUBLIC.col>[1];

/** SUM-07, one year of the 三公 table: 合计 = 出国 + 公务用车小计 + 接待; 小计 = 购置 + 运行. */
const threePublicSums = (y: (typeof THREE_PUBLIC.years)[number]): Row[] => {
  const L = THREE_PUBLIC_TABLE_LABELS;
  const yearOf = (s: Scope) => (y === 'current' ? s.year : s.year - 1);
  const cell = (item: ThreePublicCell, label: (s: Scope) => string): Side => ({ role: 'threePublic', row: THREE_PUBLIC.row, col: THREE_PUBLIC.col(y, item), label });
  const named = (item: Exclude<ThreePublicCell, 'total'>) => cell(item, () => L[item]);
  return [
    { a: cell('total', (s) => `${s.no.threePublic}${yearOf(s)}年${L.total}`), b: [named('abroad'), named('vehicle'), named('reception')], relation: '=' },
    { a: cell('vehicle', (s) => `${s.no.threePublic}${yearOf(s)}年${L.vehicle}小计`), b: [named('vehiclePurchase'), named('vehicleOperation')], relation: '=' },
  ];
};

/** XT-10, one pair of economic tables: each 机关 款 of the government scheme ≤ its department-scheme 款. */
const organShares = (dept: TableRole, gov: TableRole, optional?: true): Row[] =>
  ORGAN_SHARE.map((m) => ({
    a: { role: gov, row: m.gov, col: COL.total, label: (s: Scope) => `${s.no[gov]} ${m.gov} ${s.nameOf(gov, m.gov)}`, optional },
    b: { role: dept, row: m.dept, col: COL.total, label: (s: Scope) => `${s.no[dept]} ${m.dept} ${s.nameOf(dept, m.dept) || s.econName(m.dept)}`.trimEnd(), optional },
    relation: '<=' as const,
    whenPrinted: true as const,
    whenTables: true as const,
  }));

/** SUM-04: the summary table balances: each 合计 is the sum of its parts, 收入合计 = 支出合计. */
const IN = COL.inAmount;
const OUT = COL.outAmount;
const summaryLine = (line: string, col: string, label: (s: Scope) => string): Side => ({ role: 'summary', line, col, label });
const SUMMARY_BALANCE: Row[] = [
  {
    a: summaryLine(LINES.incomeCurrent, IN, (s) => `${s.no.summary}本年收入合计`),
    b: [{ role: 'summary', lines: 'income:', col: IN, label: (s, k) => `${s.no.summary}${s.lineName('summary', k, 'in')}` }],
    relation: '=',
    partsLabel: '各项收入之和',
  },
  {
    a: summaryLine(LINES.incomeTotal, IN, (s) => `${s.no.summary}收入合计`),
    b: [summaryLine(LINES.incomeCurrent, IN, (s) => `${s.no.summary}本年收入合计`), summaryLine(LINES.carryover, IN, () => '上年结转'), summaryLine(LINES.reserve, IN, () => '用事业基金弥补收支差额')],
    relation: '=',
  },
  {
    a: summaryLine(LINES.spendCurrent, OUT, (s) => `${s.no.summary}本年支出合计`),
    b: [{ role: 'summary', lines: 'class:', col: OUT, label: (s, k) => `${s.no.summary}${s.lineName('summary', k, 'out')}` }],
    relation: '=',
    partsLabel: '各类支出之和',
  },
  {
    a: summaryLine(LINES.spendTotal, OUT, (s) => `${s.no.summary}支出合计`),
    b: [summaryLine(LINES.spendCurrent, OUT, (s) => `${s.no.summary}本年支出合计`), summaryLine(LINES.carryForward, OUT, () => '结转下年')],
    relation: '=',
  },
  {
    a: summaryLine(LINES.incomeTotal, IN, (s) => `${s.no.summary}收入合计`),
    b: summaryLine(LINES.spendTotal, OUT, (s) => `${s.no.summary}支出合计`),
    relation: '=',
    note: '（收支不平衡）',
  },
];

export const IDENTITIES = {
  'SUM-04': {
    id: 'SUM-04',
    severity: 'error',
    title: '收支总表收入合计等于支出合计，各合计等于其组成之和',
    requireTables: true,
    rows: SUMMARY_BALANCE,
  },
  /** SUM-07: the 三公 table, each year: 合计 = 出国 + 公务用车小计 + 接待; 小计 = 购置 + 运行. */
  'SUM-07': {
    id: 'SUM-07',
    severity: 'error',
    title: '“三公”经费合计等于各分项之和，公务用车小计等于购置费与运行费之和',
    requireTables: true,
    rows: THREE_PUBLIC.years.flatMap(threePublicSums),
  },
  /** XT-01: the summary's 本年支出 by 类 and in total = the spending table's 总计. */
  'XT-01': {
    id: 'XT-01',
    severity: 'error',
    title: '收支总表本年支出各类及合计与支出总表相符',
    requireTables: true,
    rows: [
      {
        a: { role: 'summary', line: `class:${CLS}`, col: COL.outAmount, label: (s) => `${s.no.summary}本年支出 ${s.cls} ${s.name}` },
        b: { role: 'spending', row: CLS, col: COL.total, label: (s) => `${s.no.spending} ${s.cls} ${s.name}总计` },
        relation: '=',
        perClass: true,
      },
      {
        a: { role: 'summary', line: LINES.spendCurrent, col: COL.outAmount, label: (s) => `${s.no.summary}本年支出合计` },
        b: { role: 'spending', row: 'total', col: COL.total, label: (s) => `${s.no.spending}合计` },
        relation: '=',
      },
    ],
  },
  /** XT-04: the appropriation table's 一般公共预算 column by 类 and 本年支出 = the 一般公共预算 table's 本年小计. */
  'XT-04': {
    id: 'XT-04',
    severity: 'error',
    title: '财政拨款收支总表中一般公共预算支出各类及合计与一般公共预算财政拨款支出表相符',
    requireTables: true,
    rows: fundColumn(COL.outGpb, '一般公共预算', 'gpb', COL.current, '本年小计'),
  },
  /** XT-05: the appropriation table's 政府性基金 / 国有资本经营 columns = the fund tables (by 类 too). */
  'XT-05': {
    id: 'XT-05',
    severity: 'error',
    title: '财政拨款收支总表政府性基金、国有资本经营支出与两张基金支出表相符',
    requireTables: true,
    rows: [...fundColumn(COL.outFund, '政府性基金预算', 'fund', COL.total, '总计', true), ...fundColumn(COL.outSoe, '国有资本经营预算', 'soe', COL.total, '总计', true)],
  },
  /** XT-07: the 一般公共预算 table's 基本支出 合计 = both basic-expenditure tables' 合计. */
  'XT-07': {
    id: 'XT-07',
    severity: 'error',
    title: '经济分类基本支出表合计与一般公共预算财政拨款支出表基本支出合计一致',
    rows: econAgainstGpb('basic', 'basicDept', 'basicGov'),
  },
  /** XT-08: its 项目支出 合计 = both project-expenditure tables' 合计. */
  'XT-08': {
    id: 'XT-08',
    severity: 'error',
    title: '经济分类项目支出表合计与一般公共预算财政拨款支出表项目支出合计一致',
    rows: econAgainstGpb('project', 'projectDept', 'projectGov'),
  },
  /** XT-10: 机关 shares in the government scheme do not exceed the department-scheme 款 (basic, then project tables). */
  'XT-10': {
    id: 'XT-10',
    severity: 'warning',
    title: '政府经济分类机关款项不超过部门经济分类对应款项',
    rows: [...organShares('basicDept', 'basicGov'), ...organShares('projectDept', 'projectGov', true)],
  },
  /** XT-12: the project list's 合计 = the spending table's 项目支出 (the list covers every source of money). */
  'XT-12': {
    id: 'XT-12',
    severity: 'warning',
    title: '项目支出明细表合计与支出总表项目支出一致',
    requireTables: true,
    rows: [
      {
        a: { role: 'projects', row: 'total', col: COL.total, label: (s) => `${s.no.projects}项目合计` },
        b: { role: 'spending', row: 'total', col: COL.project, label: (s) => `${s.no.spending}项目支出合计` },
        relation: '=',
      },
    ],
  },
  /** XT-13: the department target table's 部门支出预算数 = the summary's 支出合计. */
  'XT-13': {
    id: 'XT-13',
    severity: 'error',
    title: '整体绩效目标表部门支出预算数与收支总表支出合计一致',
    rows: [
      {
        a: { role: 'deptPerformance', field: 'dept.total', label: (s) => `${s.no.deptPerformance}部门支出预算数` },
        b: { role: 'summary', line: LINES.spendTotal, col: COL.outAmount, label: (s) => `${s.no.summary}支出合计` },
        relation: '=',
      },
    ],
  },
} as const satisfies Record<string, IdentitySpec>;
