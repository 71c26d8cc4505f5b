/**
 * Checking a narrative text against the data: the text is split into paragraphs (parse.ts), each
 * with its topic, and every check of the registry (topics.ts) compares its topic's paragraphs with
 * the facts (facts.ts) under RULES §5's tolerances. A check whose table the template set lacks
 * reports its paragraphs 无法核验 instead of passing them.
 */
import { addTo, sameItems } from '../arrays';
import type { Budget } from '../model/types';
import { setTableNos } from '../rules/roles';
import { tableOfRole } from '../tables/roles';
import type { CellRef, Finding } from '../rules/types';
import { TEMPLATE_SETS } from '../tables/registry';
import type { TableRole } from '../tables/roles';
import type { TemplateSet } from '../tables/template-types';
import type { DerivedTable } from '../tables/types';
import { TABLE_ROLE_NAMES } from '../text/terms';
import { append, Collector, narrativeCell, type ChangeSpec } from './compare';
import { plainLines } from './doc';
import { narrativeFacts, type NarrativeContext, type NarrativeFacts, type Pair } from './facts';
import { indexedItems, ItemIndex } from './items';
import { EDITED_KEY } from './keys';
import { narrativeMemo, NarrativeMemo } from './memo';
import { mergeStated, paragraphInPlace, paragraphsOfLines, splitParagraphs, statements, type Stated, type SubjectPattern, type TextParagraph, type Topic } from './parse';
import { narrativeFromFacts } from './template';
import { checkNarrativeAlone } from './internal';
import type { StatedReason, TopicCheck, TopicContext } from './topic';
import { TOPIC_CHECKS } from './topics';


export interface CheckOptions {
  /** Derived tables, for STR-03 (an empty table's 备注). */
  tables?: readonly DerivedTable[];
  /** The readings kept between checks (a Session's); default: one per budget (memo.ts). */
  memo?: NarrativeMemo;
  /** narrativeFacts(budget, ctx), when the caller has them already. */
  facts?: NarrativeFacts;
}

// ------------------------------------------------------------------------------------------------
// The check

export interface NarrativeCheck {
  /** The text that was checked. */
  text: string;
  /** true when it is the officer's hand-edited text, false when it is the generated one. */
  edited: boolean;
  paragraphs: TextParagraph[];
  findings: Finding[];
}

/** The text the rules check: the hand-edited narrative if there is one, else the generated one. */
export function narrativeTextToCheck(budget: Budget, ctx: NarrativeContext): { text: string; edited: boolean } {
  const t = textOrLines(budget, ctx, narrativeFacts(budget, ctx));
  return t.edited !== undefined ? { text: t.edited, edited: true } : { text: joinLines(t.lines), edited: false };
}

/** The hand-edited text when there is one, else the generated text's lines (read without being joined). */
function textOrLines(budget: Budget, ctx: NarrativeContext, facts: NarrativeFacts, memo?: NarrativeMemo): { edited: string; lines?: undefined } | { edited?: undefined; lines: string[] } {
  const edited = budget.texts[EDITED_KEY];
  if (edited && edited.trim() !== '') return { edited };
  const doc = narrativeFromFacts(budget, facts, ctx, undefined, memo);
  if (!memo) return { lines: plainLines(doc) };
  // The same document (nothing it is written from changed) has the same lines.
  if (memo.generatedLines?.doc !== doc) memo.generatedLines = { doc, lines: plainLines(doc) };
  return { lines: memo.generatedLines.lines };
}

const joinLines = (lines: readonly string[]) => lines.join('\n') + '\n';

export function checkNarrative(budget: Budget, ctx: NarrativeContext, opts: CheckOptions = {}): NarrativeCheck {
  const facts = opts.facts ?? narrativeFacts(budget, ctx);
  // The generated text and its reading share one memo; checkText ends the cycle (sweep).
  const t = textOrLines(budget, ctx, facts, opts.memo ?? narrativeMemo(budget, ctx.catalog));
  if (t.edited !== undefined) {
    // A hand-edited text is also checked within itself (the generated one agrees with itself by construction).
    return { ...withAlone(t.edited, checkText(t.edited, budget, facts, ctx, opts), facts.year, ctx), text: t.edited, edited: true };
  }
  const { paragraphs, findings } = checkText('', budget, facts, ctx, opts, t.lines);
  // The generated text is joined only when asked for (the rules never ask; a large one is 40 KB).
  let text: string | undefined;
  return {
    get text() {
      return (text ??= joinLines(t.lines));
    },
    edited: false,
    paragraphs,
    findings,
  };
}

