/**
 * Appends every item of `items` to `target` one by one. `target.push(...items)` passes each item
 * as an argument and overflows the call stack past about 100,000 items (a department's 200,000
 * findings or project rows); this never does.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The empty result of a row check that finds nothing (shared: never pushed to, frozen to make sure). */
export const NONE: readonly never[] = Object.freeze([]);

/** The largest of `values`, or `empty` when there are none (Math.max(...values) overflows the same way). */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > max) max = v;
    any = true;
  }
  return max;
}

/** Appends `item` to the list `map` keeps under `key` (one list per key, grown in place: linear, not quadratic). */
export function addTo<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** True when two lists hold the same items in the same order (compared by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A copy of a map. `new Map(map)` walks the map's iterator, one entry array and one result
 * object per entry; forEach into a fresh map makes only the copy (a summary table's line index of
 * 60 lines is copied on every function edit).
 */
export function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  map.forEach(setIn, out);
  return out;
}

function setIn<K, V>(this: Map<K, V>, value: V, key: K): void {
  this.set(key, value);
}

/**
 * Sorts `list` in place, stably, as Array.prototype.sort orders: by insertion while it is short
 * (a paragraph's mentions, a department's few dozen 经济科目 lines), where sort's merge buffers were
 * most of what sorting allocated; by sort when long (insertion is quadratic).
 */
export function sortInPlace<T>(list: T[], cmp: (a: T, b: T) => number): void {
  if (list.length > 64) {
    list.sort(cmp);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(list[j]!, x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}
