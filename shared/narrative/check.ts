/**
 * Checking a narrative text against the data: the figures parse.ts reads back are compared with
 * the facts (facts.ts) under RULES §5's tolerances, and each disagreement becomes a finding with a
 * rule id, a Chinese message naming both numbers, and the cells involved (the table cell the
 * sentence states, and the narrative paragraph as {table: 'narrative', row: paragraph key}).
 *
 * Which rule owns what: the NT rule of a subject owns its amounts, shares, lists, presence and
 * names (NT-01 收入, NT-03 支出, NT-04 基本/项目, NT-05 人员/公用, NT-06 一般公共预算, NT-07 per 项,
 * NT-09 三公, NT-10 机关运行经费, NT-11 政府采购, NT-12 国有资产, NT-13 绩效目标); reasons are NT-08;
 * units NT-14; share sums NT-15. Everything about a change against last year is a CHG rule,
 * whatever the subject: zero base CHG-02, percentage CHG-03, direction word CHG-04, amount CHG-05.
 * So R1's "下降46.0%" on 产业发展 is one finding, CHG-03 (RULES lists it as NT-07/CHG-03).
 */
import { pushAll } from '../arrays';
import { maxOf } from '../arrays';
import Decimal from 'decimal.js';
import { changePercentAbs, changeRatio, formatProse, subFen, type Fen } from '../money/money';
import { normalizeName, type Catalog, type CatalogEntry } from '../catalog/catalog';
import type { Budget } from '../model/types';
import { THREE_PUBLIC_ITEMS, VEHICLE_KINDS, VEHICLE_NAMES } from '../model/types';
import type { CellRef, Finding, Severity } from '../rules/types';
import type { DerivedTable } from '../tables/types';
import { toPlainText } from './doc';
import { SEVERITY_LABELS } from '../text/terms';
import { narrativeFacts, THREE_PUBLIC_PROSE, type FunctionItemFact, type NarrativeContext, type NarrativeFacts, type Pair } from './facts';
import { EDITED_KEY } from './keys';
import { narrativeMemo, NarrativeMemo } from './memo';
import {
  BASIC_PATTERNS,
  expenditurePatterns,
  functionItemMentions,
  functionItemStatements,
  GPB_PATTERNS,
  INCOME_PATTERNS,
  isMoneyUnit,
  mergeStated,
  numbersIn,
  readAssets,
  readPerformance,
  readProcurement,
  splitParagraphs,
  statements,
  statesNone,
  THREE_PUBLIC_PATTERNS,
  THREE_PUBLIC_SUBJECT,
  toYuan,
  yearsIn,
  type Num,
  type Stated,
  type SubjectPattern,
  type TextParagraph,
} from './parse';
import { narrativeFromFacts } from './template';
import { checkNarrativeAlone, sectionFindings } from './internal';

export interface CheckOptions {
  /** Derived tables, for STR-03 (an empty table's 备注). */
  tables?: readonly DerivedTable[];
  /** The readings kept between checks (a Session's); default: one per budget (memo.ts). */
  memo?: NarrativeMemo;
  /** narrativeFacts(budget, ctx), when the caller has them already. */
  facts?: NarrativeFacts;
}

const yuan = (fen: Fen) => `${formatProse(fen)}元`;
const shownAmount = (n: Num) => `${n.text}${n.unit}`;

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * The written number n (value v = n.digits / 10^d) read as v × `scale` 元, against `fen`:
 * |v × scale − fen/100| ≤ 0.5 × 10^−d × scale + 0.005 元. Both sides × 200 × 10^d are integers:
 * |200 × digits × scale − 2 × fen × 10^d| ≤ 100 × scale + 10^d.
 */
function withinTolTxt(n: Num, scale: bigint, fen: Fen): boolean {
  const p = 10n ** BigInt(n.decimals);
  return abs(200n * n.digits * scale - 2n * BigInt(fen) * p) <= 100n * scale + p;
}

/** |narrative − table| ≤ 0.5 × 10^−d (in the narrative's unit) + 0.005 元 (RULES §5 tol_txt). */
export function amountMatches(n: Num, fen: Fen): boolean {
  return withinTolTxt(n, n.unit === '万元' ? 10000n : n.unit === '亿元' ? 100000000n : 1n, fen);
}

/** A 10^4 slip: the number is right but its unit is 元 for 万元 or the reverse (NT-14). */
function unitSlip(n: Num, fen: Fen): boolean {
  if (fen === 0) return false;
  if (n.unit === '元') return withinTolTxt(n, 10000n, fen); // read as 万元
  if (n.unit === '万元') return withinTolTxt(n, 1n, fen); // read as 元
  return false;
}

export type PctResult = 'pass' | 'warning' | 'error';

/**
 * tol_pct(p): the shown percentage s (d decimals) against the exact num/den: pass within half a
 * unit of the last shown decimal (+10^−9), warning within one, error beyond. In integers, with
 * e = |s × 10^d × den − num × 10^d|… precisely |digits × den − num × 10^d| / (10^d × den):
 * pass ⟺ 2 × 10^9 × |…| ≤ (10^9 + 2 × 10^d) × den; warning ⟺ 10^9 × |…| ≤ (10^9 + 10^d) × den.
 */
export function percentCheck(shown: Num, num: bigint, den: bigint): PctResult {
  if (den < 0n) [num, den] = [-num, -den];
  const p = 10n ** BigInt(shown.decimals);
  const e = abs(shown.digits * den - num * p);
  const G = 1_000_000_000n;
  if (2n * G * e <= (G + 2n * p) * den) return 'pass';
  if (G * e <= (G + p) * den) return 'warning';
  return 'error';
}

const pctText = (d: Decimal) => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();

class Collector {
  readonly findings: Finding[] = [];
  add(id: string, severity: Severity, message: string, cells: CellRef[]): void {
    this.findings.push({ id, severity, message, cells });
  }
}

const narrativeCell = (paragraph: string, subject = ''): CellRef => ({ table: 'narrative', row: paragraph, column: subject });

interface Subject {
  label: string; // Chinese, for messages
  cells: CellRef[];
}

// ------------------------------------------------------------------------------------------------
// Shared comparisons