/** A hand-edited text checked as the rules check it once saved: against the data, and within itself. */
export function checkEditedText(text: string, budget: Budget, ctx: NarrativeContext, opts: CheckOptions = {}): { paragraphs: TextParagraph[]; findings: Finding[] } {
  const facts = opts.facts ?? narrativeFacts(budget, ctx);
  return withAlone(text, checkText(text, budget, facts, ctx, opts), facts.year, ctx);
}

function withAlone(text: string, checked: { paragraphs: TextParagraph[]; findings: Finding[] }, year: number, ctx: NarrativeContext) {
  const alone = checkNarrativeAlone(text, { catalog: ctx.catalog, year, paragraphs: checked.paragraphs });
  return { paragraphs: checked.paragraphs, findings: withinText(checked.findings, alone.findings) };
}

/**
 * The text-only findings added to the data's: one the data check already made about the same
 * paragraph under the same rule is left out (the data's message names the table's figure).
 */
export function withinText(data: readonly Finding[], alone: readonly Finding[]): Finding[] {
  const said = new Set<string>();
  for (const f of data) {
    said.add(`${f.id}|${f.message}`);
    for (const c of f.cells) if (c.table === 'narrative') said.add(`${f.id}|${c.row}`);
  }
  const extra = alone.filter((f) => !said.has(`${f.id}|${f.message}`) && !f.cells.some((c) => c.table === 'narrative' && said.has(`${f.id}|${c.row}`)));
  return [...data, ...extra.map(({ id, severity, message, cells }) => ({ id, severity, message, cells }))];
}

/**
 * A narrative's paragraphs, keyed like the generator's: a 按支出功能科目 paragraph gets the key
 * 'function:<code>' of the 项 it names when the names resolve to one code.
 */
export function readParagraphs(text: string, facts: NarrativeFacts, ctx: NarrativeContext): TextParagraph[] {
  return keyedParagraphs(new NarrativeMemo(ctx.catalog), text, new ItemIndex(indexedItems(facts), ctx.catalog));
}

function keyedParagraphs(memo: NarrativeMemo, text: string, index: ItemIndex, lines?: readonly string[]): TextParagraph[] {
  if (lines) {
    const kept = keptSplit(memo, index, lines);
    if (kept) return kept;
  }
  // The generated text is split from its lines (each line's reading is kept, parse.ts); a hand-edited
  // one once per text, and copied: the split is cached, and the keys given here depend on the data.
  const paragraphs = lines ? paragraphsOfLines(lines) : memo.get('split', text, () => splitParagraphs(text)).map((p) => ({ ...p }));
  const used = new Set(paragraphs.map((p) => p.key));
  for (const p of paragraphs) {
    if (p.topic !== 'functionItems') continue;
    const subject = firstItemSubject(memo, p, index);
    if (subject && !subject.startsWith('function:?') && !used.has(subject)) {
      used.add(subject);
      p.key = subject;
    }
  }
  if (lines) {
    const byLine = new Int32Array(lines.length + 1).fill(-1);
    paragraphs.forEach((p, i) => (byLine[p.line] = i));
    memo.lastSplit = { lines, paragraphs, byLine, index };
  }
  return paragraphs;
}

/** The 项 a 按支出功能科目 paragraph names first, resolved once per text and index (kept while names stay). */
function firstItemSubject(memo: NarrativeMemo, p: TextParagraph, index: ItemIndex): string | undefined {
  const slot = memo.get('firstItem', p.text, () => ({ names: memo.itemMentions(p)[0]?.names, index: null as ItemIndex | null, subject: '' }));
  if (!slot.names) return undefined;
  if (slot.index !== index) {
    slot.subject = index.resolve(slot.names);
    slot.index = index;
  }
  return slot.subject;
}

