/**
 * Which derived table a re-derived one replaces, and the rows it added and dropped, so row-local
 * checks carry the results of the rows it kept over instead of re-checking every row. A Session
 * notes each replacement (shared/engine/session.ts); a table without a noted predecessor is
 * checked row by row. Derived tables and rows are never mutated once made, so results keyed by
 * their objects cannot go stale.
 */
import { pushAll } from '../arrays';
import { rowCode } from '../tables/lookup';
import type { DerivedTable, Row } from '../tables/types';

export interface RowDiff {
  added: Row[];
  removed: Row[];
  /** When rows were replaced in place (same number of rows): the positions of `added`, in order. */
  at?: number[];
}

const predecessors = new WeakMap<DerivedTable, DerivedTable>();
const diffs = new WeakMap<DerivedTable, { from: DerivedTable; diff: RowDiff | null }>();

/** Records that `t` replaces `old` (the same table id, re-derived after an edit). */
export function noteReplaces(t: DerivedTable, old: DerivedTable): void {
  if (t !== old) predecessors.set(t, old);
}

/**
 * Drops what was noted for `t` once its checks have run: a noted table keeps the one it replaces
 * alive, and a chain of them would keep every table of an editing session.
 */
export function forgetReplaces(t: DerivedTable): void {
  predecessors.delete(t);
  diffs.delete(t);
}

/** The table `t` replaces, if one was noted. */
export function predecessorOf(t: DerivedTable): DerivedTable | undefined {
  return predecessors.get(t);
}

/**
 * The rows `t` added and dropped against `old`, or null when the frame (number, title, lines,
 * columns, header) differs or kept rows changed order (computed once per pair).
 */
export function rowDiff(old: DerivedTable, t: DerivedTable): RowDiff | null {
  const hit = diffs.get(t);
  if (hit && hit.from === old) return hit.diff;
  const diff = diffRows(old, t);
  diffs.set(t, { from: old, diff });
  return diff;
}

/** rowDiff of `t` against `old` when `t` replaces it (predecessorOf), else null: what a rule that redoes only the changed rows reads. */
export function replacementDiff(old: DerivedTable | undefined, t: DerivedTable | undefined): RowDiff | null {
  return old && t && predecessorOf(t) === old ? rowDiff(old, t) : null;
}

function diffRows(old: DerivedTable, t: DerivedTable): RowDiff | null {
  const sameFrame =
    old.id === t.id &&
    old.no === t.no &&
    old.title === t.title &&
    old.columns === t.columns &&
    old.lines.length === t.lines.length &&
    old.lines.every((l, i) => l === t.lines[i]) &&
    old.header.length === t.header.length &&
    old.header.every((h, i) => h === t.header[i]);
  if (!sameFrame) return null;
  const added: Row[] = [];
  const removed: Row[] = [];
  if (old.body.length === t.body.length) {
    // A patch replaces rows in place: compare position by position.
    const at: number[] = [];
    for (let i = 0; i < t.body.length; i++) {
      if (old.body[i] !== t.body[i]) {
        added.push(t.body[i]);
        removed.push(old.body[i]);
        at.push(i);
      }
    }
    return { added, removed, at };
  }
  const at = new Map<Row, number>();
  old.body.forEach((row, i) => at.set(row, i));
  let last = -1;
  const kept = new Set<Row>();
  for (const row of t.body) {
    const i = at.get(row);
    if (i === undefined) added.push(row);
    else if (i < last) return null;
    else {
      last = i;
      kept.add(row);
    }
  }
  for (const row of old.body) if (!kept.has(row)) removed.push(row);
  return { added, removed };
}

interface RowIndex<T> {
  /** Per body row, by position: its results (undefined: none). */
  results: (readonly T[] | undefined)[];
  /**
   * The predecessor's results when this table's rows give exactly those (its array, not its index:
   * a chain of indices would keep every edit's results alive).
   */
  basis?: readonly (readonly T[] | undefined)[];
  /** The results in row order, once asked for. */
  ordered?: readonly T[];
}

