/**
 * Checking a 情况说明 on its own, with no budget at hand (a PDF, a web page, last year's Word file):
 * the identities a text must satisfy within itself — parts that add up to their stated total,
 * shares that are the ratio and add up to 100%, a 增长/下降 percentage that is the ratio of the
 * stated amounts, direction words that agree, the same change or figure stated alike in 二 and 三,
 * 收支平衡, 其中 not larger than its total, amounts with their number and unit, counts that match
 * their lists, years that agree with the title, and the mandatory sections.
 *
 * Written figures carry the rounding their precision allows: a 元 amount is exact to the cent (the
 * prose only drops trailing zeros), a 万元/亿元 amount with d decimals stands for anything within
 * half a 10^−d step. An identity fails only when no choice of the figures' true values within
 * those intervals satisfies it; a percentage is judged against the nearest ratio the stated
 * amounts allow (pass within half a unit of its last decimal, warning within one, error beyond).
 *
 * Ids are the families of RULES §5 (NT, CHG, STR, TIM), with new ones in the same style:
 * NT-16 收支平衡, CHG-06 the same change stated differently, STR-13 a count that does not match
 * its list, STR-14 a text that stops mid-sentence (info: what follows is not checked).
 */
import Decimal from 'decimal.js';
import { normalizeName, type Catalog } from '../catalog/catalog';
import { percentTolerance } from '../money/money';
import { VEHICLE_KINDS, VEHICLE_NAMES } from '../model/types';
import type { CellRef, Finding, Severity } from '../rules/types';
import {
  BASIC_PATTERNS,
  expenditurePatterns,
  functionItemStatements,
  GPB_PATTERNS,
  glossaryTerms,
  INCOME_PATTERNS,
  isMoneyUnit,
  mergeStated,
  numbersIn,
  readAssets,
  readPerformance,
  readProcurement,
  splitParagraphs,
  statements,
  THREE_PUBLIC_PATTERNS,
  toYuan,
  yearsIn,
  type Num,
  type Stated,
  type SubjectPattern,
  type TextParagraph,
  type Topic,
} from './parse';

/** A sentence a finding concerns, where it stands: the paragraph's key, its source line, the offset in its (normalised) text. */
export interface Quote {
  paragraph: string;
  line: number;
  offset: number;
  text: string;
}

export interface TextFinding extends Finding {
  quotes: Quote[];
}

export interface AloneOptions {
  catalog: Catalog;
  /** The budget year, when known (a .budget); else read from the title. */
  year?: number;
  /** Paragraphs already read (check.ts passes its own, keyed by the data's 项 codes). */
  paragraphs?: TextParagraph[];
}

export interface AloneResult {
  /** The budget year the text states (its title), null when it states none. */
  year: number | null;
  /** The text stops mid-sentence (a page's opening): its last sentence and what would follow are not checked. */
  truncated: boolean;
  paragraphs: TextParagraph[];
  findings: TextFinding[];
}

// ------------------------------------------------------------------------------------------------
// Figures and their rounding

const ZERO = new Decimal(0);
const CENT_SLACK = new Decimal('0.005');
const SCALE: Record<string, number> = { 元: 1, 万元: 10000, 亿元: 100000000 };

/** Half the step a written amount was rounded to, in 元: 0 for 元 (exact to the cent), ½·10^−d of the unit else. */
function halfStep(n: Num): Decimal {
  if (n.unit === '元') return ZERO;
  return new Decimal(SCALE[n.unit] ?? 1).times(new Decimal(10).pow(-n.decimals)).div(2);
}

interface Interval {
  lo: Decimal;
  hi: Decimal;
}

const interval = (n: Num): Interval => {
  const v = toYuan(n);
  const h = halfStep(n);
  return { lo: v.minus(h), hi: v.plus(h) };
};

/** Σ parts = total is possible within the figures' rounding (and half a cent). */
function sumPossible(parts: readonly Num[], total: Num): boolean {
  const sum = parts.reduce((a, n) => a.plus(toYuan(n)), ZERO);
  const slack = parts.reduce((a, n) => a.plus(halfStep(n)), halfStep(total)).plus(CENT_SLACK);
  return sum.minus(toYuan(total)).abs().lte(slack);
}

/** a ≤ b is possible within rounding. */
const notAbove = (a: Num, b: Num) => toYuan(a).minus(halfStep(a)).lte(toYuan(b).plus(halfStep(b)).plus(CENT_SLACK));

/** A value in the text's own style: the total's unit and up to its decimals (more when the parts have more). */
function shown(v: Decimal, like: readonly Num[]): string {
  const unit = like[0]?.unit ?? '元';
  const d = Math.max(...like.map((n) => n.decimals), unit === '元' ? 0 : 2);
  const x = v.div(SCALE[unit] ?? 1).toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
  const [i, f] = x.abs().toFixed(d).split('.');
  // As the text writes: thousands separators when it uses them, 元 without trailing zeros, 万元 with all decimals.
  const grouped = unit === '元' || like.some((n) => n.text.includes(',')) ? i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i!;
  const frac = f ? (unit === '元' ? f.replace(/0+$/, '') : f) : '';
  return `${x.isNegative() ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}${unit}`;
}

const written = (n: Num) => `${n.text}${n.unit}`;

/**
 * The shown percentage against the range of ratios the amounts allow: num/den × 100 over every
 * choice within the intervals (monotone in each, so the corners bound it).
 */
function percentAgainst(shownPct: Num, num: Interval, den: Interval): { result: 'pass' | 'warning' | 'error'; nearest: Decimal } | null {
  const corners: Decimal[] = [];
  for (const a of [num.lo, num.hi]) for (const b of [den.lo, den.hi]) if (b.gt(0)) corners.push(a.times(100).div(b));
  if (corners.length === 0) return null;
  const lo = Decimal.min(...corners);
  const hi = Decimal.max(...corners);
  const s = shownPct.value;
  const nearest = s.lt(lo) ? lo : s.gt(hi) ? hi : s;
  return { result: percentTolerance(s, shownPct.decimals, nearest), nearest };
}

const pct = (d: Decimal) => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toString();

// ------------------------------------------------------------------------------------------------
// Findings with quotes

const narrativeCell = (paragraph: string, subject = ''): CellRef => ({ table: 'narrative', row: paragraph, column: subject });

/** The clause around `at` in a paragraph: from the previous 。；to the next, at most ~70 characters. */
function clause(text: string, start: number, end: number): { offset: number; text: string } {
  let from = start;
  while (from > 0 && !/[。；]/.test(text[from - 1]!) && start - from < 50) from--;
  let to = end;
  while (to < text.length && !/[。；]/.test(text[to]!) && to - end < 40) to++;
  if (to < text.length && /[。；]/.test(text[to]!)) to++;
  const open = from > 0 && !/[。；]/.test(text[from - 1]!);
  const more = to < text.length && !/[。；]/.test(text[to - 1]!);
  return { offset: from, text: `${open ? '……' : ''}${text.slice(from, to)}${more ? '……' : ''}` };
}