/**
 * The keyed paragraphs of the generated text's lines from the last ones (memo.lastSplit), when the
 * lines differ only in lines that stay paragraphs of their own with their topic and key
 * (parse.ts paragraphInPlace): the other paragraphs are the last objects, so what is kept per
 * paragraph is found by identity. undefined when the text must be split afresh.
 */
function keptSplit(memo: NarrativeMemo, index: ItemIndex, lines: readonly string[]): TextParagraph[] | undefined {
  const last = memo.lastSplit;
  if (!last || last.index !== index || last.lines.length !== lines.length) return undefined;
  let out: TextParagraph[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === last.lines[i]) continue;
    const at = last.byLine[i + 1]!;
    const old = at < 0 ? undefined : last.paragraphs[at];
    const now = old && paragraphInPlace(old, last.lines[i]!, lines[i]!);
    if (!now) return undefined;
    if (now.topic === 'functionItems') {
      // Its key is the 项 it names (or its place when it names none, or one named before): the same
      // only when the new text names the same 项, or none again.
      const subject = firstItemSubject(memo, now, index);
      const resolved = subject !== undefined && !subject.startsWith('function:?');
      if (resolved ? subject !== old.key : !old.key.startsWith('function:?')) return undefined;
    }
    (out ??= [...last.paragraphs])[at] = now;
  }
  if (!out) return last.paragraphs;
  memo.lastSplit = { ...last, lines, paragraphs: out };
  return out;
}

export function checkNarrativeText(text: string, budget: Budget, ctx: NarrativeContext, opts: CheckOptions = {}): { paragraphs: TextParagraph[]; findings: Finding[] } {
  return checkText(text, budget, narrativeFacts(budget, ctx), ctx, opts);
}

/** Checks `text`, or, given them, the generated text's `lines` (then `text` is not read). */
function checkText(text: string, budget: Budget, facts: NarrativeFacts, ctx: NarrativeContext, opts: CheckOptions, lines?: readonly string[]): { paragraphs: TextParagraph[]; findings: Finding[] } {
  const memo = opts.memo ?? narrativeMemo(budget, ctx.catalog);
  let checked: { paragraphs: TextParagraph[]; findings: Finding[] } | undefined;
  try {
    return (checked = checkParagraphs(memo, text, facts, ctx, opts, lines));
  } finally {
    memo.sweep(checked?.paragraphs);
  }
}

/** The table set a check points at: the context's, else the set its profile belongs to. */
function setOf(ctx: NarrativeContext): TemplateSet | undefined {
  return ctx.templates ?? TEMPLATE_SETS.find((s) => s.profile.id === ctx.profile.id);
}

function checkParagraphs(
  memo: NarrativeMemo,
  text: string,
  facts: NarrativeFacts,
  ctx: NarrativeContext,
  opts: CheckOptions,
  lines?: readonly string[],
): { paragraphs: TextParagraph[]; findings: Finding[] } {
  const index = memo.itemIndex(facts);
  const paragraphs = keyedParagraphs(memo, text, index, lines);
  const topics = topicsOf(memo, paragraphs);
  const set = setOf(ctx);
  const tc = new CheckContext(facts, ctx, index, memo, paragraphs, topics, set, set ? setTableNos(set) : TABLE_ROLE_NAMES, opts.tables);
  for (const check of TOPIC_CHECKS) {
    const ps = check.topics.length === 1 ? tc.byTopic(check.topics[0]!) : check.topics.flatMap((t) => tc.byTopic(t));
    const lacking = lackingTables(set, check);
    if (lacking.length) unverifiable(tc, check, ps, lacking);
    else if (check.keepWhile) runKept(tc, memo, check, check.topics.length ? ps : paragraphs);
    else check.check(tc, ps);
  }
  return { paragraphs, findings: dedupe(memo, tc.c.findings) };
}

/**
 * The paragraphs by topic. After an edit the paragraphs are mostly the last ones (keptSplit), each
 * changed one with its topic: the last map with only the lists of the changed paragraphs' topics
 * made again, so a topic the edit did not touch has the same list (and its kept check finds it so).
 */