function checkAmount(c: Collector, id: string, severity: Severity, st: Stated, n: Num | undefined, fen: Fen, s: Subject, what = ''): void {
  if (!n) return;
  if (!isMoneyUnit(n.unit)) return;
  if (amountMatches(n, fen)) return;
  const cells = [...s.cells, narrativeCell(st.paragraph, st.subject)];
  if (unitSlip(n, fen)) {
    c.add('NT-14', 'error', `${s.label}${what}：情况说明写“${shownAmount(n)}”，表中为${yuan(fen)}，数值对上了但单位写错（元与万元相差一万倍）`, cells);
    return;
  }
  c.add(id, severity, `${s.label}${what}：情况说明写“${shownAmount(n)}”，表中为${yuan(fen)}`, cells);
}

function checkBare(c: Collector, st: Stated, s: Subject): void {
  for (const n of st.bare) {
    c.add('NT-14', 'error', `${s.label}：情况说明中的“${n.text}”没有写单位（元/万元）`, [narrativeCell(st.paragraph, st.subject)]);
  }
}

function checkShare(c: Collector, id: string, st: Stated, part: Fen, total: Fen, s: Subject): void {
  if (!st.share) return;
  const cells = [...s.cells, narrativeCell(st.paragraph, st.subject)];
  if (!st.share.hasSign) {
    c.add('NT-15', 'warning', `${s.label}：占比“${st.share.num.text}”缺少“%”`, cells);
  }
  if (total === 0) return;
  const r = percentCheck(st.share.num, BigInt(part) * 100n, BigInt(total));
  if (r === 'pass') return;
  const exact = new Decimal(part).times(100).div(total);
  c.add(
    id,
    r,
    `${s.label}：情况说明写占${st.share.num.text}%，按表中数复算为${pctText(exact)}%${r === 'warning' ? '（进位误差）' : ''}`,
    cells,
  );
}

interface ChangeSpec {
  pair: Pair;
  /** The rule that owns the change amount and direction (default CHG-05 / CHG-04; NT-02 for 收入/支出). */
  owner?: string;
  /** Percentages are expected only where the outline states them; a stated one is checked anyway. */
  reasonNeeded: boolean;
  year: number;
}

/** CHG-02…05 and NT-08 for one subject's change against last year. */
function checkChange(c: Collector, st: Stated, spec: ChangeSpec, s: Subject, reasons: { subject: string; label: string; text: string }[]): void {
  const cells = [...s.cells, narrativeCell(st.paragraph, st.subject)];
  for (const y of new Set(st.comparedYears)) {
    if (y !== spec.year - 1) c.add('TIM-02', 'warning', `${s.label}：写“较${y}年”，比较年度应为${spec.year - 1}年`, cells);
  }
  if (!st.change && !st.percent) return;
  if (spec.pair.prior === null) {
    c.add(spec.owner ?? 'CHG-05', 'unverifiable', `${s.label}：情况说明写了与上年的比较，但上年数未录入，${SEVERITY_LABELS.unverifiable}`, cells);
    return;
  }
  const { current, prior } = spec.pair;
  const delta = subFen(current, prior);
  const sign = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const dirWord = (d: string) => (d === 'up' ? '增加' : d === 'down' ? '减少' : '持平');
  if (st.change) {
    const ch = st.change;
    if (ch.dir === 'flat') {
      if (delta !== 0) {
        c.add(spec.owner ?? 'CHG-04', 'error', `${s.label}：情况说明写“持平”，表中本年${yuan(current)}、上年${yuan(prior)}，实际${dirWord(sign)}${yuan(Math.abs(delta))}`, cells);
      }
    } else if (ch.amount && ch.amount.value.isZero() && delta === 0) {
      c.add('CHG-04', 'info', `${s.label}：写“${ch.word}0”，宜写“与上年持平”`, cells);
    } else {
      if (sign !== ch.dir) {
        c.add(
          spec.owner ?? 'CHG-04',
          'error',
          `${s.label}：情况说明写“${ch.word}”，表中本年${yuan(current)}、上年${yuan(prior)}，实际${sign === 'flat' ? '持平' : dirWord(sign)}`,
          cells,
        );
      }
      if (ch.amount && isMoneyUnit(ch.amount.unit) && !amountMatches(ch.amount, Math.abs(delta))) {
        if (unitSlip(ch.amount, Math.abs(delta))) {
          c.add('NT-14', 'error', `${s.label}：增减额“${shownAmount(ch.amount)}”单位写错，应为${yuan(Math.abs(delta))}`, cells);
        } else {
          c.add(spec.owner ?? 'CHG-05', 'error', `${s.label}：情况说明写${ch.word}${shownAmount(ch.amount)}，按表中数应为${dirWord(sign)}${yuan(Math.abs(delta))}（本年${yuan(current)}，上年${yuan(prior)}）`, cells);
        }
      }
    }
  }
  if (st.percent) {
    const pct = st.percent;
    if (prior === 0) {
      if (current !== 0) {
        c.add('CHG-02', 'warning', `${s.label}：上年为0，不应写增幅“${pct.word}${pct.num.text}%”，宜写“上年无此项预算”`, cells);
      }
    } else {
      const exact = () => changeRatio(current, prior)!;
      if (pct.dir && pct.dir !== sign && sign !== 'flat') {
        c.add('CHG-04', 'error', `${s.label}：写“${pct.word}${pct.num.text}%”，实际${sign === 'up' ? '增长' : '下降'}${pctText(exact().abs())}%`, cells);
      } else {
        // |current − prior| × 100 / |prior|, the size of the change.
        const r = percentCheck(pct.num, abs(BigInt(delta) * 100n), abs(BigInt(prior)));
        if (r !== 'pass') {
          c.add(
            'CHG-03',
            r,
            `${s.label}：情况说明写${pct.word}${pct.num.text}%，按表中数复算为${pctText(exact().abs())}%${
              r === 'warning' ? `（进位误差，应写${changePercentAbs(current, prior, pct.num.decimals)}%）` : ''
            }`,
            cells,
          );
        }
      }
    }
  } else if (prior !== 0 && current === 0 && st.change && st.change.dir !== 'flat') {
    // −100%: not stating it is fine.
  }
  const statedChange = st.change ? st.change.dir !== 'flat' : !!st.percent;
  if (spec.reasonNeeded && statedChange && delta !== 0) {
    if (st.reason === 'present') reasons.push({ subject: st.subject, label: s.label, text: st.reasonText });
    else {
      c.add(
        'NT-08',
        'warning',
        st.reason === 'placeholder' ? `${s.label}：增减原因尚未填写` : `${s.label}：说明了增减变化，但没有说明原因（主要原因是……）`,
        [narrativeCell(st.paragraph, st.subject)],
      );
    }
  }
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
  return textToCheck(budget, ctx, narrativeFacts(budget, ctx));
}

