/**
 * The narrative check's one cache: what a text says, keyed by the exact text read and the reader;
 * and, the same way, what a 按支出功能科目 paragraph generates, keyed by everything it is written
 * from (template.ts: its 项's facts, number, years, decimals and reason text).
 *
 * Reading (parse.ts: splitting a narrative into paragraphs, a paragraph into statements and
 * figures) depends on nothing but the text — and, for the 支出 paragraph, the catalog's 类 names —
 * so an entry never goes stale. After an edit most paragraphs read the same as before (an edit
 * changes one 项 or one econ line), so the check re-reads only the paragraphs whose text changed,
 * and a hand-edited narrative is split only when it changes.
 *
 * One memo per budget and catalog (a budget's check never evicts another's). Each check ends with
 * sweep(), which drops the texts not read lately once they outnumber those read, so a memo holds
 * about one narrative's readings and a few edits' worth of older ones.
 * Cached values are shared between checks: callers must not mutate them.
 */
import type { Catalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { FunctionItemFact, NarrativeFacts } from './facts';
import { indexedItems, ItemIndex, sameNames } from './items';
import type { NarrativeDoc, Paragraph } from './doc';
import { functionItemMentions, type Mention, type TextParagraph, type Topic } from './parse';
import type { Finding } from '../rules/types';
import type { Recorded } from './template';

export class NarrativeMemo {
  /** text → reader → reading. Keyed by the text first: a paragraph's text is hashed once per check. */
  private used = new Map<string, Map<string, unknown>>();
  private older = new Map<string, Map<string, unknown>>();

  /** The 项 index and the items it was built from (kept while their names stay the same). */
  private index: { items: FunctionItemFact[]; functionItems: readonly FunctionItemFact[]; droppedItems: readonly FunctionItemFact[]; index: ItemIndex } | null = null;
  /** Per 项 fact object (facts are shared between states, facts.ts): the paragraph it generated and what from (template.ts). */
  readonly itemParagraphs = new WeakMap<
    FunctionItemFact,
    { block: object; n: number; year: number; priorYear: number; decimals: number; reasonKey: string; reason: string | undefined; paragraph: Paragraph }
  >();

  /** Per outline block (template.ts blockParagraph): the paragraph it wrote and what it read. */
  readonly blockParagraphs = new WeakMap<
    object,
    { pattern: string; decimals: number; facts: Recorded<keyof NarrativeFacts, unknown>; texts: Recorded<string, string | undefined>; paragraph: Paragraph }
  >();

  /** Per outline heading block (template.ts headingParagraph): its paragraph and the place it was made for. */
  readonly headingParagraphs = new WeakMap<object, { section: string; no: number; paragraph: Paragraph }>();

  /** The last document generated with this memo (template.ts narrativeFromFacts): kept while every part is the same. */
  generated: { template: object; department: string; year: number; doc: NarrativeDoc } | null = null;

  /** The lines of `generated`'s document (check.ts), made once per document. */
  generatedLines: { doc: NarrativeDoc; lines: string[] } | null = null;

  /** Per free-text block or glossary (template.ts keptParagraphs): the paragraphs written from one text. */
  readonly textParagraphs = new WeakMap<object, { value: string; paragraphs: Paragraph[] }>();

  /** Per topic check (topics.ts): what it read and what it found, while that stays the same. */
  readonly topics = new Map<object, { paragraphs: readonly TextParagraph[]; deps: readonly unknown[]; findings: Finding[]; reasons: readonly unknown[] }>();

  /** The generated text's last lines and keyed paragraphs (check.ts keptSplit); byLine: paragraph index by line number, -1 where none starts. */
  lastSplit: { lines: readonly string[]; paragraphs: TextParagraph[]; byLine: Int32Array; index: ItemIndex } | null = null;

  /** The last paragraphs checked by topic (check.ts topicsOf): lists kept while their paragraphs are the same. */
  lastTopics: { paragraphs: readonly TextParagraph[]; topics: ReadonlyMap<Topic, readonly TextParagraph[]> } | null = null;

  /**
   * Per paragraph object (a paragraph the text did not change is the same object after an edit,
   * check.ts): its readings, found without hashing its text again.
   */
  private byParagraph = new WeakMap<TextParagraph, Map<string, unknown>>();

  /** Per topic check (topics.ts): what it keeps of its own last run, to redo only what changed. */
  readonly checkState = new Map<object, unknown>();

  constructor(readonly catalog: Catalog) {}

  /** What `reader` reads in paragraph `p` (per key and text, like get): by the paragraph object first. */
  read<T>(reader: string, p: TextParagraph, readIt: () => T): T {
    let own = this.byParagraph.get(p);
    if (!own) this.byParagraph.set(p, (own = new Map()));
    if (own.has(reader)) return own.get(reader) as T;
    const value = this.get(`${reader}\u0000${p.key}`, p.text, readIt);
    own.set(reader, value);
    return value;
  }

  /** The "X（类）Y（款）Z（项）" mentions of a paragraph, found once per text (its key and its check both read them). */
  itemMentions(p: TextParagraph): Mention[] {
    return this.get('itemMentions', p.text, () => functionItemMentions(p));
  }

  /** The 项 index for these facts: the last one when the 项 and their names are the same. */
  itemIndex(facts: NarrativeFacts): ItemIndex {
    const last = this.index;
    // The same arrays (facts share unchanged parts, facts.ts): the same 项, facts and index.
    if (last && last.functionItems === facts.functionItems && last.droppedItems === facts.droppedItems) return last.index;
    const items = indexedItems(facts);
    if (last && sameNames(last.items, items)) {
      last.index.rebind(items, last.items);
      this.index = { ...last, items, functionItems: facts.functionItems, droppedItems: facts.droppedItems };
      return last.index;
    }
    const index = new ItemIndex(items, this.catalog);
    this.index = { items, functionItems: facts.functionItems, droppedItems: facts.droppedItems, index };
    return index;
  }

  /** What `reader` reads in `text` (or makes from the inputs `text` spells out), computed by `read` on first use. */
  get<T>(reader: string, text: string, read: () => T): T {
    let readings = this.used.get(text);
    if (!readings) {
      readings = this.older.get(text) ?? new Map<string, unknown>();
      this.used.set(text, readings);
    }
    if (readings.has(reader)) return readings.get(reader) as T;
    const value = read();
    readings.set(reader, value);
    return value;
  }

  /**
   * Ends a check. A topic whose paragraphs and facts did not change is not read again (its last
   * findings are kept, check.ts), nor a paragraph the edit did not change (read by its object), so
   * texts not read are kept too — until they outnumber those read by far (a hand-edited text typed
   * over many times): then they are dropped, but for the texts of the paragraphs just checked.
   */
  sweep(live: readonly TextParagraph[] = []): void {
    if (this.older.size > 2 * this.used.size + 1000) {
      for (const p of live) {
        const readings = this.older.get(p.text);
        if (readings && !this.used.has(p.text)) this.used.set(p.text, readings);
      }
      this.older = this.used;
    } else {
      for (const [text, readings] of this.used) this.older.set(text, readings);
    }
    this.used = new Map();
  }
}

const memos = new WeakMap<Budget, NarrativeMemo>();

/** The memo for checking this budget with this catalog (a new one when the catalog changes). */
export function narrativeMemo(budget: Budget, catalog: Catalog): NarrativeMemo {
  let memo = memos.get(budget);
  if (!memo || memo.catalog !== catalog) {
    memo = new NarrativeMemo(catalog);
    memos.set(budget, memo);
  }
  return memo;
}