/** Where a statement's figure stands in its paragraph (the segment is found first, then the figure in it). */
function locate(p: TextParagraph, n: Num, segment?: string): number {
  const seg = segment && !segment.includes('……') ? p.text.indexOf(segment) : -1;
  if (seg >= 0 && p.text.startsWith(n.text, seg + n.start)) return seg + n.start;
  const at = p.text.indexOf(written(n));
  return at >= 0 ? at : Math.max(0, p.text.indexOf(n.text));
}

class Findings {
  readonly list: TextFinding[] = [];
  add(id: string, severity: Severity, message: string, cells: CellRef[], quotes: Quote[]): void {
    const seen = new Set<string>();
    const unique = quotes.filter((q) => {
      const k = `${q.paragraph}|${q.offset}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    this.list.push({ id, severity, message, cells, quotes: unique });
  }
}

function quoteNum(p: TextParagraph, n: Num, segment?: string): Quote {
  const at = locate(p, n, segment);
  const c = clause(p.text, at, at + n.text.length + n.unit.length);
  return { paragraph: p.key, line: p.line, ...c };
}

function quoteText(p: TextParagraph, needle: RegExp | number = 0): Quote {
  const at = typeof needle === 'number' ? needle : Math.max(0, p.text.search(needle));
  const c = clause(p.text, at, at + 1);
  return { paragraph: p.key, line: p.line, ...c };
}

// ------------------------------------------------------------------------------------------------
// A figure as read: a statement's amount, change and percentage in a paragraph

interface Said {
  st: Stated;
  p: TextParagraph;
  label: string;
}

const amountOf = (s: Said | undefined) => (s?.st.amount && isMoneyUnit(s.st.amount.unit) ? s.st.amount : undefined);
const changeOf = (s: Said | undefined) => (s?.st.change?.amount && isMoneyUnit(s.st.change.amount.unit) ? s.st.change.amount : undefined);

/** The signed change a statement states, in 元 with its half step; 0 for 持平; null when it states none. */
function signedChange(s: Said | undefined): { v: Decimal; h: Decimal; n?: Num } | null {
  const ch = s?.st.change;
  if (!ch) return null;
  if (ch.dir === 'flat') return { v: ZERO, h: ZERO };
  const n = changeOf(s);
  if (!n) return null;
  return { v: toYuan(n).times(ch.dir === 'up' ? 1 : -1), h: halfStep(n), n };
}

const q = (s: Said, n: Num) => quoteNum(s.p, n, s.st.text);
const cell = (s: Said) => narrativeCell(s.p.key, s.st.subject);

/** CHG-02…05 within one statement: its amount, change and percentage agree with each other. */
function checkOwnChange(f: Findings, s: Said): void {
  const { st } = s;
  const amount = amountOf(s);
  const ch = st.change;
  const change = changeOf(s);
  const p = st.percent;
  if (ch && ch.dir !== 'flat' && change && change.value.isZero()) {
    f.add('CHG-04', 'info', `${s.label}：写“${ch.word}${written(change)}”，宜写“与上年持平”`, [cell(s)], [q(s, change)]);
    return;
  }
  if (ch && p && p.dir && ch.dir !== 'flat' && ch.dir !== p.dir) {
    f.add('CHG-04', 'error', `${s.label}：同一句中写“${ch.word}”又写“${p.word}${p.num.text}%”，增减方向自相矛盾`, [cell(s)], [q(s, p.num)]);
    return;
  }
  if (ch?.dir === 'flat' && p && !p.num.value.isZero()) {
    f.add('CHG-04', 'error', `${s.label}：写“与上年持平”又写“${p.word}${p.num.text}%”`, [cell(s)], [q(s, p.num)]);
    return;
  }
  if (st.zeroBase) {
    if (p) f.add('CHG-02', 'warning', `${s.label}：写“上年无此项预算”，不应再写增幅“${p.word}${p.num.text}%”`, [cell(s)], [q(s, p.num)]);
    if (amount && change && ch?.dir === 'up' && !sumPossible([change], amount)) {
      f.add('CHG-05', 'error', `${s.label}：上年无此项预算，增加额应等于本年数${written(amount)}，文中写增加${written(change)}`, [cell(s)], [q(s, change)]);
    }
    return;
  }
  if (!amount || !change || !ch || ch.dir === 'flat') return;
  // Last year = this year ∓ the change; an increase larger than this year leaves last year below 0.
  const a = interval(amount);
  const c = interval(change);
  const prior: Interval = ch.dir === 'up' ? { lo: a.lo.minus(c.hi), hi: a.hi.minus(c.lo) } : { lo: a.lo.plus(c.lo), hi: a.hi.plus(c.hi) };
  if (prior.hi.lt(0)) {
    f.add('CHG-05', 'error', `${s.label}：本年${written(amount)}，却写较上年增加${written(change)}（上年数将为负）`, [cell(s)], [q(s, change)]);
    return;
  }
  if (!p) return;
  if (prior.hi.lte(CENT_SLACK)) {
    f.add('CHG-02', 'warning', `${s.label}：按文中数上年为0（本年${written(amount)}，增加${written(change)}），不应写增幅“${p.word}${p.num.text}%”`, [cell(s)], [q(s, p.num)]);
    return;
  }
  const r = percentAgainst(p.num, c, { lo: Decimal.max(prior.lo, new Decimal('0.01')), hi: prior.hi });
  if (!r || r.result === 'pass') return;
  const priorText = shown(toYuan(amount).plus(toYuan(change).times(ch.dir === 'up' ? -1 : 1)), [amount]);
  f.add(
    'CHG-03',
    r.result,
    `${s.label}：写${p.word}${p.num.text}%，按文中本年${written(amount)}、${ch.word}${written(change)}（上年${priorText}）复算为${pct(r.nearest)}%${
      r.result === 'warning' ? `（进位误差，应写${r.nearest.toDecimalPlaces(p.num.decimals, Decimal.ROUND_HALF_UP).toFixed(p.num.decimals)}%）` : ''
    }`,
    [cell(s)],
    [q(s, p.num)],
  );
}

/** Each part's share (占x%) is its ratio to the total; the shares of a complete list add up to 100%. */
function checkShares(f: Findings, id: string, parts: readonly Said[], total: Num | undefined, totalLabel: string, complete: boolean, p: TextParagraph): void {
  const withShare = parts.filter((s) => s.st.share);
  for (const s of withShare) {
    const share = s.st.share!;
    if (!share.hasSign) f.add('NT-15', 'warning', `${s.label}：占比“${share.num.text}”缺少“%”`, [cell(s)], [q(s, share.num)]);
    const amount = amountOf(s);
    if (!amount || !total) continue;
    const r = percentAgainst(share.num, interval(amount), interval(total));
    if (!r || r.result === 'pass') continue;
    f.add(
      id,
      r.result,
      `${s.label}：写占${share.num.text}%，按文中${written(amount)}占${totalLabel}${written(total)}复算为${pct(r.nearest)}%${r.result === 'warning' ? '（进位误差）' : ''}`,
      [cell(s)],
      [q(s, share.num)],
    );
  }
  if (!complete || withShare.length < 2 || withShare.length !== parts.length) return;
  const sum = withShare.reduce((a, s) => a.plus(s.st.share!.num.value), ZERO);
  const d = Math.max(...withShare.map((s) => s.st.share!.num.decimals));
  const tol = new Decimal(0.5).times(new Decimal(10).pow(-d)).times(withShare.length);
  if (sum.minus(100).abs().gt(tol)) {
    f.add(
      'NT-15',
      'warning',
      `${totalLabel}各部分占比合计为${sum.toString()}%（${withShare.map((s) => `${s.st.share!.num.text}%`).join(' + ')}），应为100%`,
      [narrativeCell(p.key)],
      withShare.map((s) => q(s, s.st.share!.num)),
    );
  }
}

/** Σ parts = total (and no part larger than the total), within rounding. */
function checkSum(f: Findings, id: string, parts: readonly Said[], total: Said | undefined, totalLabel: string, what: string): boolean {
  const t = amountOf(total);
  if (!total || !t) return true;
  const amounts = parts.map((s) => ({ s, n: amountOf(s) })).filter((x): x is { s: Said; n: Num } => !!x.n);
  const over = amounts.find((x) => !notAbove(x.n, t));
  if (over) {
    f.add(id, 'error', `${totalLabel}${written(t)}，其中${over.s.label}${written(over.n)}却大于总额`, [cell(total), cell(over.s)], [q(total, t), q(over.s, over.n)]);
    return false;
  }
  // A part named without its amount (NT-14 reports it) leaves the sum unknown.
  if (amounts.length < 2 || amounts.length < parts.length || sumPossible(amounts.map((x) => x.n), t)) return amounts.length === parts.length;
  const sum = amounts.reduce((a, x) => a.plus(toYuan(x.n)), ZERO);
  f.add(
    id,
    'error',
    `${what}之和为${shown(sum, [t, ...amounts.map((x) => x.n)])}（${amounts.map((x) => written(x.n)).join(' + ')}），与${totalLabel}${written(t)}不符，相差${shown(sum.minus(toYuan(t)).abs(), [t])}`,
    [cell(total), ...amounts.map((x) => cell(x.s))],
    [q(total, t), ...amounts.map((x) => q(x.s, x.n))],
  );
  return false;
}

/** Two statements of the same figure agree (the same 元, or a 10^4 slip between 元 and 万元: NT-14). */
function checkSame(f: Findings, id: string, a: Said, an: Num, b: Said, bn: Num, what: string): void {
  if (sumPossible([an], bn)) return;
  const slip = an.unit !== bn.unit && (an.unit === '万元' || bn.unit === '万元') && an.value.minus(bn.value).abs().lte(new Decimal(10).pow(-Math.min(an.decimals, bn.decimals)));
  // The same digits in 元 and 万元: checkUnits names it once for the whole text.
  if (slip && an.value.eq(bn.value) && distinctive(an)) return;
  f.add(
    slip ? 'NT-14' : id,
    'error',
    slip
      ? `${what}：一处写“${written(an)}”，另一处写“${written(bn)}”，数字相同而单位不同（元与万元相差一万倍）`
      : `${what}：一处写“${written(an)}”，另一处写“${written(bn)}”，同一数额前后不一致`,
    [cell(a), cell(b)],
    [q(a, an), q(b, bn)],
  );
}

function checkSameChange(f: Findings, a: Said | undefined, b: Said | undefined, what: string): void {
  const x = signedChange(a);
  const y = signedChange(b);
  if (!a || !b || !x || !y) return;
  if (x.v.minus(y.v).abs().lte(x.h.plus(y.h).plus(CENT_SLACK))) return;
  const text = (s: Said) => (s.st.change!.dir === 'flat' ? '与上年持平' : `${s.st.change!.word}${written(changeOf(s)!)}`);
  const quote = (s: Said, c: { n?: Num }) => (c.n ? q(s, c.n) : quoteText(s.p, /持平/));
  f.add('CHG-06', 'error', `${what}：${a.label}写“${text(a)}”，${b.label}写“${text(b)}”，同一增减前后不一致`, [cell(a), cell(b)], [quote(a, x), quote(b, y)]);
}

/** Numbers in amount position without their unit (NT-14). */
function checkBare(f: Findings, s: Said): void {
  for (const n of s.st.bare) f.add('NT-14', 'error', `${s.label}：“${n.text}”没有写单位（元/万元）`, [cell(s)], [q(s, n)]);
}

// ------------------------------------------------------------------------------------------------
// The year

const TITLE_YEAR = /(?<!\d)(\d{4})年?(?:度)?(?:[^，。；]{0,40})?(?:部门|单位)?预算/;

/** The budget year a text states: its title's, else the year its 预算数 are stated for most often. */
export function statedYear(paragraphs: readonly TextParagraph[]): number | null {
  for (const p of paragraphs) {
    if (p.topic !== 'title' && p.topic !== 'heading') continue;
    const m = TITLE_YEAR.exec(p.text);
    if (m) return Number(m[1]);
    if (p.topic === 'heading' && /^[一二三四五六七八九十]+、/.test(p.text)) break;
  }
  const count = new Map<number, number>();
  for (const p of paragraphs) {
    const re = /(?<![\d较比])(\d{4})年?(?=年初预算|预算数|部门预算|年初部门预算|一般公共预算|“三公”|收入预算|支出预算)/g;
    for (let m = re.exec(p.text); m; m = re.exec(p.text)) count.set(Number(m[1]), (count.get(Number(m[1])) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of count) if (best === null || n > count.get(best)!) best = y;
  return best;
}

// ------------------------------------------------------------------------------------------------
// Sections (STR-05, STR-06, STR-07): what a complete 情况说明 contains, read from its text alone

export function sectionFindings(paragraphs: readonly TextParagraph[]): Finding[] {
  const out: Finding[] = [];
  const add = (id: string, severity: Severity, message: string, cells: CellRef[]) => out.push({ id, severity, message, cells });
  const has = (t: Topic) => paragraphs.some((p) => p.topic === t);
  const headingHas = (re: RegExp) => paragraphs.some((p) => p.topic === 'heading' && re.test(p.text));
  const mandatory: [string, boolean][] = [
    ['“三公”经费情况说明', has('threePublic') || headingHas(/三公/)],
    ['机关运行经费', has('operatingCost')],
    ['政府采购情况', has('procurement')],
    ['国有资产占有使用情况', has('assets.held') || has('assets.planned')],
    ['绩效目标设置情况', has('performance')],
    ['专业性名词解释', has('glossary') || headingHas(/名词解释/)],
  ];
  for (const [name, ok] of mandatory) {
    if (!ok) add('STR-05', 'error', `情况说明缺少“${name}”部分（预算法第十四条、财预〔2016〕143号要求）`, [narrativeCell('document', name)]);
  }
  const template: [string, boolean][] = [
    ['职能职责', has('functions') || headingHas(/职能|职责/)],
    ['单位构成', has('composition') || headingHas(/构成|机构设置/)],
    ['收入预算', has('income')],
    ['支出预算', has('expenditure')],
    ['按支出属性说明', has('basic') || has('project') || headingHas(/支出属性/)],
    ['按支出功能科目说明', has('functionItems') || headingHas(/功能科目/)],
    ['联系方式', has('contact') || headingHas(/联系/)],
  ];
  for (const [name, ok] of template) {
    if (!ok) add('STR-06', 'warning', `情况说明缺少“${name}”部分`, [narrativeCell('document', name)]);
  }
  // A section still showing the generator's placeholder is not written yet.
  for (const [topic, name] of [
    ['functions', '职能职责'],
    ['composition', '单位构成'],
    ['contact', '联系方式'],
  ] as const) {
    for (const p of paragraphs) {
      if (p.topic === topic && p.text.includes('【请填写')) add('STR-06', 'warning', `情况说明“${name}”尚未填写`, [narrativeCell(p.key)]);
    }
  }
  const terms = glossaryTerms(paragraphs).map((t) => normalizeName(t));
  const needTerms = ['基本支出', '项目支出', '三公经费', ...(has('operatingCost') ? ['机关运行经费'] : [])];
  if (has('glossary') || headingHas(/名词解释/)) {
    for (const term of needTerms) {
      if (terms.some((t) => t.replace(/["“”]/g, '') === term)) continue;
      add(
        'STR-07',
        'warning',
        `专业性名词解释未解释“${term === '三公经费' ? '“三公”经费' : term}”${term === '机关运行经费' ? '（情况说明有机关运行经费一节）' : ''}`,
        [narrativeCell('glossary', term)],
      );
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Counts and lists (STR-10, STR-13)

/** Names in a list as written: '办公室（数据资源管理科）和应用推广和融合发展科' is two, split after a unit word. */
function listCounts(list: string): number[] {
  const items = list
    .replace(/等.{0,6}$/, '')
    .split(/[、，,；]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const split = items.flatMap((x) => x.split(/(?<=[科室处股组部局心站所队办校园院馆）])(?:和|及|以及)/).filter(Boolean));
  return [...new Set([items.length, split.length])];
}

const COUNTED = /(内设(?:机构|科室|处室|股室|职能科室)?|下属(?:事业)?单位|下设|所属(?:事业)?单位)(?:共|有)?(\d+)个([\u4e00-\u9fff]{0,4}?)(?:[，,]?(?:分别为|分别是|包括|即|为|是))?[：:]([^。；]+)/g;

function checkCounts(f: Findings, paragraphs: readonly TextParagraph[]): void {
  for (const p of paragraphs) {
    if (p.topic !== 'composition') continue;
    COUNTED.lastIndex = 0;
    for (let m = COUNTED.exec(p.text); m; m = COUNTED.exec(p.text)) {
      const stated = Number(m[2]);
      // The list ends where the next clause begins ('，下属单位1个…', '，无下属单位').
      const list = m[4]!.split(/[，,](?=下属|所属|无|另有|共有|编制|实有|现有|核定|人员)/)[0]!;
      const counts = listCounts(list);
      if (counts.includes(stated)) continue;
      const what = `${m[1]}${m[3] ?? ''}`.replace(/^内设$/, '内设机构');
      f.add(
        'STR-13',
        'warning',
        `单位构成：写${what}${stated}个，列出的名称有${Math.max(...counts)}个（“${list.slice(0, 60)}”）`,
        [narrativeCell(p.key)],
        [{ paragraph: p.key, line: p.line, offset: m.index, text: p.text.slice(m.index, m.index + m[0].length) }],
      );
    }
  }
  const composition = paragraphs.filter((p) => p.topic === 'composition');
  const sub = composition
    .map((p) => ({ p, m: /下属(?:事业)?单位(?:共|有)?(\d+)(?:个|家)|(\d+)(?:个|家)下属单位/.exec(p.text) }))
    .find((x) => x.m);
  if (!sub) return;
  const inComposition = Number(sub.m![1] ?? sub.m![2]);
  for (const p of paragraphs) {
    if (p.topic !== 'operatingCost') continue;
    const units = /及(\d+)(?:家|个)下属单位/.exec(p.text);
    if (!units || Number(units[1]) === inComposition) continue;
    f.add(
      'STR-10',
      'warning',
      `下属单位数不一致：单位构成写${inComposition}个，机关运行经费写“及${units[1]}家下属单位”`,
      [narrativeCell(p.key), narrativeCell(sub.p.key)],
      [quoteText(sub.p, sub.m!.index), quoteText(p, units.index)],
    );
  }
}

// ------------------------------------------------------------------------------------------------
// Units (NT-14): an amount without its number, the same number in 元 and in 万元

/** A figure distinctive enough not to recur by chance: four or more significant digits. */
const distinctive = (n: Num) => n.digits.toString().replace(/0+$/, '').length >= 4;

const MISSING_AMOUNT = /(资金|收入|支出|拨款|经费|费用|费|预算数为|预算为|合计|总额|金额|共计|增加|减少|安排)(万元|亿元|元)(?![\d/])/g;

function checkUnits(f: Findings, paragraphs: readonly TextParagraph[]): void {
  const byDigits = new Map<string, { p: TextParagraph; n: Num }[]>();
  for (const p of paragraphs) {
    if (p.topic === 'title' || p.topic === 'heading' || p.topic === 'glossary') continue;
    MISSING_AMOUNT.lastIndex = 0;
    for (let m = MISSING_AMOUNT.exec(p.text); m; m = MISSING_AMOUNT.exec(p.text)) {
      const at = m.index + m[1]!.length;
      f.add('NT-14', 'error', `金额缺失：“${clause(p.text, m.index, at + m[2]!.length).text}”中“${m[1]}”后只有单位“${m[2]}”，没有数字`, [narrativeCell(p.key)], [quoteText(p, at)]);
    }
    for (const n of numbersIn(p.text)) {
      if (!isMoneyUnit(n.unit) || n.unit === '亿元') continue;
      if (!distinctive(n)) continue;
      const k = n.value.toString();
      const list = byDigits.get(k);
      if (list) list.push({ p, n });
      else byDigits.set(k, [{ p, n }]);
    }
  }
  for (const [, list] of byDigits) {
    const yuan = list.find((x) => x.n.unit === '元');
    const wan = list.find((x) => x.n.unit === '万元');
    if (!yuan || !wan) continue;
    f.add(
      'NT-14',
      'error',
      `同一数字“${yuan.n.text}”一处写“${written(yuan.n)}”，另一处写“${written(wan.n)}”，单位不一致（元与万元相差一万倍）`,
      [narrativeCell(yuan.p.key), narrativeCell(wan.p.key)],
      [quoteNum(yuan.p, yuan.n), quoteNum(wan.p, wan.n)],
    );
  }
}

// ------------------------------------------------------------------------------------------------
// Years (TIM-02)

function checkYears(f: Findings, paragraphs: readonly TextParagraph[], year: number): void {
  const checked: Topic[] = ['income', 'expenditure', 'gpb', 'basic', 'project', 'functionItems', 'fund', 'soe', 'threePublic', 'operatingCost', 'procurement', 'performance', 'assets.planned', 'intro'];
  for (const p of paragraphs) {
    if (p.topic === 'title') {
      for (const y of yearsIn(p.text)) {
        if (y.year !== year) f.add('TIM-02', 'warning', `情况说明标题写${y.year}年，正文的预算年度为${year}年`, [narrativeCell(p.key)], [quoteText(p, 0)]);
      }
      continue;
    }
    if (!checked.includes(p.topic)) continue;
    const compared = /[较比](\d{4})年?/g;
    for (let m = compared.exec(p.text); m; m = compared.exec(p.text)) {
      const y = Number(m[1]);
      if (y !== year - 1) f.add('TIM-02', 'warning', `写“${m[0]}”，${year}年预算的比较年度应为${year - 1}年`, [narrativeCell(p.key)], [quoteText(p, m.index)]);
    }
    const own = /(?<![\d较比与同和自从于在])(\d{4})年?(?=年初预算|预算数|部门预算|一般公共预算|“三公”|收入预算|支出预算|安排|无使用)/g;
    for (let m = own.exec(p.text); m; m = own.exec(p.text)) {
      const y = Number(m[1]);
      if (y !== year) f.add('TIM-02', 'warning', `写“${m[0]}${p.text.slice(m.index + m[0].length, m.index + m[0].length + 4)}”，预算年度为${year}年`, [narrativeCell(p.key)], [quoteText(p, m.index)]);
    }
  }
  for (const p of paragraphs) {
    if (p.topic !== 'assets.held') continue;
    const snap = readAssets(p.text).snapshot;
    if (snap && (snap.year !== year - 1 || snap.month !== 12)) {
      f.add('TIM-02', 'warning', `国有资产占有使用情况：写“截至${snap.year}年${snap.month}月底”，${year}年预算应为截至${year - 1}年12月底`, [narrativeCell(p.key)], [quoteText(p, /截至/)]);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// The check

/** The 情况说明 without what follows it in the same file: the tables' 目录 and titles, 附件. */
function narrativePart(paragraphs: TextParagraph[]): TextParagraph[] {
  const end = paragraphs.findIndex((p, i) => i > 0 && /^(?:\d{4}年)?[^。，]{0,30}(?:部门预算公开表|预算公开表格)(?:（目录）)?$|^目\s*录$|^附件[：:\d]/.test(p.text));
  return end < 0 ? paragraphs : paragraphs.slice(0, end);
}

/** The text stops mid-sentence: its last body paragraph does not end with 。！？；：）” or similar. */
function isTruncated(paragraphs: readonly TextParagraph[]): TextParagraph | null {
  const last = [...paragraphs].reverse().find((p) => p.topic !== 'heading' && p.topic !== 'title');
  if (!last || last.topic === 'contact') return null;
  return /[。！？；：”」）)]$/.test(last.text) ? null : last;
}

export function checkNarrativeAlone(text: string, opts: AloneOptions): AloneResult {
  const paragraphs = narrativePart(opts.paragraphs ?? splitParagraphs(text));
  const f = new Findings();
  const cut = isTruncated(paragraphs);
  // The cut sentence is not read: its figures may stop halfway.
  const read = cut
    ? paragraphs.map((p) => (p === cut ? { ...p, text: p.text.slice(0, Math.max(0, p.text.search(/[^。；]*$/))) } : p)).filter((p) => p.text !== '')
    : paragraphs;
  const byTopic = (t: Topic) => read.filter((p) => p.topic === t);
  const said = (p: TextParagraph, patterns: readonly SubjectPattern[], first: string, label: (subject: string) => string): Map<string, Said> => {
    const out = new Map<string, Said>();
    for (const [subject, st] of mergeStated(statements(p, patterns, first))) out.set(subject, { st, p, label: label(subject) });
    return out;
  };
  const first = <T>(list: readonly Map<string, T>[], key: string): T | undefined => list.find((m) => m.has(key))?.get(key);

  // ---------------------------------------------------------------- 二（一）收入
  const incomeLabel = (s: string) =>
    s === 'income.total'
      ? '收入预算总额'
      : s === 'income.current'
      ? '本年收入'
      : ({ gpb: '一般公共预算财政拨款收入', fund: '政府性基金预算财政拨款收入', soe: '国有资本经营预算财政拨款收入', special: '财政专户管理资金收入', business: '事业收入', superior: '上级补助收入', affiliated: '附属单位上缴收入', operating: '经营收入', other: '其他收入', carryover: '上年结转', reserve: '用事业基金弥补收支差额' }[s.slice(7)] ?? s);
  const incomes = byTopic('income').map((p) => said(p, INCOME_PATTERNS, 'income.total', incomeLabel));
  for (const stated of incomes) {
    const total = stated.get('income.total');
    const parts = [...stated.values()].filter((s) => s.st.subject !== 'income.total');
    for (const s of stated.values()) {
      checkOwnChange(f, s);
      checkBare(f, s);
    }
    const subtotal = stated.get('income.current');
    if (subtotal && amountOf(subtotal)) {
      // 总计 = 本年收入 + 上年结转; the sources are the parts of 本年收入 (their shares of either).
      const carry = parts.filter((s) => s.st.subject === 'income.carryover' || s.st.subject === 'income.reserve');
      if (carry.length) checkSum(f, 'NT-01', [subtotal, ...carry], total, '收入预算总额', '本年收入与上年结转');
      const sources = parts.filter((s) => s !== subtotal && !carry.includes(s));
      const complete = checkSum(f, 'NT-01', sources, subtotal, '本年收入', '各项本年收入');
      const t = amountOf(total);
      const ofTotal = sources.filter((s) => s.st.share && t && amountOf(s) && percentAgainst(s.st.share.num, interval(amountOf(s)!), interval(t))?.result === 'pass');
      checkShares(f, 'NT-01', sources.filter((s) => !ofTotal.includes(s)), amountOf(subtotal), '本年收入', complete && ofTotal.length === 0 && sources.length >= 2, subtotal.p);
      continue;
    }
    if (!total) continue;
    // A list that names 上年结转 beside 本年收入 may state the total without it.
    const current = parts.filter((s) => s.st.subject !== 'income.carryover' && amountOf(s));
    const t = amountOf(total);
    const complete =
      (current.length < parts.length && t && current.length > 0 && sumPossible(current.map((s) => amountOf(s)!), t)) ||
      checkSum(f, 'NT-01', parts, total, '收入预算总额', '各项收入');
    checkShares(f, 'NT-01', parts, amountOf(total), '收入预算总额', complete && parts.length >= 2, total.p);
  }

  // ---------------------------------------------------------------- 二（二）支出
  const classLabel = (s: string) =>
    s === 'expenditure.total' ? '支出预算总额' : s === 'expenditure.basic' ? '基本支出' : s === 'expenditure.project' ? '项目支出' : (opts.catalog.name('function', s.slice('expenditure.class:'.length)) ?? s);
  const expPatterns = expenditurePatterns(opts.catalog);
  const expenditures = byTopic('expenditure').map((p) => said(p, expPatterns, 'expenditure.total', classLabel));
  for (const stated of expenditures) {
    const total = stated.get('expenditure.total');
    const classes = [...stated.values()].filter((s) => s.st.subject.startsWith('expenditure.class:'));
    for (const s of stated.values()) {
      if (s.st.subject === 'expenditure.basic' || s.st.subject === 'expenditure.project') continue;
      checkOwnChange(f, s);
      checkBare(f, s);
    }
    const complete = checkSum(f, 'NT-03', classes, total, '支出预算总额', '各类支出');
    checkShares(f, 'NT-03', classes, amountOf(total), '支出预算总额', complete && classes.length >= 2, (total ?? classes[0])?.p ?? read[0]!);
    // "其中：基本支出X元、项目支出Y元" as the total's parts; "主要是基本支出增加X元…" as its change's.
    const parts = (['expenditure.basic', 'expenditure.project'] as const).map((k) => stated.get(k)).filter((s): s is Said => !!s);
    const amounts = parts.filter((s) => amountOf(s));
    if (amounts.length === 2) {
      const ok = checkSum(f, 'NT-04', amounts, total, '支出预算总额', '基本支出与项目支出');
      checkShares(f, 'NT-04', amounts, amountOf(total), '支出预算总额', ok, total?.p ?? amounts[0]!.p);
    }
    const dt = signedChange(total);
    const changes = parts.map(signedChange);
    if (total && dt && changes.length === 2 && changes.every((c) => c)) {
      const [b, pr] = changes as { v: Decimal; h: Decimal; n?: Num }[];
      if (b!.v.plus(pr!.v).minus(dt.v).abs().gt(b!.h.plus(pr!.h).plus(dt.h).plus(CENT_SLACK))) {
        f.add(
          'NT-04',
          'error',
          `支出预算：基本支出增减${shown(b!.v, [b!.n ?? total.st.change!.amount!])}与项目支出增减${shown(pr!.v, [pr!.n ?? total.st.change!.amount!])}之和不等于支出增减${shown(dt.v, [dt.n ?? b!.n!])}`,
          [cell(total), ...parts.map(cell)],
          [q(total, dt.n ?? total.st.change!.amount!), ...parts.flatMap((s) => (changeOf(s) ? [q(s, changeOf(s)!)] : []))],
        );
      }
    }
  }

  // ---------------------------------------------------------------- 收支平衡 (NT-16), 收入与支出的增减 (NT-02)
  const incomeTotal = first(incomes, 'income.total');
  const expTotal = first(expenditures, 'expenditure.total');
  const balanced = read.some((p) => /收支平衡|收支相抵|收入与支出相等/.test(p.text));
  const ti = amountOf(incomeTotal);
  const te = amountOf(expTotal);
  if (incomeTotal && expTotal && ti && te && balanced && !sumPossible([ti], te)) {
    f.add('NT-16', 'error', `情况说明称收支平衡，但收入预算总额${written(ti)}与支出预算总额${written(te)}不相等`, [cell(incomeTotal), cell(expTotal)], [q(incomeTotal, ti), q(expTotal, te)]);
  }
  if (incomeTotal && expTotal && (balanced || (ti && te && sumPossible([ti], te)))) {
    const ci = signedChange(incomeTotal);
    const ce = signedChange(expTotal);
    if (ci && ce && ci.v.minus(ce.v).abs().gt(ci.h.plus(ce.h).plus(CENT_SLACK))) {
      const txt = (s: Said) => (s.st.change!.dir === 'flat' ? '与上年持平' : `${s.st.change!.word}${written(changeOf(s)!)}`);
      f.add(
        'NT-02',
        'error',
        `收入较上年${txt(incomeTotal)}，支出较上年${txt(expTotal)}：收支平衡时两者的增减应相同`,
        [cell(incomeTotal), cell(expTotal)],
        [ci.n ? q(incomeTotal, ci.n) : quoteText(incomeTotal.p, /持平/), ce.n ? q(expTotal, ce.n) : quoteText(expTotal.p, /持平/)],
      );
    }
  }

  // ---------------------------------------------------------------- 三（一）一般公共预算; 1. 基本/项目
  const gpbs = byTopic('gpb').map((p) => said(p, GPB_PATTERNS, 'gpb.expenditure', (s) => (s === 'gpb.income' ? '三中一般公共预算财政拨款收入' : '三中一般公共预算财政拨款支出')));
  const gpbExp = first(gpbs, 'gpb.expenditure');
  const gpbInc = first(gpbs, 'gpb.income');
  for (const m of gpbs) for (const s of m.values()) checkOwnChange(f, s);
  const incomeGpb = first(incomes, 'income.gpb');
  if (incomeGpb && gpbInc && amountOf(incomeGpb) && amountOf(gpbInc)) {
    checkSame(f, 'NT-06', incomeGpb, amountOf(incomeGpb)!, gpbInc, amountOf(gpbInc)!, '一般公共预算财政拨款收入');
  }
  // 二 and 三 speak of the same money when all of it is 一般公共预算 (the 支出 total equals the 一般公共预算 支出).
  const sameScope = !!(te && amountOf(gpbExp) && sumPossible([amountOf(gpbExp)!], te));
  if (sameScope) checkSameChange(f, expTotal ? { ...expTotal, label: '二、支出预算' } : undefined, gpbExp ? { ...gpbExp, label: '三、一般公共预算财政拨款支出' } : undefined, '支出较上年的增减');

  const basics = byTopic('basic').map((p) => said(p, BASIC_PATTERNS, 'basic', (s) => ({ basic: '基本支出', personnel: '人员经费', public: '公用经费' })[s] ?? s));
  const projects = byTopic('project').map((p) => said(p, [], 'project', () => '项目支出'));
  const basic = first(basics, 'basic');
  const project = first(projects, 'project');
  for (const m of [...basics, ...projects]) for (const s of m.values()) checkBare(f, s);
  for (const s of [basic, project]) if (s) checkOwnChange(f, s);
  for (const stated of basics) {
    const b = stated.get('basic');
    const parts = ['personnel', 'public'].map((k) => stated.get(k)).filter((s): s is Said => !!s);
    if (b && parts.length === 2) checkSum(f, 'NT-05', parts, b, '基本支出', '人员经费与公用经费');
  }
  // The denominator of 基本/项目 shares: the 一般公共预算 支出 as stated, else their sum.
  if (basic || project) {
    const parts = [basic, project].filter((s): s is Said => !!s);
    let ok = true;
    if (gpbExp && parts.length === 2 && parts.every((s) => amountOf(s))) ok = checkSum(f, 'NT-04', parts, gpbExp, '一般公共预算财政拨款支出', '基本支出与项目支出');
    const denominator = amountOf(gpbExp);
    if (denominator) checkShares(f, 'NT-04', parts, denominator, '一般公共预算财政拨款支出', ok && parts.length === 2, parts[0]!.p);
    else if (parts.length === 2 && parts.every((s) => amountOf(s) && s.st.share)) {
      // No stated total: the two shares are each other's complement, and add up to 100%.
      const sum = toYuan(amountOf(basic)!).plus(toYuan(amountOf(project)!));
      const total: Num = { ...amountOf(basic)!, value: sum, decimals: Math.max(amountOf(basic)!.decimals, amountOf(project)!.decimals), unit: '元', text: sum.toString() };
      checkShares(f, 'NT-04', parts, total, '基本支出与项目支出之和', true, parts[0]!.p);
    }
  }
  if (sameScope) {
    const e = (k: string) => {
      const s = first(expenditures, k);
      return s ? { ...s, label: '二、支出预算' } : undefined;
    };
    checkSameChange(f, e('expenditure.basic'), basic ? { ...basic, label: '三、基本支出' } : undefined, '基本支出较上年的增减');
    checkSameChange(f, e('expenditure.project'), project ? { ...project, label: '三、项目支出' } : undefined, '项目支出较上年的增减');
  }

  // ---------------------------------------------------------------- 三 2. 按支出功能科目 (per 项)
  const items: Said[] = [];
  for (const p of byTopic('functionItems')) {
    for (const st of functionItemStatements(p, (n) => `function:${n.cls}/${n.seg}/${n.item}`)) {
      const s: Said = { st, p, label: `${st.names!.item}（项）` };
      items.push(s);
      checkOwnChange(f, s);
      checkBare(f, s);
    }
  }
  const itemAmounts = items.filter((s) => amountOf(s));
  if (!cut && gpbExp && amountOf(gpbExp) && itemAmounts.length >= 2 && !sumPossible(itemAmounts.map((s) => amountOf(s)!), amountOf(gpbExp)!)) {
    const sum = itemAmounts.reduce((a, s) => a.plus(toYuan(amountOf(s)!)), ZERO);
    f.add(
      'NT-07',
      'error',
      `按支出功能科目说明：${itemAmounts.length}个项的预算数之和${shown(sum, [amountOf(gpbExp)!, ...itemAmounts.map((s) => amountOf(s)!)])}与一般公共预算财政拨款支出${written(amountOf(gpbExp)!)}不符`,
      [cell(gpbExp), ...itemAmounts.map(cell)],
      [q(gpbExp, amountOf(gpbExp)!)],
    );
  }
  if (!cut && sameScope) {
    // Σ 项 of one 类 = that 类 in 二 (the same money when all is 一般公共预算).
    for (const stated of expenditures) {
      for (const s of stated.values()) {
        if (!s.st.subject.startsWith('expenditure.class:') || !amountOf(s)) continue;
        const name = normalizeName(s.label);
        const own = itemAmounts.filter((i) => i.st.names!.cls && normalizeName(i.st.names!.cls) === name);
        if (own.length === 0 || sumPossible(own.map((i) => amountOf(i)!), amountOf(s)!)) continue;
        const sum = own.reduce((a, i) => a.plus(toYuan(amountOf(i)!)), ZERO);
        f.add(
          'NT-07',
          'error',
          `${s.label}：二中写${written(amountOf(s)!)}，三中该类各项之和为${shown(sum, [amountOf(s)!, ...own.map((i) => amountOf(i)!)])}（${own.map((i) => written(amountOf(i)!)).join(' + ')}）`,
          [cell(s), ...own.map(cell)],
          [q(s, amountOf(s)!), ...own.map((i) => q(i, amountOf(i)!))],
        );
      }
    }
  }

  // ---------------------------------------------------------------- 四 “三公” (NT-09)
  const tpLabel = (s: string) =>
    ({ 'threePublic.total': '“三公”经费', 'threePublic.abroad': '因公出国（境）费', 'threePublic.reception': '公务接待费', 'threePublic.vehicle': '公务用车购置及运行维护费', 'threePublic.vehicleOperation': '公务用车运行维护费', 'threePublic.vehiclePurchase': '公务用车购置费' })[s] ?? s;
  for (const p of byTopic('threePublic')) {
    const stated = said(p, THREE_PUBLIC_PATTERNS, 'threePublic.total', tpLabel);
    for (const s of stated.values()) {
      checkOwnChange(f, s);
      checkBare(f, s);
    }
    const total = stated.get('threePublic.total');
    const purchase = stated.get('threePublic.vehiclePurchase');
    const operation = stated.get('threePublic.vehicleOperation');
    const vehicle = stated.get('threePublic.vehicle');
    if (vehicle && purchase && operation) checkSum(f, 'NT-09', [purchase, operation], vehicle, '公务用车购置及运行维护费', '购置费与运行维护费');
    const parts = [stated.get('threePublic.abroad'), stated.get('threePublic.reception'), ...(purchase && operation ? [purchase, operation] : [vehicle])];
    if (!total || parts.some((s) => !s)) continue;
    const all = parts as Said[];
    if (all.every((s) => amountOf(s))) checkSum(f, 'NT-09', all, total, '“三公”经费合计', '因公出国（境）费、公务接待费、公务用车购置及运行维护费');
    const ct = signedChange(total);
    const cs = all.map(signedChange);
    if (ct && cs.every((c) => c)) {
      const sum = cs.reduce((a, c) => a.plus(c!.v), ZERO);
      const slack = cs.reduce((a, c) => a.plus(c!.h), ct.h).plus(CENT_SLACK);
      if (sum.minus(ct.v).abs().gt(slack)) {
        const unit = ct.n ?? cs.find((c) => c!.n)?.n;
        f.add(
          'NT-09',
          'error',
          `“三公”经费：合计写较上年${total.st.change!.dir === 'flat' ? '持平' : `${total.st.change!.word}${written(ct.n!)}`}，各分项增减之和为${unit ? shown(sum, [unit]) : '0'}`,
          [cell(total), ...all.map(cell)],
          [ct.n ? q(total, ct.n) : quoteText(p, /持平/), ...all.flatMap((s) => (changeOf(s) ? [q(s, changeOf(s)!)] : []))],
        );
      }
    }
  }

  // ---------------------------------------------------------------- 五 机关运行经费, 政府采购, 绩效, 国有资产
  for (const p of byTopic('operatingCost')) {
    const s = said(p, [], 'operatingCost', () => '机关运行经费').get('operatingCost');
    if (s) {
      checkOwnChange(f, s);
      checkBare(f, s);
    }
  }
  for (const p of byTopic('procurement')) {
    const r = readProcurement(p);
    for (const [part, label] of [
      [r.all, '政府采购预算'],
      [r.gpb, '一般公共预算财政拨款政府采购'],
    ] as const) {
      if (!part?.total || !part.goods || !part.works || !part.services) continue;
      const ns = [part.goods, part.works, part.services];
      if (ns.some((n) => !isMoneyUnit(n.unit)) || !isMoneyUnit(part.total.unit) || sumPossible(ns, part.total)) continue;
      const sum = ns.reduce((a, n) => a.plus(toYuan(n)), ZERO);
      f.add('NT-11', 'error', `${label}：总额${written(part.total)}不等于货物、工程、服务之和${shown(sum, [part.total, ...ns])}`, [narrativeCell(p.key)], [quoteNum(p, part.total)]);
    }
    if (r.gpb?.total && r.all.total && isMoneyUnit(r.gpb.total.unit) && isMoneyUnit(r.all.total.unit) && !notAbove(r.gpb.total, r.all.total)) {
      f.add('NT-11', 'error', `政府采购：其中一般公共预算部分${written(r.gpb.total)}大于采购总额${written(r.all.total)}`, [narrativeCell(p.key)], [quoteNum(p, r.gpb.total)]);
    }
  }
  const projectAmount = amountOf(project) ?? amountOf(first(expenditures, 'expenditure.project'));
  for (const p of byTopic('performance')) {
    const r = readPerformance(p);
    const cells = [narrativeCell(p.key)];
    if (r.count && r.gpbCount && r.gpbCount.value.gt(r.count.value)) {
      f.add('NT-13', 'error', `绩效目标设置情况：其中一般公共预算安排项目${r.gpbCount.text}个，多于涉及项目${r.count.text}个`, cells, [quoteNum(p, r.gpbCount)]);
    }
    if (r.amount && r.gpbAmount && isMoneyUnit(r.amount.unit) && isMoneyUnit(r.gpbAmount.unit) && !notAbove(r.gpbAmount, r.amount)) {
      f.add('NT-13', 'error', `绩效目标设置情况：其中一般公共预算金额${written(r.gpbAmount)}大于涉及金额${written(r.amount)}`, cells, [quoteNum(p, r.gpbAmount)]);
    }
    for (const [e, label] of [
      [r.keyEvaluation, '纳入重点绩效评价的项目'],
      [r.generalEvaluation, '纳入一般绩效目标评价的项目'],
    ] as const) {
      if (e?.count && r.count && e.count.value.gt(r.count.value)) f.add('NT-13', 'error', `${label}${e.count.text}个，多于涉及绩效目标的项目${r.count.text}个`, cells, [quoteNum(p, e.count)]);
    }
    if (r.claimsFullCoverage && r.amount && projectAmount && isMoneyUnit(r.amount.unit) && !notAbove(projectAmount, r.amount)) {
      f.add(
        'NT-13',
        'warning',
        `绩效目标设置情况：写“项目支出均实行了绩效目标管理”，但涉及金额${written(r.amount)}少于项目支出${written(projectAmount)}`,
        cells,
        [quoteText(p, /均实行|全部实行|全面实行|均已实行|全部纳入/), quoteNum(p, r.amount)],
      );
    }
  }
  for (const p of [...byTopic('assets.held'), ...byTopic('assets.planned')]) {
    const split = p.text.search(/\d{4}年?[^。]{0,12}(?:安排|计划|拟)购置/);
    const parts = split > 0 ? [p.text.slice(0, split), p.text.slice(split)] : [p.text];
    for (const t of parts) {
      const r = readAssets(t);
      if (!r.total || VEHICLE_KINDS.some((k) => !r.kinds[k])) continue;
      const sum = VEHICLE_KINDS.reduce((a, k) => a + r.kinds[k]!.value.toNumber(), 0);
      if (sum !== r.total.value.toNumber()) {
        f.add(
          'NT-12',
          'error',
          `国有资产：车辆合计写${r.total.text}辆，分类之和为${sum}辆（${VEHICLE_KINDS.map((k) => `${VEHICLE_NAMES[k]}${r.kinds[k]!.text}辆`).join('、')}）`,
          [narrativeCell(p.key)],
          [quoteText(p, p.text.indexOf(t) + r.total.start)],
        );
      }
    }
  }

  checkCounts(f, read);
  checkUnits(f, read);
  const year = opts.year ?? statedYear(paragraphs);
  if (year !== null) checkYears(f, read, year);
  if (cut) {
    const tail = cut.text.slice(Math.max(0, cut.text.search(/[^。；]*$/)));
    f.add('STR-14', 'info', `文本在句中结束（“……${tail.slice(-30)}”），最后一句及其后的内容未核对`, [narrativeCell(cut.key)], [{ paragraph: cut.key, line: cut.line, offset: cut.text.length - tail.length, text: tail }]);
  } else {
    for (const x of sectionFindings(paragraphs)) f.add(x.id, x.severity, x.message, x.cells, []);
  }
  return { year, truncated: !!cut, paragraphs, findings: dedupe(f.list) };
}

function dedupe<T extends Finding>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((x) => {
    const k = `${x.id}|${x.severity}|${x.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