const NONE: readonly never[] = [];

/**
 * A row-local check run over a table's body: `check(t, row, at)` must depend on the row alone and on
 * the table's frame (id, number, title, lines, columns, header); `at`, the row's position in the
 * body, only serves to find what is kept per position of the same table (cells.ts). The results are kept per table;
 * a table that replaces another checks only the rows it added.
 */
export class RowChecks<T> {
  private readonly cache = new WeakMap<DerivedTable, RowIndex<T>>();
  /**
   * `equal`: results that may stand in for each other (plain values compared field by field): a
   * replaced row whose results equal the old row's keeps the old ones, so the table's list stays
   * the very same object as its predecessor's.
   */
  constructor(
    private readonly check: (t: DerivedTable, row: Row, at: number) => readonly T[],
    private readonly equal?: (a: T, b: T) => boolean,
  ) {}

  /** The results of every body row, in row order. */
  of(t: DerivedTable): readonly T[] {
    const ix = this.index(t);
    if (ix.ordered) return ix.ordered;
    const out: T[] = [];
    for (const r of ix.results) if (r) pushAll(out, r);
    return (ix.ordered = out.length ? out : NONE);
  }

  /** True when `t`'s rows give the same results as `old`'s, the table it replaces (see noteReplaces). */
  sameAs(t: DerivedTable, old: DerivedTable): boolean {
    const ix = this.index(t);
    return !!ix.basis && ix.basis === this.cache.get(old)?.results;
  }

  private run(t: DerivedTable, at: number): readonly T[] | undefined {
    const r = this.check(t, t.body[at], at);
    return r.length ? r : undefined;
  }

  private index(t: DerivedTable): RowIndex<T> {
    let ix = this.cache.get(t);
    if (ix) return ix;
    const old = predecessors.get(t);
    const before = old && this.cache.get(old);
    const diff = before && rowDiff(old!, t);
    if (before && diff?.at) {
      // Rows replaced in place: the replaced re-checked; the kept ones' results are copied in one go
      // only when one of them changed (else the predecessor's array stands: arrays are never mutated).
      let kept: (readonly T[] | undefined)[] | null = null;
      for (const i of diff.at) {
        const r = this.run(t, i);
        const was = before.results[i];
        if (this.equal && r && was && r.length === was.length && r.every((x, k) => this.equal!(x, was[k]))) continue;
        if (!r && !was) continue;
        (kept ??= before.results.slice())[i] = r;
      }
      ix = kept ? { results: kept } : { results: before.results, basis: before.results, ...(before.ordered ? { ordered: before.ordered } : {}) };
    } else if (before && diff) {
      const results: (readonly T[] | undefined)[] = new Array(t.body.length);
      let changed = false;
      const oldBody = old!.body;
      // Kept rows keep their results; only the rows it added are checked.
      let at: Map<Row, number> | null = null;
      if (oldBody.length !== t.body.length) {
        at = new Map();
        oldBody.forEach((row, i) => at!.set(row, i));
        for (const row of diff.removed) if (before.results[at.get(row)!]) changed = true;
      }
      for (let i = 0; i < t.body.length; i++) {
        const row = t.body[i];
        const j = at ? at.get(row) : oldBody[i] === row ? i : undefined;
        if (j !== undefined) results[i] = before.results[j];
        else {
          const r = this.run(t, i);
          const was = at ? undefined : before.results[i];
          if (this.equal && r && was && r.length === was.length && r.every((x, k) => this.equal!(x, was[k]))) results[i] = was;
          else {
            results[i] = r;
            if (r || was) changed = true;
          }
        }
      }
      ix = changed ? { results } : { results, basis: before.results, ...(before.ordered ? { ordered: before.ordered } : {}) };
    } else {
      const results: (readonly T[] | undefined)[] = new Array(t.body.length);
      for (let i = 0; i < t.body.length; i++) results[i] = this.run(t, i);
      ix = { results };
    }
    this.cache.set(t, ix);
    return ix;
  }
}

