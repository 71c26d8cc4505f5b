/**
 * What a topic check is given and what it declares. The outline (template.ts) says which topic each
 * block writes and which facts it states; the registry (topics.ts) has one check per topic, which
 * compares what the paragraphs of that topic say with those facts and points at the cells of the
 * tables it names by role. A check whose table the set lacks is not run: its paragraphs are
 * reported 无法核验 (fail closed), never passed.
 */
import type { TableRole } from '../tables/roles';
import type { TemplateSet } from '../tables/template-types';
import type { DerivedTable } from '../tables/types';
import type { CellRef } from '../rules/types';
import type { ChangeSpec, Collector } from './compare';
import type { NarrativeContext, NarrativeFacts, Pair } from './facts';
import type { ItemIndex } from './items';
import type { NarrativeMemo } from './memo';
import type { Stated, SubjectPattern, TextParagraph, Topic } from './parse';

/** A change stated with a reason, for NT-08's "the same reason everywhere". */
export interface StatedReason {
  subject: string;
  label: string;
  text: string;
}

export interface TopicContext {
  c: Collector;
  reasons: StatedReason[];
  facts: NarrativeFacts;
  ctx: NarrativeContext;
  index: ItemIndex;
  year: number;
  memo: NarrativeMemo;
  /** Every paragraph of the text, and those of one topic. */
  paragraphs: readonly TextParagraph[];
  byTopic(t: Topic): readonly TextParagraph[];
  /** What a paragraph says, read once per text (see memo.ts); `reader` names what is read. */
  read<T>(reader: string, p: TextParagraph, readIt: () => T): T;
  said(p: TextParagraph, patterns: readonly SubjectPattern[], first: string): Map<string, Stated>;
  yearChange(pair: Pair, reasonNeeded: boolean): ChangeSpec;
  /** A cell of the table playing `role` (the check declared the role, so the table exists). */
  cell(role: TableRole, row: string, column: string): CellRef;
  /** The printed number of the role's table ('表五'; the role's name when the set has none). */
  no(role: TableRole): string;
  /** The derived table playing `role`, when the caller passed the tables. */
  derived(role: TableRole): DerivedTable | undefined;
  set: TemplateSet | undefined;
}

export interface TopicCheck {
  /** The outline topics whose paragraphs it reads. */
  topics: readonly Topic[];
  /** The rule a 无法核验 is reported under when a table it compares with is missing. */
  rule: string;
  /** What its paragraphs are about, for that message ('政府采购'). */
  label: string;
  /** The table roles it compares with and points at: without one of them it cannot verify. */
  tables: readonly TableRole[];
  check(tc: TopicContext, paragraphs: readonly TextParagraph[]): void;
  /**
   * What the check reads besides the key, topic and text of its paragraphs (of all paragraphs when
   * `topics` is empty), compared by identity: while they are the same, its findings and reasons
   * are those of the last check (memo.ts). Without it the check runs every time.
   */
  keepWhile?(tc: TopicContext, paragraphs: readonly TextParagraph[]): readonly unknown[];
  /**
   * true when `keepWhile` lists every paragraph the check reads (by object: a paragraph is never
   * changed once given out) and what else of the text it reads: its paragraphs are then not compared.
   */
  depsNameParagraphs?: boolean;
}
