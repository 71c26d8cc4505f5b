/**
 * The 项 the data knows this year and last (the 一般公共预算 table's rows), by code and by
 * normalised name, so a 按支出功能科目 paragraph is keyed and checked against the 项 it names.
 */
import { addTo } from '../arrays';
import { normalizeName, type Catalog, type CatalogEntry } from '../catalog/catalog';
import type { FunctionItemFact, NarrativeFacts } from './facts';

const nameKey = (s: string) => normalizeName(s).replace(/^（\d+）/, '');

interface KnownItem {
  code: string;
  segment: string; // nameKey of the 款 name
  cls: string; // nameKey of the 类 name
}

/** The 项 an index is built from: this year's and those with last year's money only. */
export const indexedItems = (facts: NarrativeFacts): FunctionItemFact[] => [...facts.functionItems, ...facts.droppedItems];

/** Same codes and names in the same order: an index of `a` resolves names as one of `b` would. */
export function sameNames(a: readonly FunctionItemFact[], b: readonly FunctionItemFact[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.code !== y.code || x.itemName !== y.itemName || x.segmentName !== y.segmentName || x.className !== y.className)) return false;
  }
  return true;
}

/**
 * The 项 the data knows this year and last (the 一般公共预算 table's rows), by code and by
 * normalised 项 name, and the resolutions of names to subjects made with them. Kept while the
 * names stay the same (memo.ts); `rebind` gives it the facts of a later state.
 */
export class ItemIndex {
  readonly byCode = new Map<string, FunctionItemFact>();
  private readonly byName = new Map<string, KnownItem[]>();
  private readonly resolved = new Map<string, string>();

  constructor(
    items: readonly FunctionItemFact[],
    private readonly catalog: Catalog,
  ) {
    for (const fact of items) {
      this.byCode.set(fact.code, fact);
      const k = nameKey(fact.itemName);
      const known: KnownItem = { code: fact.code, segment: nameKey(fact.segmentName), cls: nameKey(fact.className) };
      addTo(this.byName, k, known);
    }
  }

  /** The facts of a later state with the same names (sameNames) as `before`, the facts it holds: only those that differ are set. */
  rebind(items: readonly FunctionItemFact[], before: readonly FunctionItemFact[]): void {
    for (let i = 0; i < items.length; i++) if (items[i] !== before[i]) this.byCode.set(items[i]!.code, items[i]!);
  }

  /** 'function:<code>' of the 项 the names denote, or 'function:?类/款/项' when they denote none or several. */
  resolve(names: { cls: string; seg: string; item: string }): string {
    const key = `${names.cls}\u0000${names.seg}\u0000${names.item}`;
    let subject = this.resolved.get(key);
    if (subject === undefined) {
      subject = this.resolveNames(names);
      this.resolved.set(key, subject);
    }
    return subject;
  }

  private resolveNames(names: { cls: string; seg: string; item: string }): string {
    const item = nameKey(names.item);
    const seg = nameKey(names.seg);
    const cls = nameKey(names.cls);
    const known = this.byName.get(item) ?? [];
    const exact = known.filter((f) => (!seg || f.segment === seg) && (!cls || f.cls === cls));
    if (exact.length === 1) return `function:${exact[0]!.code}`;
    // The 项 name alone fits one item of the data: the 类/款 names are wrong (NT-07 names the codes).
    const byItem = known.filter((f) => !seg || f.segment === seg || !cls || f.cls === cls);
    if (byItem.length === 1) return `function:${byItem[0]!.code}`;
    // A 项 the data does not have this year.
    const entries = catalogItemsByName(this.catalog).get(item) ?? [];
    const inCatalog = entries.filter((e) => {
      const chain = this.catalog.parentChain('function', e.code);
      return (!cls || nameKey(chain[0]?.name ?? '') === cls) && (!seg || nameKey(chain[1]?.name ?? '') === seg);
    });
    if (inCatalog.length === 1) return `function:${inCatalog[0]!.code}`;
    return `function:?${names.cls}/${names.seg}/${names.item}`;
  }
}

const catalogItems = new WeakMap<Catalog, Map<string, CatalogEntry[]>>();

/** The catalog's function 项 by normalised name (built once per catalog). */
function catalogItemsByName(catalog: Catalog): Map<string, CatalogEntry[]> {
  let index = catalogItems.get(catalog);
  if (!index) {
    index = new Map();
    for (const e of catalog.entries('function')) {
      if (e.level !== '项') continue;
      const k = nameKey(e.name);
      addTo(index, k, e);
    }
    catalogItems.set(catalog, index);
  }
  return index;
}
