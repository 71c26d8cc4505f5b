/**
 * Which derived table a re-derived one replaces, and the rows it added and dropped, so row-local
 * checks carry the results of the rows it kept over instead of re-checking every row. A Session
 * notes each replacement (shared/engine/session.ts); a table without a noted predecessor is
 * checked row by row. Derived tables and rows are never mutated once made, so results keyed by
 * their objects cannot go stale.
 */
import { pushAll } from '../arrays';
import type { DerivedTable, Row } from '../tables/types';

export interface RowDiff {
  added: Row[];
  removed: Row[];
}

const predecessors = new WeakMap<DerivedTable, DerivedTable>();
const diffs = new WeakMap<DerivedTable, { from: DerivedTable; diff: RowDiff | null }>();

/** Records that `t` replaces `old` (the same table id, re-derived after an edit). */
export function noteReplaces(t: DerivedTable, old: DerivedTable): void {
  if (t !== old) predecessors.set(t, old);
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
    for (let i = 0; i < t.body.length; i++) {
      if (old.body[i] !== t.body[i]) {
        added.push(t.body[i]);
        removed.push(old.body[i]);
      }
    }
    return { added, removed };
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
  /** The rows with results (most rows have none), by row object. */
  results: Map<Row, readonly T[]>;
  /** The predecessor's index when this table's rows give exactly its results. */
  same?: RowIndex<T>;
  /** The results in row order, once asked for. */
  ordered?: readonly T[];
}

const NONE: readonly never[] = [];

/**
 * A row-local check run over a table's body: `check(t, row)` must depend on the row alone and on
 * the table's frame (id, number, title, lines, columns, header). The results are kept per table;
 * a table that replaces another checks only the rows it added.
 */
export class RowChecks<T> {
  private readonly cache = new WeakMap<DerivedTable, RowIndex<T>>();
  constructor(private readonly check: (t: DerivedTable, row: Row) => readonly T[]) {}

  /** The results of every body row, in row order. */
  of(t: DerivedTable): readonly T[] {
    const ix = this.index(t);
    if (ix.ordered) return ix.ordered;
    if (ix.results.size === 0) return (ix.ordered = NONE);
    const out: T[] = [];
    for (const row of t.body) {
      const r = ix.results.get(row);
      if (r) pushAll(out, r);
    }
    return (ix.ordered = out);
  }

  /** True when `t`'s rows give the same results as `old`'s, the table it replaces (see noteReplaces). */
  sameAs(t: DerivedTable, old: DerivedTable): boolean {
    const ix = this.index(t);
    return !!ix.same && ix.same === this.cache.get(old);
  }

  private index(t: DerivedTable): RowIndex<T> {
    let ix = this.cache.get(t);
    if (ix) return ix;
    const old = predecessors.get(t);
    const before = old && this.cache.get(old);
    const diff = before && rowDiff(old!, t);
    if (before && diff) {
      let results: Map<Row, readonly T[]> | null = null;
      for (const row of diff.removed) {
        if (!before.results.has(row)) continue;
        results ??= new Map(before.results);
        results.delete(row);
      }
      for (const row of diff.added) {
        const r = this.check(t, row);
        if (r.length === 0) continue;
        results ??= new Map(before.results);
        results.set(row, r);
      }
      ix = results ? { results } : { results: before.results, same: before };
    } else {
      const results = new Map<Row, readonly T[]>();
      for (const row of t.body) {
        const r = this.check(t, row);
        if (r.length) results.set(row, r);
      }
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

/** True when two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
