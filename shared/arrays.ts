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