function topicsOf(memo: NarrativeMemo, paragraphs: readonly TextParagraph[]): ReadonlyMap<Topic, readonly TextParagraph[]> {
  const last = memo.lastTopics;
  if (last && last.paragraphs === paragraphs) return last.topics;
  if (last && last.paragraphs.length === paragraphs.length) {
    let topics: Map<Topic, readonly TextParagraph[]> | undefined;
    let kept = true;
    for (let i = 0; i < paragraphs.length && kept; i++) {
      const p = paragraphs[i]!;
      const old = last.paragraphs[i]!;
      if (p === old) continue;
      const list = last.topics.get(old.topic);
      const at = list ? list.indexOf(old) : -1;
      if (p.topic !== old.topic || at < 0) {
        kept = false;
        break;
      }
      topics ??= new Map(last.topics);
      let now = topics.get(p.topic)!;
      if (now === list) topics.set(p.topic, (now = list.slice()));
      (now as TextParagraph[])[at] = p;
    }
    if (kept) {
      memo.lastTopics = { paragraphs, topics: topics ?? last.topics };
      return memo.lastTopics.topics;
    }
  }
  const topics = new Map<Topic, TextParagraph[]>();
  for (const p of paragraphs) addTo(topics, p.topic, p);
  memo.lastTopics = { paragraphs, topics };
  return topics;
}

const sameParagraphs = (a: readonly TextParagraph[], b: readonly TextParagraph[]): boolean =>
  a === b || (a.length === b.length && a.every((p, i) => p === b[i] || (p.key === b[i]!.key && p.text === b[i]!.text && p.topic === b[i]!.topic)));

/** A role's table in a set (sets are fixed data: found once per set and role; the checks name a cell by role dozens of times). */
const roleTables = new WeakMap<TemplateSet, Map<TableRole, TemplateSet['tables'][number] | undefined>>();
function tableFor(set: TemplateSet | undefined, role: TableRole): TemplateSet['tables'][number] | undefined {
  if (!set) return undefined;
  let tables = roleTables.get(set);
  if (!tables) roleTables.set(set, (tables = new Map()));
  if (!tables.has(role)) tables.set(role, tableOfRole(set, role));
  return tables.get(role);
}

/** The roles a check compares with that the set has no table for (per set and check, both fixed). */
const lackingKept = new WeakMap<TemplateSet | TopicCheck, Map<TopicCheck, readonly TableRole[]>>();
function lackingTables(set: TemplateSet | undefined, check: TopicCheck): readonly TableRole[] {
  const key = set ?? check;
  let bySet = lackingKept.get(key);
  if (!bySet) lackingKept.set(key, (bySet = new Map()));
  let lacking = bySet.get(check);
  if (!lacking) bySet.set(check, (lacking = check.tables.filter((role) => !tableFor(set, role))));
  return lacking;
}

const NO_PARAGRAPHS: readonly TextParagraph[] = [];

/** The reader names of said(), one string per subject read first (made once, not per paragraph and check). */
const STATEMENTS_READERS = new Map<string, string>();

/** What the topic checks of one check are given: one object, its methods on the prototype (made per check, not per edit's closures). */
class CheckContext implements TopicContext {
  c = new Collector();
  reasons: StatedReason[] = [];
  readonly year: number;

  constructor(
    readonly facts: NarrativeFacts,
    readonly ctx: NarrativeContext,
    readonly index: ItemIndex,
    readonly memo: NarrativeMemo,
    readonly paragraphs: readonly TextParagraph[],
    private readonly topics: ReadonlyMap<Topic, readonly TextParagraph[]>,
    readonly set: TemplateSet | undefined,
    private readonly nos: Readonly<Record<TableRole, string>>,
    private readonly tables: readonly DerivedTable[] | undefined,
  ) {
    this.year = facts.year;
  }

  byTopic(t: Topic): readonly TextParagraph[] {
    return this.topics.get(t) ?? NO_PARAGRAPHS;
  }

  read<T>(reader: string, p: TextParagraph, readIt: () => T): T {
    return this.memo.read(reader, p, readIt);
  }

  said(p: TextParagraph, patterns: readonly SubjectPattern[], first: string): Map<string, Stated> {
    let reader = STATEMENTS_READERS.get(first);
    if (reader === undefined) STATEMENTS_READERS.set(first, (reader = `statements:${first}`));
    return this.memo.read(reader, p, () => mergeStated(statements(p, patterns, first)));
  }