function textToCheck(budget: Budget, ctx: NarrativeContext, facts: NarrativeFacts, memo?: NarrativeMemo): { text: string; edited: boolean } {
  const edited = budget.texts[EDITED_KEY];
  if (edited && edited.trim() !== '') return { text: edited, edited: true };
  return { text: toPlainText(narrativeFromFacts(budget, facts, ctx, undefined, memo)), edited: false };
}

export function checkNarrative(budget: Budget, ctx: NarrativeContext, opts: CheckOptions = {}): NarrativeCheck {
  const facts = opts.facts ?? narrativeFacts(budget, ctx);
  // The generated text and its reading share one memo; checkText ends the cycle (sweep).
  const { text, edited } = textToCheck(budget, ctx, facts, opts.memo ?? narrativeMemo(budget, ctx.catalog));
  const checked = checkText(text, budget, facts, ctx, opts);
  // A hand-edited text is also checked within itself (the generated one agrees with itself by construction).
  return { ...(edited ? withAlone(text, checked, facts.year, ctx) : checked), text, edited };
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

const nameKey = (s: string) => normalizeName(s).replace(/^（\d+）/, '');

interface KnownItem {
  fact: FunctionItemFact;
  segment: string; // nameKey of the 款 name
  cls: string; // nameKey of the 类 name
}

/**
 * The 项 the data knows this year and last (表五's rows), by code and by normalised 项 name, and
 * the resolutions of names to subjects made with them (built once per check).
 */
class ItemIndex {
  readonly byCode = new Map<string, FunctionItemFact>();
  private readonly byName = new Map<string, KnownItem[]>();
  private readonly resolved = new Map<string, string>();

  constructor(
    facts: NarrativeFacts,
    private readonly catalog: Catalog,
  ) {
    for (const fact of [...facts.functionItems, ...facts.droppedItems]) {
      this.byCode.set(fact.code, fact);
      const k = nameKey(fact.itemName);
      const known: KnownItem = { fact, segment: nameKey(fact.segmentName), cls: nameKey(fact.className) };
      const list = this.byName.get(k);
      if (list) list.push(known);
      else this.byName.set(k, [known]);
    }
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
    if (exact.length === 1) return `function:${exact[0]!.fact.code}`;
    // The 项 name alone fits one item of the data: the 类/款 names are wrong (NT-07 names the codes).
    const byItem = known.filter((f) => !seg || f.segment === seg || !cls || f.cls === cls);
    if (byItem.length === 1) return `function:${byItem[0]!.fact.code}`;
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
      const list = index.get(k);
      if (list) list.push(e);
      else index.set(k, [e]);
    }
    catalogItems.set(catalog, index);
  }
  return index;
}

/**
 * A narrative's paragraphs, keyed like the generator's: a 按支出功能科目 paragraph gets the key
 * 'function:<code>' of the 项 it names when the names resolve to one code.
 */
export function readParagraphs(text: string, facts: NarrativeFacts, ctx: NarrativeContext): TextParagraph[] {
  return keyedParagraphs(new NarrativeMemo(ctx.catalog), text, new ItemIndex(facts, ctx.catalog));
}

function keyedParagraphs(memo: NarrativeMemo, text: string, index: ItemIndex): TextParagraph[] {
  // Copies: the split is cached, and the keys given here depend on the data.
  const paragraphs = memo.get('split', text, () => splitParagraphs(text)).map((p) => ({ ...p }));
  const used = new Set(paragraphs.map((p) => p.key));
  for (const p of paragraphs) {
    if (p.topic !== 'functionItems') continue;
    const first = memo.get('firstItem', p.text, () => functionItemMentions(p)[0]);
    if (!first?.names) continue;
    const subject = index.resolve(first.names);
    if (!subject.startsWith('function:?') && !used.has(subject)) {
      used.add(subject);
      p.key = subject;
    }
  }
  return paragraphs;
}

export function checkNarrativeText(text: string, budget: Budget, ctx: NarrativeContext, opts: CheckOptions = {}): { paragraphs: TextParagraph[]; findings: Finding[] } {
  return checkText(text, budget, narrativeFacts(budget, ctx), ctx, opts);
}

function checkText(text: string, budget: Budget, facts: NarrativeFacts, ctx: NarrativeContext, opts: CheckOptions): { paragraphs: TextParagraph[]; findings: Finding[] } {
  const memo = opts.memo ?? narrativeMemo(budget, ctx.catalog);
  try {
    return checkParagraphs(memo, text, facts, ctx, opts);
  } finally {
    memo.sweep();
  }
}