/** What a table replaces, for a carried value: the old table, its value, and the rows that changed. */
export interface Prior<V> {
  old: DerivedTable;
  value: V;
  diff: RowDiff;
}

/**
 * A per-table value that a table replacing another may patch from the old one's instead of
 * computing it afresh: `compute(t, prior)` gets the predecessor's value and the row diff when
 * both are known (same frame), and must return what `compute(t)` would.
 */
export function carried<V>(compute: (t: DerivedTable, prior?: Prior<V>) => V): (t: DerivedTable) => V {
  const cache = new WeakMap<DerivedTable, V>();
  return (t) => {
    if (cache.has(t)) return cache.get(t)!;
    const old = predecessors.get(t);
    const diff = old && cache.has(old) ? rowDiff(old, t) : null;
    const v = compute(t, diff ? { old: old!, value: cache.get(old!)!, diff } : undefined);
    cache.set(t, v);
    return v;
  };
}

/** Per row object, the non-empty results of a row check, copied from a prior table's only when a row changes. */
export class RowResults<T> {
  private constructor(
    private map: Map<Row, readonly T[]>,
    private shared: boolean,
  ) {}
  static empty<T>(): RowResults<T> {
    return new RowResults(new Map(), false);
  }
  /** Starts from a prior table's results (shared until one changes). */
  static from<T>(prior: RowResults<T>): RowResults<T> {
    return new RowResults(prior.map, true);
  }
  set(row: Row, results: readonly T[]): void {
    if (results.length === 0) return this.delete(row);
    this.own().set(row, results);
  }
  delete(row: Row): void {
    if (this.map.has(row)) this.own().delete(row);
  }
  /** The results of `rows` in their order. */
  inOrder(rows: Iterable<Row>): T[] {
    const out: T[] = [];
    if (this.map.size === 0) return out;
    for (const row of rows) {
      const r = this.map.get(row);
      if (r) pushAll(out, r);
    }
    return out;
  }
  private own(): Map<Row, readonly T[]> {
    if (this.shared) {
      this.map = new Map(this.map);
      this.shared = false;
    }
    return this.map;
  }
}

/** The coded rows of a table's body (a code of its own: lookup.ts rowCode; header rows never), by code and body position. */
export interface CodedIndex {
  codes: readonly string[];
  /** The body position of each coded row. */
  at: readonly number[];
}

const codeOf = (row: Row): string | null => (row.role === 'header' ? null : rowCode(row));

/**
 * A table's coded rows. A table replacing another in place whose replaced rows carry the codes the
 * old ones did gets the very same index object (codes and positions unchanged): rules compare it by
 * identity instead of their own pass over every row.
 */
export const codedIndex = carried<CodedIndex>((t, prior) => {
  if (prior?.diff.at && prior.diff.at.every((i) => codeOf(prior.old.body[i]) === codeOf(t.body[i]))) return prior.value;
  const codes: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < t.body.length; i++) {
    const code = codeOf(t.body[i]);
    if (code) {
      codes.push(code);
      at.push(i);
    }
  }
  return { codes, at };
});

const classCache = new WeakMap<CodedIndex, { codes: string[]; at: number[] }>();

/** The 类 (3-digit codes) of a coded index, with their body positions; kept per index object. */
export function classesIn(index: CodedIndex): { codes: readonly string[]; at: readonly number[] } {
  let hit = classCache.get(index);
  if (!hit) {
    hit = { codes: [], at: [] };
    index.codes.forEach((code, k) => {
      if (code.length !== 3) return;
      hit!.codes.push(code);
      hit!.at.push(index.at[k]);
    });
    classCache.set(index, hit);
  }
  return hit;
}