  yearChange(pair: Pair, reasonNeeded: boolean): ChangeSpec {
    return { pair, reasonNeeded, year: this.year };
  }

  cell(role: TableRole, row: string, column: string): CellRef {
    const t = tableFor(this.set, role);
    if (!t) throw new Error(`情况说明核对引用了报表模板中没有的${TABLE_ROLE_NAMES[role]}`);
    return { table: t.id, row, column };
  }

  no(role: TableRole): string {
    return this.nos[role];
  }

  derived(role: TableRole): DerivedTable | undefined {
    const id = tableFor(this.set, role)?.id;
    return id ? this.tables?.find((t) => t.id === id) : undefined;
  }

  /** This context with findings and reasons of its own (a kept check's, runKept): another of the same shape, not one made from it (a prototype's shape is its own). */
  withOwnOutput(): CheckContext {
    return new CheckContext(this.facts, this.ctx, this.index, this.memo, this.paragraphs, this.topics, this.set, this.nos, this.tables);
  }
}

/** A check with `keepWhile`: its last findings and reasons while its paragraphs and what it reads are the same. */
function runKept(tc: CheckContext, memo: NarrativeMemo, check: TopicCheck, ps: readonly TextParagraph[]): void {
  const deps = check.keepWhile!(tc, ps);
  let kept = memo.topics.get(check);
  if (!kept || (!check.depsNameParagraphs && !sameParagraphs(kept.paragraphs, ps)) || !sameItems(kept.deps, deps)) {
    const own = tc.withOwnOutput();
    check.check(own, ps);
    kept = { paragraphs: ps, deps, findings: own.c.findings, reasons: own.reasons };
    memo.topics.set(check, kept);
  }
  append(tc.c.findings, kept.findings);
  append(tc.reasons, kept.reasons as StatedReason[]);
}

/** A topic whose table the set lacks: what its paragraphs state cannot be verified (fail closed). */
function unverifiable(tc: TopicContext, check: TopicCheck, ps: readonly TextParagraph[], lacking: readonly TableRole[]): void {
  if (ps.length === 0) return;
  const where = tc.set ? `报表模板“${tc.set.profile.name}”中没有${lacking.map((r) => TABLE_ROLE_NAMES[r]).join('、')}` : '没有报表模板';
  tc.c.add(check.rule, 'unverifiable', `${check.label}：${where}，情况说明所写无法核验`, ps.map((p) => narrativeCell(p.key)));
}

/** A finding's identity for dedupe, made once per finding (a kept check's findings are the same objects after an edit). */
const findingKeys = new WeakMap<Finding, string>();

function findingKey(f: Finding): string {
  let k = findingKeys.get(f);
  if (k === undefined) findingKeys.set(f, (k = `${f.id}|${f.severity}|${f.message}`));
  return k;
}

/** What dedupe kept of its last run (memo.checkState): the findings, their keys, and the places of those it kept. */
interface DedupeRun {
  findings: readonly Finding[];
  keys: readonly string[];
  kept: readonly number[];
}

/**
 * The findings without repeats (the first of each key is kept). After an edit most findings are
 * the last run's objects: while every place holds a finding of the same key as last time, the
 * places kept are the same, and only the findings at the changed places are looked at.
 */
function dedupe(memo: NarrativeMemo, findings: Finding[]): Finding[] {
  const last = memo.checkState.get(dedupe) as DedupeRun | undefined;
  if (last && last.findings.length === findings.length) {
    let same = true;
    for (let i = 0; i < findings.length && same; i++) {
      const f = findings[i]!;
      same = f === last.findings[i] || findingKey(f) === last.keys[i];
    }
    if (same) {
      memo.checkState.set(dedupe, { ...last, findings });
      return last.kept.map((i) => findings[i]!);
    }
  }
  const seen = new Set<string>();
  const keys = new Array<string>(findings.length);
  const kept: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    const k = (keys[i] = findingKey(findings[i]!));
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(i);
  }
  memo.checkState.set(dedupe, { findings, keys, kept } satisfies DedupeRun);
  return kept.map((i) => findings[i]!);
}