function checkParagraphs(memo: NarrativeMemo, text: string, facts: NarrativeFacts, ctx: NarrativeContext, opts: CheckOptions): { paragraphs: TextParagraph[]; findings: Finding[] } {
  const index = new ItemIndex(facts, ctx.catalog);
  const paragraphs = keyedParagraphs(memo, text, index);
  /** What a paragraph says, read once per text (see memo.ts); `reader` names what is read. */
  const read = <T>(reader: string, p: TextParagraph, readIt: () => T): T => memo.get(`${reader}\u0000${p.key}`, p.text, readIt);
  const said = (p: TextParagraph, patterns: readonly SubjectPattern[], first: string) =>
    read(`statements:${first}`, p, () => mergeStated(statements(p, patterns, first)));
  const topics = new Map<TextParagraph['topic'], TextParagraph[]>();
  for (const p of paragraphs) {
    const list = topics.get(p.topic);
    if (list) list.push(p);
    else topics.set(p.topic, [p]);
  }
  const byTopic = (t: TextParagraph['topic']): readonly TextParagraph[] => topics.get(t) ?? [];
  const c = new Collector();
  const reasons: { subject: string; label: string; text: string }[] = [];
  const year = facts.year;
  const yearChange = (pair: Pair, reasonNeeded: boolean): ChangeSpec => ({ pair, reasonNeeded, year });

  // ---------------------------------------------------------------- 收入 (NT-01, NT-02→CHG)
  for (const p of byTopic('income')) {
    const stated = said(p, INCOME_PATTERNS, 'income.total');
    const total: Subject = { label: '收入预算总额', cells: [{ table: 't1', row: 'incomeTotal', column: 'inAmount' }] };
    const t = stated.get('income.total');
    if (t) {
      checkAmount(c, 'NT-01', 'error', t, t.amount, facts.income.total, total);
      checkChange(c, t, { ...yearChange({ current: facts.income.total, prior: facts.income.prior }, true), owner: 'NT-02' }, { ...total, label: '收入' }, reasons);
      checkBare(c, t, total);
    }
    const shares: Num[] = [];
    for (const [subject, st] of stated) {
      if (subject === 'income.total' || subject === 'income.current') continue;
      const key = subject.slice('income.'.length);
      const fact = facts.income.sources.find((s) => s.key === key);
      const s: Subject = { label: fact?.name ?? key, cells: [{ table: 't1', row: key === 'carryover' ? 'carryover' : `income:${key}`, column: 'inAmount' }] };
      checkAmount(c, 'NT-01', 'error', st, st.amount, fact?.fen ?? 0, s);
      checkShare(c, 'NT-01', st, fact?.fen ?? 0, facts.income.total, s);
      checkBare(c, st, s);
      if (st.share) shares.push(st.share.num);
    }
    for (const src of facts.income.sources) {
      if (!stated.has(`income.${src.key}`)) {
        c.add('NT-01', 'warning', `收入预算：未列出${src.name}${yuan(src.fen)}`, [{ table: 't1', row: `income:${src.key}`, column: 'inAmount' }, narrativeCell(p.key)]);
      }
    }
    checkShareSum(c, shares, facts.income.sources.length, '收入来源', p.key);
  }

  // ---------------------------------------------------------------- 支出 (NT-03, NT-04)
  const expPatterns = expenditurePatterns(ctx.catalog);
  for (const p of byTopic('expenditure')) {
    const stated = said(p, expPatterns, 'expenditure.total');
    const total: Subject = { label: '支出预算总额', cells: [{ table: 't1', row: 'spendCurrent', column: 'outAmount' }, { table: 't3', row: 'total', column: 'total' }] };
    const t = stated.get('expenditure.total');
    if (t) {
      checkAmount(c, 'NT-03', 'error', t, t.amount, facts.expenditure.total, total);
      checkChange(c, t, { ...yearChange({ current: facts.expenditure.total, prior: facts.expenditure.prior }, true), owner: 'NT-02' }, { ...total, label: '支出' }, reasons);
      checkBare(c, t, total);
    }
    for (const kind of ['basic', 'project'] as const) {
      const st = stated.get(`expenditure.${kind}`);
      if (!st) continue;
      const s: Subject = { label: kind === 'basic' ? '支出增减中的基本支出' : '支出增减中的项目支出', cells: [{ table: 't3', row: 'total', column: kind }] };
      // "基本支出预算增加X元" here explains the total's change: its figure is the change (NT-04).
      if (st.change?.amount && !st.amount) {
        const pair = facts.expenditure[kind];
        const delta = subFen(pair.current, pair.prior ?? 0);
        if (st.change.dir !== 'flat' && (Math.sign(delta) !== (st.change.dir === 'up' ? 1 : -1) || !amountMatches(st.change.amount, Math.abs(delta)))) {
          c.add(
            'NT-04',
            'error',
            `${s.label}：情况说明写${st.change.word}${shownAmount(st.change.amount)}，按表中数为${delta >= 0 ? '增加' : '减少'}${yuan(Math.abs(delta))}`,
            [...s.cells, narrativeCell(p.key, st.subject)],
          );
        }
      } else if (st.amount) {
        checkAmount(c, 'NT-04', 'error', st, st.amount, facts.expenditure[kind].current, s);
      }
    }
    // NT-04 within the text: Δ基本 + Δ项目 = Δ总.
    const dt = t?.change;
    const db = stated.get('expenditure.basic')?.change;
    const dp = stated.get('expenditure.project')?.change;
    const signed = (ch: Stated['change']) => (ch?.amount && ch.dir !== 'flat' ? toYuan(ch.amount).times(ch.dir === 'up' ? 1 : -1) : ch?.dir === 'flat' ? new Decimal(0) : null);
    const [vt, vb, vp] = [signed(dt), signed(db), signed(dp)];
    if (vt && vb && vp && vb.plus(vp).minus(vt).abs().greaterThan(0.01)) {
      c.add('NT-04', 'error', `支出预算：基本支出增减${vb.toString()}元与项目支出增减${vp.toString()}元之和不等于支出增减${vt.toString()}元`, [narrativeCell(p.key, 'expenditure.total')]);
    }
    const shares: Num[] = [];
    const listed = new Set<string>();
    for (const [subject, st] of stated) {
      if (!subject.startsWith('expenditure.class:')) continue;
      const code = subject.slice('expenditure.class:'.length);
      listed.add(code);
      const fact = facts.expenditure.classes.find((x) => x.code === code);
      const s: Subject = { label: fact?.name ?? ctx.catalog.name('function', code) ?? code, cells: [{ table: 't3', row: code, column: 'total' }, { table: 't1', row: `class:${code}`, column: 'outAmount' }] };
      if (!fact && st.amount && !st.amount.value.isZero()) {
        c.add('NT-03', 'error', `支出预算：列出了${s.label}${shownAmount(st.amount)}，但表中本年没有该类支出`, [narrativeCell(p.key, subject)]);
        continue;
      }
      checkAmount(c, 'NT-03', 'error', st, st.amount, fact?.fen ?? 0, s);
      checkShare(c, 'NT-03', st, fact?.fen ?? 0, facts.expenditure.total, s);
      checkBare(c, st, s);
      if (st.share) shares.push(st.share.num);
    }
    for (const cls of facts.expenditure.classes) {
      if (!listed.has(cls.code)) {
        c.add('NT-03', 'error', `支出预算：未列出${cls.name}${yuan(cls.fen)}`, [{ table: 't3', row: cls.code, column: 'total' }, narrativeCell(p.key)]);
      }
    }
    checkShareSum(c, shares, facts.expenditure.classes.length, '支出功能分类', p.key);
  }

  // ---------------------------------------------------------------- 一般公共预算 (NT-06)
  for (const p of byTopic('gpb')) {
    const stated = said(p, GPB_PATTERNS, 'gpb.expenditure');
    const inc = stated.get('gpb.income');
    const cells = [{ table: 't4', row: 'incomeCurrent', column: '' }, { table: 't5', row: 'total', column: 'current' }];
    if (inc) checkAmount(c, 'NT-06', 'error', inc, inc.amount, facts.gpb.income, { label: '一般公共预算财政拨款收入', cells });
    const exp = stated.get('gpb.expenditure');
    if (exp) {
      const s: Subject = { label: '一般公共预算财政拨款支出', cells };
      checkAmount(c, 'NT-06', 'error', exp, exp.amount, facts.gpb.expenditure, s);
      checkChange(c, exp, yearChange({ current: facts.gpb.expenditure, prior: facts.gpb.prior }, false), s, reasons);
    }
  }

  // ---------------------------------------------------------------- 基本/项目, 人员/公用 (NT-04, NT-05)
  const partShares: Num[] = [];
  for (const p of byTopic('basic')) {
    const stated = said(p, BASIC_PATTERNS, 'basic');
    const b = stated.get('basic');
    if (b) {
      const s: Subject = { label: '基本支出', cells: [{ table: 't5', row: 'total', column: 'basic' }] };
      checkAmount(c, 'NT-04', 'error', b, b.amount, facts.gpb.basic.current, s);
      checkShare(c, 'NT-04', b, facts.gpb.basic.current, facts.gpb.expenditure, s);
      checkChange(c, b, yearChange(facts.gpb.basic, true), s, reasons);
      checkBare(c, b, s);
      if (b.share) partShares.push(b.share.num);
    }
    for (const [key, label, fact] of [
      ['personnel', '人员经费', facts.personnel],
      ['public', '公用经费', facts.public],
    ] as const) {
      const st = stated.get(key);
      if (!st) continue;
      const s: Subject = { label, cells: [{ table: 't6', row: 'total', column: key }] };
      checkAmount(c, 'NT-05', 'error', st, st.amount, fact.fen, s);
      checkBare(c, st, s);
      checkList(c, 'NT-05', st, st.list, fact.items.map((i) => i.name), `${label}“主要包括”`, `表六${label}栏`, s);
    }
  }
  for (const p of byTopic('project')) {
    const st = said(p, [], 'project').get('project');
    if (!st) continue;
    const s: Subject = { label: '项目支出', cells: [{ table: 't5', row: 'total', column: 'project' }] };
    checkAmount(c, 'NT-04', 'error', st, st.amount, facts.gpb.project.current, s);
    checkShare(c, 'NT-04', st, facts.gpb.project.current, facts.gpb.expenditure, s);
    checkChange(c, st, yearChange(facts.gpb.project, true), s, reasons);
    checkBare(c, st, s);
    if (st.share) partShares.push(st.share.num);
  }
  checkShareSum(c, partShares, 2, '基本支出与项目支出', byTopic('basic')[0]?.key ?? 'basic');

  // ---------------------------------------------------------------- per 项 (NT-07)
  const seenItems = new Set<string>();
  for (const p of byTopic('functionItems')) {
    // Read once per text; the subjects depend on the data, so they are resolved on copies.
    const stated = read('functionItems', p, () => functionItemStatements(p, () => '')).map((x) => ({ ...x, subject: index.resolve(x.names!) }));
    // Checked once per text and the facts of its subjects: after an edit only the paragraphs of
    // the 项 whose facts changed are checked again (memo.ts).
    const factsKey = stated.map((st) => {
      const f = index.byCode.get(st.subject.slice('function:'.length));
      return f ? `${st.subject}|${f.current}|${f.prior}|${f.className}|${f.segmentName}|${f.itemName}` : st.subject;
    });
    const checked = read(`NT-07\u0000${year}\u0000${factsKey.join('\n')}`, p, () => {
      const c = new Collector();
      const reasons: { subject: string; label: string; text: string }[] = [];
      const seen: string[] = [];
      for (const st of stated) {
        const names = st.names!;
        if (st.subject.startsWith('function:?')) {
          c.add('NT-07', 'error', `按支出功能科目说明：“${names.cls ? `${names.cls}（类）${names.seg}（款）` : ''}${names.item}（项）”与表五的科目名称对不上`, [narrativeCell(p.key, st.subject)]);
          continue;
        }
        const code = st.subject.slice('function:'.length);
        seen.push(code);
        const fact = index.byCode.get(code);
        const label = `${names.item}（项）`;
        const cells = (col: string) => [{ table: 't5', row: code, column: col }];
        if (!fact) {
          c.add('NT-07', 'error', `${label}：表五本年和上年都没有该项（${code}）`, [narrativeCell(p.key, st.subject)]);
          continue;
        }
        const n = (s: string) => normalizeName(s);
        if ((names.cls && n(names.cls) !== n(fact.className)) || (names.seg && n(names.seg) !== n(fact.segmentName))) {
          c.add(
            'NT-07',
            'error',
            `${label}：类/款名称与科目${code}不符，应为“${fact.className}（类）${fact.segmentName}（款）${fact.itemName}（项）”`,
            [...cells('name'), narrativeCell(p.key, st.subject)],
          );
        }
        const s: Subject = { label, cells: cells('current') };
        checkAmount(c, 'NT-07', 'error', st, st.amount, fact.current, s, '预算数');
        checkBare(c, st, s);
        checkChange(c, st, yearChange({ current: fact.current, prior: fact.prior }, true), { label, cells: [...cells('current'), ...cells('prior'), ...cells('change')] }, reasons);
        if (!st.change && !st.percent && fact.current !== fact.prior) {
          c.add('NT-07', 'warning', `${label}：没有说明与上年相比的增减变化`, [...cells('change'), narrativeCell(p.key, st.subject)]);
        }
      }
      return { findings: c.findings, reasons, seen };
    });
    pushAll(c.findings, checked.findings);
    pushAll(reasons, checked.reasons);
    for (const code of checked.seen) seenItems.add(code);
  }
  if (byTopic('functionItems').length || paragraphs.some((p) => p.topic === 'heading' && /功能/.test(p.text))) {
    for (const f of facts.functionItems) {
      if (!seenItems.has(f.code)) {
        c.add('NT-07', 'error', `按支出功能科目说明：缺少${f.itemName}（项）（${f.code}，${yuan(f.current)}）的说明`, [{ table: 't5', row: f.code, column: 'current' }, narrativeCell('functionItems')]);
      }
    }
  }

  // ---------------------------------------------------------------- 政府性基金 / 国有资本经营 (STR-03, STR-04)
  for (const [topic, fund, name, table] of [
    ['fund', facts.fund, '政府性基金预算', 't11'],
    ['soe', facts.soe, '国有资本经营预算', 't12'],
  ] as const) {
    const ps = byTopic(topic);
    const tableEmpty = fund.total === 0;
    if (ps.length === 0) {
      const derived = opts.tables?.find((t) => t.id === table);
      if (tableEmpty && derived && !derived.note) {
        c.add('STR-03', 'error', `${name}财政拨款支出表没有数据，表下没有备注，情况说明也没有说明“无${name}拨款安排的支出”`, [{ table, row: 'total', column: '' }]);
      } else if (paragraphs.some((p) => p.topic === 'heading')) {
        c.add('STR-04', 'error', `情况说明缺少${name}的说明（${tableEmpty ? `应写明本部门无使用${name}拨款安排的支出` : `本年${yuan(fund.total)}`}）`, [{ table, row: 'total', column: 'total' }]);
      }
      continue;
    }
    const p = ps[0]!;
    const none = statesNone(p.text);
    if (tableEmpty && !none) {
      const amount = numbersIn(p.text).find((x) => isMoneyUnit(x.unit) && !x.value.isZero());
      c.add('STR-04', 'error', `${name}：表中没有数据，情况说明却${amount ? `写了${shownAmount(amount)}` : '没有写明“无…拨款安排的支出”'}`, [{ table, row: 'total', column: 'total' }, narrativeCell(p.key)]);
    } else if (!tableEmpty && none) {
      c.add('STR-04', 'error', `${name}：情况说明写“无…支出”，表中却有${yuan(fund.total)}`, [{ table, row: 'total', column: 'total' }, narrativeCell(p.key)]);
    } else if (!tableEmpty) {
      const amount = numbersIn(p.text).find((x) => isMoneyUnit(x.unit));
      if (amount && !amountMatches(amount, fund.total)) {
        c.add('STR-04', 'error', `${name}：情况说明写${shownAmount(amount)}，表中为${yuan(fund.total)}`, [{ table, row: 'total', column: 'total' }, narrativeCell(p.key)]);
      }
    }
  }

  // ---------------------------------------------------------------- 三公 (NT-09)
  for (const p of byTopic('threePublic')) {
    const stated = said(p, THREE_PUBLIC_PATTERNS, 'threePublic.total');
    const tp = facts.threePublic;
    for (const [subject, st] of stated) {
      const item = THREE_PUBLIC_SUBJECT[subject];
      if (!item) continue;
      const col = item === 'total' ? 'total' : item;
      const current = item === 'vehicle' ? tp.current.vehicleOperation + tp.current.vehiclePurchase : tp.current[item];
      const prior = item === 'vehicle' ? tp.prior.vehicleOperation + tp.prior.vehiclePurchase : tp.prior[item];
      const label = item === 'total' ? '“三公”经费合计' : item === 'vehicle' ? '公务用车购置及运行费' : THREE_PUBLIC_PROSE[item];
      const s: Subject = { label, cells: [{ table: 't10', row: 'amounts', column: `current:${col}` }, { table: 't10', row: 'amounts', column: `prior:${col}` }] };
      checkAmount(c, 'NT-09', 'error', st, st.amount, current, s);
      checkBare(c, st, s);
      checkChange(c, st, yearChange({ current, prior }, item !== 'total' && item !== 'vehicle'), s, reasons);
    }
    for (const item of THREE_PUBLIC_ITEMS) {
      if (!stated.has(`threePublic.${item}`)) {
        c.add('NT-09', 'error', `“三公”经费说明：缺少${THREE_PUBLIC_PROSE[item]}（本年${yuan(tp.current[item])}；为0也应写明）`, [{ table: 't10', row: 'amounts', column: `current:${item}` }, narrativeCell(p.key)]);
      }
    }
  }

  // ---------------------------------------------------------------- 机关运行经费 (NT-10, STR-10)
  const composition = byTopic('composition').map((p) => p.text).join('');
  const compositionUnits = /下属(?:事业)?单位(?:共|有)?(\d+)(?:个|家)|(\d+)(?:个|家)下属单位/.exec(composition);
  for (const p of byTopic('operatingCost')) {
    const st = said(p, [], 'operatingCost').get('operatingCost');
    if (!st) continue;
    const oc = facts.operatingCost;
    const cells = ctx.profile.operatingCostClasses.map((cls) => ({ table: 't7', row: cls, column: 'total' }));
    const s: Subject = { label: '机关运行经费', cells };
    checkAmount(c, 'NT-10', 'warning', st, st.amount, oc.current, s);
    checkBare(c, st, s);
    checkChange(c, st, yearChange({ current: oc.current, prior: oc.prior }, true), s, reasons);
    if (oc.prior === null && !st.change) {
      c.add('NT-10', 'unverifiable', '机关运行经费：上年数未录入，无法说明和核对与上年的增减', [narrativeCell(p.key, st.subject)]);
    }
    checkList(c, 'NT-10', st, st.uses, oc.uses.map((i) => i.name), '机关运行经费“主要用于”', '表六公用经费栏', s);
    const units = /及(\d+)(?:家|个)下属单位/.exec(p.text);
    const stated = units ? Number(units[1]) : 0;
    const inComposition = compositionUnits ? Number(compositionUnits[1] ?? compositionUnits[2]) : null;
    if (inComposition !== null && units && inComposition !== stated) {
      c.add('STR-10', 'warning', `下属单位数不一致：单位构成写${inComposition}个，机关运行经费写“及${stated}家下属单位”`, [narrativeCell(p.key), narrativeCell(byTopic('composition')[0]?.key ?? 'composition')]);
    } else if (units && stated !== facts.subUnits) {
      c.add('STR-10', 'warning', `机关运行经费写“及${stated}家下属单位”，单位名单中有${facts.subUnits}个下属单位`, [narrativeCell(p.key)]);
    }
  }

  // ---------------------------------------------------------------- 政府采购 (NT-11)
  for (const p of byTopic('procurement')) {
    const read = memo.get('procurement', p.text, () => readProcurement(p));
    const cell = (col: string): CellRef => ({ table: 't14', row: 'total', column: col });
    for (const [part, fact, label] of [
      [read.all, facts.procurement.all, '政府采购预算'],
      [read.gpb, facts.procurement.gpb, '一般公共预算财政拨款政府采购'],
    ] as const) {
      if (!part) continue;
      const dummy: Stated = { subject: 'procurement', paragraph: p.key, text: p.text, zeroBase: false, reason: 'missing', reasonText: '', bare: [], comparedYears: [] };
      for (const k of ['total', 'goods', 'works', 'services'] as const) {
        const n = part[k];
        if (!n) continue;
        if (n.unit === '') {
          c.add('NT-14', 'error', `${label}：“${n.text}”没有写单位`, [narrativeCell(p.key)]);
          continue;
        }
        const what = { total: '总额', goods: '货物', works: '工程', services: '服务' }[k];
        checkAmount(c, 'NT-11', 'error', dummy, n, fact[k], { label, cells: [cell(k)] }, what);
      }
      if (part.total && part.goods && part.works && part.services) {
        const sum = toYuan(part.goods).plus(toYuan(part.works)).plus(toYuan(part.services));
        if (!toYuan(part.total).minus(sum).abs().lessThanOrEqualTo(0.01)) {
          c.add('NT-11', 'error', `${label}：总额${shownAmount(part.total)}不等于货物、工程、服务之和${sum.toString()}元`, [narrativeCell(p.key)]);
        }
      }
    }
    if (read.gpb?.total && read.all.total && toYuan(read.gpb.total).greaterThan(toYuan(read.all.total))) {
      c.add('NT-11', 'error', `政府采购：一般公共预算部分${shownAmount(read.gpb.total)}大于采购总额${shownAmount(read.all.total)}`, [narrativeCell(p.key)]);
    }
  }

  // ---------------------------------------------------------------- 绩效目标 (NT-13)
  for (const p of byTopic('performance')) {
    const r = memo.get('performance', p.text, () => readPerformance(p));
    const pf = facts.performance;
    const cells = [{ table: 't5', row: 'total', column: 'project' }, narrativeCell(p.key)];
    if (r.count && r.count.value.toNumber() !== pf.count) {
      c.add('NT-13', 'error', `绩效目标设置情况：写涉及项目${r.count.text}个，表十六、表十七共有${pf.count}个项目绩效目标表`, cells);
    }
    const dummy: Stated = { subject: 'performance', paragraph: p.key, text: p.text, zeroBase: false, reason: 'missing', reasonText: '', bare: [], comparedYears: [] };
    if (r.amount) checkAmount(c, 'NT-13', 'error', dummy, r.amount, pf.amount, { label: '绩效目标设置情况', cells }, '涉及金额');
    if (r.gpbCount && r.gpbCount.value.toNumber() !== pf.gpbCount) {
      c.add('NT-13', 'error', `绩效目标设置情况：写一般公共预算安排项目${r.gpbCount.text}个，应为${pf.gpbCount}个`, cells);
    }
    if (r.gpbAmount) checkAmount(c, 'NT-13', 'error', dummy, r.gpbAmount, pf.gpbAmount, { label: '绩效目标设置情况', cells }, '一般公共预算金额');
    if (r.claimsFullCoverage && !pf.fullCoverage) {
      c.add(
        'NT-13',
        'warning',
        `绩效目标设置情况：写“项目支出均实行了绩效目标管理”，但绩效目标表只涉及${yuan(pf.amount)}，项目支出为${yuan(pf.projectSpend)}`,
        cells,
      );
    }
    for (const [kind, stated, fact, label] of [
      ['key', r.keyEvaluation, pf.keyEvaluation, '纳入重点绩效评价的项目'],
      ['general', r.generalEvaluation, pf.generalEvaluation, '纳入一般绩效目标评价的项目'],
    ] as const) {
      if (!stated || !fact) continue;
      if (stated.count && stated.count.value.toNumber() !== fact.count) {
        c.add('NT-13', 'error', `${label}：写${stated.count.text}个，录入为${fact.count}个`, [narrativeCell(p.key, `evaluation:${kind}`)]);
      }
      if (stated.amount) checkAmount(c, 'NT-13', 'error', dummy, stated.amount, fact.amount, { label, cells: [] }, '金额');
    }
  }

  // ---------------------------------------------------------------- 国有资产 (NT-12, TIM-02)
  for (const [topic, which] of [
    ['assets.held', 'held'],
    ['assets.planned', 'planned'],
  ] as const) {
    for (const p of byTopic(topic)) {
      // A paragraph may carry both parts; the planned part starts at "安排购置".
      const split = p.text.search(/\d{4}年[^。]{0,12}(?:安排|计划|拟)购置/);
      const parts: [string, 'held' | 'planned'][] =
        which === 'held' && split > 0 ? [[p.text.slice(0, split), 'held'], [p.text.slice(split), 'planned']] : [[p.text, which]];
      for (const [t, part] of parts) {
        const r = memo.get('assets', t, () => readAssets(t));
        const a = facts.assets;
        const label = part === 'held' ? `截至${facts.priorYear}年底车辆` : `${year}年计划购置车辆`;
        const expected = part === 'held' ? a.held : a.planned;
        const cells = [narrativeCell(p.key, `assets.${part}`)];
        let sum = 0;
        let allKinds = true;
        for (const k of VEHICLE_KINDS) {
          const n = r.kinds[k];
          if (!n) {
            allKinds = false;
            continue;
          }
          sum += n.value.toNumber();
          if (n.value.toNumber() !== (expected[k] ?? 0)) {
            c.add('NT-12', 'error', `${label}：${VEHICLE_NAMES[k]}写${n.text}辆，录入为${expected[k] ?? 0}辆`, cells);
          }
        }
        if (r.total) {
          const total = r.total.value.toNumber();
          if (allKinds && total !== sum) c.add('NT-12', 'error', `${label}：合计写${total}辆，分类之和为${sum}辆`, cells);
          const want = part === 'held' ? a.heldTotal : a.plannedTotal;
          if (total !== want) c.add('NT-12', 'error', `${label}：合计写${total}辆，录入为${want}辆`, cells);
        }
        const eq = part === 'held' ? a.equipmentHeld : a.equipmentPlanned;
        if (r.equipment && r.equipment.value.toNumber() !== eq) {
          c.add('NT-12', 'error', `${part === 'held' ? '现有' : '计划购置'}单位价值100万元以上设备：写${r.equipment.text}台（套），录入为${eq}台（套）`, cells);
        }
        if (part === 'held' && r.snapshot && (r.snapshot.year !== year - 1 || r.snapshot.month !== 12)) {
          c.add('TIM-02', 'warning', `国有资产占有使用情况：写“截至${r.snapshot.year}年${r.snapshot.month}月底”，应为截至${year - 1}年12月底`, cells);
        }
      }
    }
  }
  {
    const tp = facts.threePublic.current.vehiclePurchase;
    const planned = facts.assets.plannedTotal;
    const cells = [{ table: 't10', row: 'amounts', column: 'current:vehiclePurchase' }, narrativeCell('assets.planned')];
    if (tp > 0 && planned === 0) c.add('NT-12', 'warning', `“三公”经费安排公务用车购置费${yuan(tp)}，但国有资产部分计划购置车辆为0辆`, cells);
    if (tp === 0 && planned > 0) c.add('NT-12', 'warning', `计划购置车辆${planned}辆，但“三公”经费中公务用车购置费为0`, cells);
  }

  // ---------------------------------------------------------------- NT-08 boiler-plate (info)
  const byReason = new Map<string, string[]>();
  for (const r of reasons) {
    const key = r.text.replace(/[，。；\s]/g, '');
    if (!key) continue;
    const labels = byReason.get(key);
    if (labels) labels.push(r.label);
    else byReason.set(key, [r.label]);
  }
  for (const [text, labels] of byReason) {
    if (labels.length > 3) {
      c.add('NT-08', 'info', `${labels.length}处增减原因完全相同（“${text}”）：${labels.join('、')}。请确认每项都写明了具体原因`, []);
    }
  }

  // ---------------------------------------------------------------- sections (STR-05, STR-06, STR-07)
  for (const f of sectionFindings(paragraphs)) c.add(f.id, f.severity, f.message, f.cells);

  // ---------------------------------------------------------------- years (TIM-02)
  const years = (p: TextParagraph) => memo.get('years', p.text, () => yearsIn(p.text));
  const titleYears = byTopic('title').flatMap(years);
  for (const y of titleYears) {
    if (y.year !== year) c.add('TIM-02', 'warning', `情况说明标题写${y.year}年，预算年度为${year}年`, [narrativeCell('title')]);
  }
  const checkedTopics: TextParagraph['topic'][] = ['income', 'expenditure', 'gpb', 'basic', 'project', 'functionItems', 'fund', 'soe', 'threePublic', 'operatingCost', 'procurement', 'performance', 'assets.planned'];
  for (const p of paragraphs) {
    if (!checkedTopics.includes(p.topic)) continue;
    for (const y of years(p)) {
      if (/[较比]$/.test(y.before)) continue; // checked with the change (comparison year)
      if (y.year !== year && !mentionsOtherYear(y)) {
        c.add('TIM-02', 'warning', `情况说明写“${y.year}年${y.after.slice(0, 4)}”，预算年度为${year}年`, [narrativeCell(p.key)]);
      }
    }
  }

  return { paragraphs, findings: dedupe(c.findings) };
}

/**
 * A year other than the budget year is a slip only where the sentence states it as the budget's
 * own ('2023年预算数为…', '2023年一般公共预算…' in a 2024 text); last year named as such ('2023年没有
 * 预算', '与2023年相比', '2023年12月底') is not.
 */
export function mentionsOtherYear(y: { year: number; before: string; after: string }): boolean {
  const asBudgetYear = /^(?:年初)?(?:预算|部门预算|安排|一般公共预算|“三公”|三公|收入|支出|政府采购|无使用)/.test(y.after);
  return !asBudgetYear || /[与同和自从于在]$/.test(y.before);
}

function checkShareSum(c: Collector, shares: Num[], parts: number, what: string, paragraph: string): void {
  if (shares.length < 2 || shares.length !== parts) return;
  const p = maxOf(shares.map((s) => s.decimals));
  const sum = shares.reduce((a, s) => a.plus(s.value), new Decimal(0));
  const tol = new Decimal(0.5).times(new Decimal(10).pow(-p)).times(shares.length);
  if (sum.minus(100).abs().greaterThan(tol)) {
    c.add('NT-15', 'warning', `${what}占比合计为${sum.toString()}%，应为100%（允许进位误差${tol.toString()}个百分点）`, [narrativeCell(paragraph)]);
  }
}

function checkList(c: Collector, id: string, st: Stated, list: readonly string[] | undefined, allowed: readonly string[], what: string, where: string, s: Subject): void {
  if (!list) return;
  const ok = new Set(allowed.map((a) => normalizeName(a)));
  const wrong = list.filter((x) => !ok.has(normalizeName(x)));
  if (wrong.length) {
    c.add(id, 'warning', `${what}中的“${wrong.join('、')}”在${where}中没有金额`, [...s.cells, narrativeCell(st.paragraph, st.subject)]);
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.id}|${f.severity}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
