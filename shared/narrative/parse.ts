/**
 * Reading a narrative back: any text — generated, hand-edited, or pasted from a published document
 * (markdown residue, spaces between numbers and units, ASCII or full-width brackets and commas,
 * page breaks inside sentences) — is split into paragraphs, each paragraph is given a topic by its
 * heading and its own words, and the figures it states are read with their roles: the subject's
 * amount, the change against last year with its direction word, the percentage change, the share,
 * counts, and whether a reason is given.
 *
 * Nothing here knows the data's values; check.ts compares what is read with the facts.
 */
import Decimal from 'decimal.js';
import { sortInPlace } from '../arrays';
import type { Catalog } from '../catalog/catalog';
import { normalizeName } from '../catalog/catalog';
import type { ThreePublicItem, VehicleKind } from '../model/types';
import { VEHICLE_KINDS } from '../model/types';
import { REASON_PLACEHOLDER } from './keys';
import * as OpenCC from 'opencc-js/t2cn';
import { TRADITIONAL_CHARS } from './traditional-chars';

// ------------------------------------------------------------------------------------------------
// Normalising

const FULL_DIGITS = /[\uFF10-\uFF19]/g;

let toSimplified: ((s: string) => string) | null = null;
/** Lines converted before: a narrative is re-read after every edit, and most of its lines are unchanged (bounded). */
const simplifiedLines = new Map<string, string>();
/** TRADITIONAL_CHARS as a bitmap of the Basic Multilingual Plane and a set of the others (built once). */
let convertible: { bmp: Uint8Array; astral: Set<number> } | null = null;

/** Whether `s` has a character of TRADITIONAL_CHARS: one pass of table look-ups (a regex of 4,000 characters cost more, and its code is flushed and rebuilt). */
function hasTraditional(s: string): boolean {
  if (!convertible) {
    convertible = { bmp: new Uint8Array(0x10000), astral: new Set() };
    for (const ch of TRADITIONAL_CHARS) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x10000) convertible.bmp[cp] = 1;
      else convertible.astral.add(cp);
    }
  }
  const { bmp, astral } = convertible;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const cp = s.codePointAt(i)!;
      if (cp >= 0x10000) {
        if (astral.has(cp)) return true;
        i++;
        continue;
      }
    }
    if (bmp[c] === 1) return true;
  }
  return false;
}

/** Traditional characters (較, 預算, 經費: mirrored pages) as simplified, with OpenCC's dictionaries (built once). */
export function simplified(s: string): string {
  // OpenCC changes a line only by replacing a dictionary key found in it, and every key it replaces
  // by something else contains one of TRADITIONAL_CHARS (generated from its dictionaries, kept so by
  // tests/unit/narrative-simplified.test.ts): a line with none of them (the generated narrative,
  // simplified text) is already what OpenCC would give, and needs no dictionary built.
  if (!hasTraditional(s)) return s;
  let out = simplifiedLines.get(s);
  if (out === undefined) {
    toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
    out = toSimplified(s);
    if (simplifiedLines.size >= 4096) simplifiedLines.clear();
    simplifiedLines.set(s, out);
  }
  return out;
}

/**
 * One line in a canonical form: markdown markers dropped, full-width digits and % half-width,
 * brackets, colons and semicolons full-width, a comma that is not a thousands separator full-width,
 * and every whitespace removed (Chinese prose has none that matters; the seed puts spaces between
 * numbers and units).
 */
export function normalizeLine(line: string): string {
  let s = simplified(line);
  // The first replacements each need one of these characters: a line without any (the generated
  // narrative's) skips them all.
  if (MARKUP_OR_WIDTH.test(s)) {
    s = s
      .replace(/^\s*#+\s*/, '')
      .replace(/\*\*/g, '')
      .replace(/^\s*[-*•·]\s+/, '')
      .replace(FULL_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
      .replace(/％/g, '%')
      .replace(/．/g, '.')
      .replace(/[\s\u200b\u3000]+/g, '');
    s = s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：').replace(/;/g, '；');
  }
  // A comma is a thousands separator only between a digit and exactly three digits (full-width too:
  // '6，095，655.89').
  // Each replacement is made only where a scan finds one to make (the generated narrative has
  // only thousands separators): the regexes ran over every new line of every edit.
  if (hasComma(s, '，', true)) s = s.replace(/(?<=\d)，(?=\d{3}(?![\d年月日]))/g, ',');
  if (hasComma(s, ',', false)) s = s.replace(/,(?!\d{3}(?!\d))|(?<!\d),/g, '，');
  if (s.includes('三公')) s = s.replace(/[“”"＂]三公[“”"＂]/g, '“三公”');
  return s;
}

/**
 * With `separator`: whether some `comma` stands between a digit and exactly three digits not
 * followed by a digit, 年, 月 or 日 (a full-width thousands separator to make half-width); without:
 * whether some `comma` is not a thousands separator (not after a digit, or not before exactly three digits).
 */
function hasComma(s: string, comma: string, separator: boolean): boolean {
  for (let i = s.indexOf(comma); i >= 0; i = s.indexOf(comma, i + 1)) {
    const afterDigit = i > 0 && isDigit(s.charCodeAt(i - 1));
    const three = isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3));
    const next = s.charCodeAt(i + 4);
    if (separator) {
      if (afterDigit && three && !isDigit(next) && s[i + 4] !== '年' && s[i + 4] !== '月' && s[i + 4] !== '日') return true;
    } else if (!afterDigit || !three || isDigit(next)) return true;
  }
  return false;
}

/** What the markup, width and spacing replacements of normalizeLine act on (# * - • · full-width digits ％ ． spaces ( ) : ;). */
const MARKUP_OR_WIDTH = /[#*\-•·\uFF10-\uFF19％．\s\u200b\u3000():;]/;

const HEADING_MARK = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.、](?!\d))/;

export function headingLevel(line: string): number {
  if (/^[一二三四五六七八九十]+、/.test(line)) return 1;
  if (/^（[一二三四五六七八九十]+）/.test(line)) return 2;
  return 3;
}

/** A short numbered line without sentence punctuation: '一、单位基本情况', '（一）职能职责', '1.按支出属性说明'. */
function isHeadingLike(line: string): boolean {
  return HEADING_MARK.test(line) && line.length <= 30 && !/[。；，：！？]/.test(line);
}

const SENTENCE_END = /[。！？；：]$/;

/** The topics a paragraph can have, in the outline's order. */
export const TOPICS = [
  'title',
  'heading',
  'functions',
  'composition',
  'intro',
  'income',
  'expenditure',
  'gpb',
  'basic',
  'project',
  'functionItems',
  'fund',
  'soe',
  'threePublic',
  'operatingCost',
  'procurement',
  'performance',
  'assets.held',
  'assets.planned',
  'glossary',
  'contact',
  'other',
] as const;

export type Topic = (typeof TOPICS)[number];

export interface TextParagraph {
  /** Stable key, the same as the generator's paragraph key for the same content. */
  key: string;
  topic: Topic;
  /** Normalised text (see normalizeLine). */
  text: string;
  /** As written (markdown markers dropped). */
  raw: string;
  /** Headings in force: [一、…, （一）…, 1.…] (shared by the paragraphs under them: read only). */
  headings: readonly string[];
  index: number;
  /** The source line it starts on (1-based), for pointing a reader at it. */
  line: number;
}

/** A paragraph of a narrative as written (markdown markers dropped, spacing kept) and normalised. */
export interface TextBlock {
  /** As written, for publishing a hand-edited text. */
  raw: string;
  /** Normalised (normalizeLine), for reading. */
  text: string;
  heading: boolean;
  title: boolean;
  /** The source line it starts on (1-based). */
  line: number;
}

/** A line as written, without markdown markers. */
function cleanRawLine(line: string): string {
  // Each replacement needs one of these characters.
  if (!/[#*\-•·]/.test(line)) return line.trim();
  return line
    .replace(/^\s*#+\s*/, '')
    .replace(/\*\*/g, '')
    .replace(/^\s*[-*•·]\s+/, '')
    .trim();
}

/** What splitting needs to know of one line, computed once per distinct line (bounded, like simplifiedLines). */
interface LineInfo {
  markdownHeading: boolean;
  text: string;
  raw: string;
  headingLike: boolean;
}
const lineInfos = new Map<string, LineInfo>();

function lineInfo(rawLine: string): LineInfo {
  let info = lineInfos.get(rawLine);
  if (!info) {
    const text = normalizeLine(rawLine);
    info = { markdownHeading: /^\s*#{1,6}\s/.test(rawLine), text, raw: cleanRawLine(rawLine), headingLike: isHeadingLike(text) };
    if (lineInfos.size >= 16384) lineInfos.clear();
    lineInfos.set(rawLine, info);
  }
  return info;
}

/**
 * Splits a narrative into blocks. Lines broken inside a sentence (a page break in a published PDF)
 * are joined back; headings are numbered short lines or markdown headings; the lines before the
 * first section heading are the title.
 */
export function splitBlocks(raw: string): TextBlock[] {
  return blocksOfLines(raw.replace(/\r\n?/g, '\n').split('\n'));
}

/** splitBlocks over the text's lines (the generated narrative is split without being joined first). */
export function blocksOfLines(lines: readonly string[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let seenSection = false;
  let open: TextBlock | null = null;
  for (let lineNo = 1; lineNo <= lines.length; lineNo++) {
    const rawLine = lines[lineNo - 1]!;
    const info = lineInfo(rawLine);
    const { markdownHeading, text: line, raw: rawText } = info;
    if (line === '') continue;
    const heading = markdownHeading || info.headingLike;
    if (heading && /^[一二三四五六七八九十]+、/.test(line)) seenSection = true;
    if (!seenSection && !HEADING_MARK.test(line) && line.length <= 40 && !/[。；]/.test(line)) {
      blocks.push({ raw: rawText, text: line, heading: false, title: true, line: lineNo });
      open = null;
      continue;
    }
    if (heading && !(open && !SENTENCE_END.test(open.text) && !markdownHeading && !HEADING_MARK.test(line))) {
      blocks.push({ raw: rawText, text: line, heading: true, title: false, line: lineNo });
      open = null;
      continue;
    }
    const listItem = /^\s*[-*•]\s+/.test(rawLine);
    if (open && !SENTENCE_END.test(open.text) && !listItem) {
      open.text += line;
      open.raw += rawText;
    } else {
      open = { raw: rawText, text: line, heading: false, title: false, line: lineNo };
      blocks.push(open);
    }
  }
  return blocks;
}

/** Splits a narrative into paragraphs with topics and keys (see splitBlocks). */
export function splitParagraphs(raw: string): TextParagraph[] {
  return paragraphsOfBlocks(splitBlocks(raw));
}

/** splitParagraphs over the text's lines. */
export function paragraphsOfLines(lines: readonly string[]): TextParagraph[] {
  return paragraphsOfBlocks(blocksOfLines(lines));
}

/**
 * The paragraph line `now` makes where line `before` made `old`, without splitting the text again:
 * when both lines are body sentences standing alone (neither a heading nor a title, both ending a
 * sentence, so no line joins them or is joined to them) and `now` keeps `old`'s topic, the split of
 * the text with `now` for `before` is the old split with this one paragraph's text changed — its key,
 * headings, index and line stay. null when that is not so (the text is then split afresh).
 */
export function paragraphInPlace(old: TextParagraph, before: string, now: string): TextParagraph | null {
  const a = lineInfo(before);
  const b = lineInfo(now);
  if (old.topic === 'title' || old.topic === 'heading' || old.text !== a.text || !alone(a, before) || !alone(b, now)) return null;
  if (topicOf(b.text, old.headings) !== old.topic) return null;
  return { ...old, text: b.text, raw: b.raw };
}

const LIST_ITEM = /^\s*[-*•]\s+/;

/** A body line that is a paragraph of its own: no heading, ends a sentence, no list item (paragraphInPlace). */
const alone = (i: LineInfo, rawLine: string): boolean =>
  i.text !== '' && !i.markdownHeading && !i.headingLike && SENTENCE_END.test(i.text) && /[。；]/.test(i.text) && !LIST_ITEM.test(rawLine);

function paragraphsOfBlocks(blocks: readonly TextBlock[]): TextParagraph[] {
  const out: TextParagraph[] = [];
  const headings: string[] = [];
  /** The headings in force, one array shared by the paragraphs under them (never changed once given out). */
  let inForce: string[] = [];
  const used = new Map<string, number>();
  const keyFor = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}:${n}`;
  };
  let itemNo = 0;
  blocks.forEach((b, index) => {
    if (b.title) {
      out.push({ key: keyFor('title'), topic: 'title', text: b.text, raw: b.raw, headings: [], index, line: b.line });
      return;
    }
    if (b.heading) {
      const level = headingLevel(b.text);
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      headings.push(b.text);
      inForce = [...headings];
      out.push({ key: keyFor('heading'), topic: 'heading', text: b.text, raw: b.raw, headings: inForce, index, line: b.line });
      return;
    }
    const topic = topicOf(b.text, headings);
    const base = topic === 'functionItems' ? `function:?${++itemNo}` : topic;
    out.push({ key: keyFor(base), topic, text: b.text, raw: b.raw, headings: inForce, index, line: b.line });
  });
  return out;
}

const LEAD = '^(?:（[一二三四五六七八九十\\d]+）)?';
/** "（一）基本支出…", "项目支出…": a paragraph that leads with its subject (compiled once). */
const leads = (word: string) => new RegExp(`${LEAD}${word}`);
const LEADS = {
  basic: leads('基本支出'),
  project: leads('项目支出'),
  income: leads('收入预算'),
  expenditure: leads('支出预算'),
  operatingCost: leads('机关运行经费'),
  procurement: leads('政府采购'),
  performance: leads('绩效目标'),
  assets: leads('国有资产'),
};

/** A heading on its own line that names its paragraphs' subject: '（一）收入预算', '（2）项目支出'. */
const HEADING_TOPICS: [RegExp, Topic][] = [
  [/收入预算|收入情况/, 'income'],
  [/支出预算|支出情况/, 'expenditure'],
  [/基本支出/, 'basic'],
  [/项目支出/, 'project'],
  [/机关运行经费/, 'operatingCost'],
  [/政府采购/, 'procurement'],
  [/绩效目标/, 'performance'],
];

/** The topic a paragraph's own words give, or its heading's when its words leave it open. */
function topicOf(text: string, headings: readonly string[]): Topic {
  const own = ownTopic(text, headings);
  if (own !== 'other' && own !== 'gpb' && own !== 'intro') return own;
  let last = '';
  for (let i = headings.length - 1; i >= 0 && last === ''; i--) last = headings[i]!;
  if (!/^(?:（[一二三四五六七八九十]+）|\d{1,2}[.、]|（\d+）)/.test(last)) return own;
  const named = HEADING_TOPICS.find(([re]) => re.test(last.replace(HEADING_MARK, '')))?.[1];
  // Under 三's "（一）一般公共预算" a 一般公共预算 paragraph stays gpb; under "收入预算" it is the income list.
  if (named && !(own === 'gpb' && named !== 'income' && named !== 'expenditure')) return named;
  return own;
}

function ownTopic(text: string, headings: readonly string[]): Topic {
  const h1 = headings[0] ?? '';
  const h2 = headings[1] ?? '';
  if (/名词解释/.test(h1)) return 'glossary';
  if (/联系/.test(h1)) return 'contact';
  if (/单位基本情况|基本情况/.test(h1)) {
    if (/构成|机构设置/.test(h2)) return 'composition';
    if (/职能|职责/.test(h2)) return 'functions';
  }
  if (/（类）|（款）|（项）/.test(text)) return 'functionItems';
  if (LEADS.basic.test(text)) return 'basic';
  if (LEADS.project.test(text)) return 'project';
  if (LEADS.income.test(text)) return 'income';
  if (LEADS.expenditure.test(text)) return 'expenditure';
  if (LEADS.operatingCost.test(text)) return 'operatingCost';
  if (LEADS.procurement.test(text)) return 'procurement';
  if (LEADS.performance.test(text)) return 'performance';
  if (LEADS.assets.test(text)) return 'assets.held';
  if (/三公/.test(text)) return 'threePublic';
  if (/机关运行经费/.test(text)) return 'operatingCost';
  if (/政府采购/.test(text)) return 'procurement';
  if (/绩效目标|绩效评价/.test(text)) return 'performance';
  if (/车辆|国有资产|设备（不含车辆）/.test(text)) return /截至|共有/.test(text) ? 'assets.held' : 'assets.planned';
  if (/政府性基金/.test(text) && !/国有资本经营/.test(text)) return 'fund';
  if (/国有资本经营/.test(text) && !/政府性基金/.test(text)) return 'soe';
  if (/总收入|收入(?:预算)?(?:合计|总计)/.test(text)) return 'income';
  if (/总支出|支出(?:预算)?(?:合计|总计)/.test(text)) return 'expenditure';
  if (/一般公共预算(?:财政)?拨款(?:收入|支出)/.test(text)) return 'gpb';
  if (/综合预算/.test(text)) return 'intro';
  if (/联系人|联系电话/.test(text)) return 'contact';
  if (/内设|下属单位/.test(text)) return 'composition';
  if (/职责|职能/.test(h2)) return 'functions';
  return 'other';
}

// ------------------------------------------------------------------------------------------------
// Numbers

export interface Num {
  value: Decimal;
  /** Decimals as written ('15,886.8' → 1). */
  decimals: number;
  /** The value × 10^decimals, exactly ('15,886.8' → 158868n): for integer comparisons (check.ts). */
  digits: bigint;
  text: string;
  /** What follows the number: '元', '万元', '亿元', '%', '个', '辆', '家', '台', '年', '月', '' … */
  unit: string;
  start: number;
  end: number; // after the unit
}

/**
 * A number's value and digits by its text as written: a pure function of the text, kept because a
 * re-read paragraph repeats most of its numbers (building the Decimal and the BigInt was most of
 * numbersIn's cost). Decimals are immutable, so sharing one is safe; emptied when large.
 */
const parsedNumbers = new Map<string, { value: Decimal; decimals: number; digits: bigint }>();
const PARSED_NUMBERS_KEPT = 20000;

function parsedNumber(written: string, whole: string, fraction: string | undefined) {
  let parsed = parsedNumbers.get(written);
  if (!parsed) {
    const intPart = whole.replace(/,/g, '');
    const frac = fraction ?? '';
    if (parsedNumbers.size >= PARSED_NUMBERS_KEPT) parsedNumbers.clear();
    parsed = { value: new Decimal(frac ? `${intPart}.${frac}` : intPart), decimals: frac.length, digits: BigInt(intPart + frac) };
    parsedNumbers.set(written, parsed);
  }
  return parsed;
}

/** The units UNIT matches, in its order (a longer unit before its prefix: 亿元 before 元, 台（套） before 台). */
const UNITS = ['亿元', '万元', '元', '%', '个', '辆', '家', '台（套）', '台', '套', '人', '年', '月', '日', '项', '号', '）'] as const;

/** UNIT at `at`, as one of the constant strings (no match array per number). */
function unitAt(text: string, at: number): string {
  if (at >= text.length) return '';
  for (const u of UNITS) if (text.startsWith(u, at)) return u;
  return '';
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Every number in a normalised text, with its unit. An enumerator '（1）' has unit '）'.
 * NUMBER's matches found by a scan of character codes (the same matches: a number starts at a
 * digit not after a digit, '.' or ','; 1–3 digits then ',ddd' groups, else all the digits; then an
 * optional '.digits'), so a re-read paragraph makes no match arrays or group strings per number.
 */
export function numbersIn(text: string): Num[] {
  const out: Num[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (i > 0) {
      const before = text.charCodeAt(i - 1);
      if (isDigit(before) || before === 46 /* . */ || before === 44 /* , */) {
        i++;
        continue;
      }
    }
    let j = i;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    let e = j;
    // \d{1,3}(?:,\d{3})+ : only the whole run of 1–3 digits can be followed by ','.
    if (j - i <= 3) {
      while (e + 3 < n && text.charCodeAt(e) === 44 && isDigit(text.charCodeAt(e + 1)) && isDigit(text.charCodeAt(e + 2)) && isDigit(text.charCodeAt(e + 3))) e += 4;
    }
    const intEnd = e;
    if (e + 1 < n && text.charCodeAt(e) === 46 && isDigit(text.charCodeAt(e + 1))) {
      e += 2;
      while (e < n && isDigit(text.charCodeAt(e))) e++;
    }
    const written = text.slice(i, e);
    let parsed = parsedNumbers.get(written);
    if (!parsed) parsed = parsedNumber(written, text.slice(i, intEnd), intEnd < e ? text.slice(intEnd + 1, e) : undefined);
    const unit = unitAt(text, e);
    out.push({ value: parsed.value, decimals: parsed.decimals, digits: parsed.digits, text: written, unit, start: i, end: e + unit.length });
    i = e;
  }
  return out;
}

export const isMoneyUnit = (u: string) => u === '元' || u === '万元' || u === '亿元';

/** A year written without 年 ('2024安排', '较2023减少'): four digits 19xx/20xx, no separator, followed by a word. */
export function isBareYear(n: Num, text: string): boolean {
  if (n.unit !== '' || n.decimals !== 0 || !/^(?:19|20)\d\d$/.test(n.text)) return false;
  const c = text.charCodeAt(n.end); // NaN past the end: no word follows
  return (c >= 0x4e00 && c <= 0x9fff) || c === 0x201c /* “ */ || c === 0xff08 /* （ */;
}

/** The value in 元 of an amount as written. */
export function toYuan(n: Num): Decimal {
  if (n.unit === '万元') return n.value.times(10000);
  if (n.unit === '亿元') return n.value.times(100000000);
  return n.value;
}

// ------------------------------------------------------------------------------------------------
// Statements: what a segment of text says about one subject

export type Direction = 'up' | 'down' | 'flat';

export interface Stated {
  subject: string;
  paragraph: string;
  /** The segment's text, for messages. */
  text: string;
  amount?: Num;
  change?: { dir: Direction; amount?: Num; word: string };
  percent?: { dir: Direction | null; num: Num; word: string };
  share?: { num: Num; hasSign: boolean };
  count?: Num;
  /** '上年无此项预算' / '新增' written. */
  zeroBase: boolean;
  reason: 'present' | 'missing' | 'placeholder';
  reasonText: string;
  /** Numbers in amount position written without a unit (NT-14). */
  bare: Num[];
  /** "主要包括A、B等". */
  list?: string[];
  /** "主要用于A、B等". */
  uses?: string[];
  /** Function items: the names as written. */
  names?: { cls: string; seg: string; item: string };
  /** The year after 较 ('较2023年'); the first of comparedYears. */
  comparedYear?: number;
  /** Every year after 较/比 in the segment ('较2023年…较2022年'). */
  comparedYears: number[];
}

/**
 * A statement with nothing read yet. Every field is present from the start, in one order: the
 * readers fill in fields as they find them, and an object that gains properties one by one (or a
 * spread copy that does) changes its shape at each — which made merging four statements cost
 * microseconds each.
 */
export function emptyStated(subject: string, paragraph: string, text: string): Stated {
  return {
    subject,
    paragraph,
    text,
    amount: undefined,
    change: undefined,
    percent: undefined,
    share: undefined,
    count: undefined,
    zeroBase: false,
    reason: 'missing',
    reasonText: '',
    bare: NO_NUMS,
    list: undefined,
    uses: undefined,
    names: undefined,
    comparedYear: undefined,
    comparedYears: NO_YEARS,
  };
}

/** The empty lists a statement starts with, shared (most segments have none) and frozen: a reader adds by replacing (scanSegment). */
const NO_NUMS = Object.freeze([]) as unknown as Num[];
const NO_YEARS = Object.freeze([]) as unknown as number[];

/** A copy of `st` of the same one shape (see emptyStated). */
function copyStated(st: Stated): Stated {
  return {
    subject: st.subject,
    paragraph: st.paragraph,
    text: st.text,
    amount: st.amount,
    change: st.change,
    percent: st.percent,
    share: st.share,
    count: st.count,
    zeroBase: st.zeroBase,
    reason: st.reason,
    reasonText: st.reasonText,
    bare: st.bare,
    list: st.list,
    uses: st.uses,
    names: st.names,
    comparedYear: st.comparedYear,
    comparedYears: st.comparedYears,
  };
}

// The words before an amount that make it a change, and before a percentage that give its
// direction, as the alternations (增加|增长|上升|提高|增|减少|下降|降低|压减|减|节约)了?$ and
// (增长|上升|提高|增加|增幅为?|下降|降低|减少|压减|降幅为?|减幅为?)了?$ try them (X为? as X为, then X).
export const CHANGE_WORDS: readonly string[] = ['增加', '增长', '上升', '提高', '增', '减少', '下降', '降低', '压减', '减', '节约'];
export const PERCENT_WORDS: readonly string[] = ['增长', '上升', '提高', '增加', '增幅为', '增幅', '下降', '降低', '减少', '压减', '降幅为', '降幅', '减幅为', '减幅'];
// The longest text each can match (its longest word and 了): matched against the cue's tail only,
// which finds the same words (both are anchored at the end) without scanning the whole cue.
const CHANGE_WORD_MAX = 3;
const PERCENT_WORD_MAX = 4;

function direction(word: string): Direction {
  return /增|上升|提高/.test(word) ? 'up' : 'down';
}

const REASON_LEAD = /主要原因是|主要原因为|原因是|原因为|主要是|主要由于|由于|因为|(?<=[，。；])因(?![公素])/g;
const REASON_END = /[。；]|，其中|，主要用于|，主要包括/;

interface ReasonClause {
  start: number;
  textStart: number;
  end: number;
  text: string;
}

function reasonClauses(text: string): ReasonClause[] {
  const out: ReasonClause[] = [];
  REASON_LEAD.lastIndex = 0;
  for (let m = REASON_LEAD.exec(text); m; m = REASON_LEAD.exec(text)) {
    const textStart = m.index + m[0].length;
    const rest = text.slice(textStart);
    const endRel = rest.search(REASON_END);
    const end = endRel < 0 ? text.length : textStart + endRel;
    out.push({ start: m.index, textStart, end, text: text.slice(textStart, end) });
    REASON_LEAD.lastIndex = Math.max(REASON_LEAD.lastIndex, end);
  }
  return out;
}

/** Replaces figure-free reason clauses and "主要包括/主要用于" lists, so names inside them are not taken for subjects. */
function maskFreeText(text: string, reasons: readonly ReasonClause[]): string {
  let masked = text;
  for (const r of reasons) if (!/\d/.test(r.text)) masked = blanked(masked, r.textStart, r.end);
  const list = /主要(?:包括|用于)[^。；]*/g;
  for (let m = list.exec(text); m; m = list.exec(text)) if (!/\d/.test(m[0])) masked = blanked(masked, m.index, m.index + m[0].length);
  return masked;
}

const blanked = (text: string, start: number, end: number): string => text.slice(0, start) + '□'.repeat(end - start) + text.slice(end);

export interface Mention {
  subject: string;
  start: number;
  end: number;
  names?: { cls: string; seg: string; item: string };
}

export interface SubjectPattern {
  re: RegExp; // global
  subject: string | ((m: RegExpExecArray) => string);
}

function findMentions(masked: string, patterns: readonly SubjectPattern[]): Mention[] {
  const all: Mention[] = [];
  for (const p of patterns) {
    const re = p.re.global ? p.re : new RegExp(p.re.source, 'g');
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      all.push({ subject: typeof p.subject === 'string' ? p.subject : p.subject(m), start: m.index, end: m.index + m[0].length });
    }
  }
  // By start, the longer first (a paragraph has a few mentions: arrays.ts sortInPlace).
  sortInPlace(all, byStartLongerFirst);
  const out: Mention[] = [];
  for (const m of all) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

/** Mentions in text order; of two at one place, the longer first. */
const byStartLongerFirst = (a: { start: number; end: number }, b: { start: number; end: number }): number => a.start - b.start || b.end - a.end;

/** The first reason clause that starts in text[from, to): the segment's own. */
function ownReason(reasons: readonly ReasonClause[], from: number, to: number): ReasonClause | undefined {
  for (const r of reasons) if (r.start >= from && r.start < to) return r;
  return undefined;
}

/**
 * Statements by segment text, each list holding the statements read from that text: a statement is
 * a function of its subject, paragraph key, segment text and own reason's text alone (scanSegment
 * reads nothing else), so one read before is that reading. After an edit a regenerated paragraph
 * is mostly the segments it had (one 类's amount changed, the others' segments are as they were):
 * those are the last objects, not read again. Shared: never changed (statements are read-only
 * once read; mergeStated copies before merging). Emptied when large (a narrative reads a few dozen
 * segments this way: 2048 is many edits of them, and bounds what a long hand-edited text keeps).
 */
const segmentReadings = new Map<string, Stated[]>();
const SEGMENT_READINGS_KEPT = 2048;

/** scanSegment, the statement read from the same segment before when there is one (statements' segments only: functionItemStatements changes its own). */
function keptSegment(subject: string, paragraph: string, text: string, from: number, to: number, reasons: readonly ReasonClause[]): Stated {
  const seg = text.slice(from, to);
  const own = ownReason(reasons, from, to);
  let list = segmentReadings.get(seg);
  if (list) {
    const reasonText = own ? own.text.trim() : '';
    for (const st of list) {
      if (st.subject === subject && st.paragraph === paragraph && (own ? st.reason !== 'missing' && st.reasonText === reasonText : st.reason === 'missing')) return st;
    }
  } else {
    if (segmentReadings.size >= SEGMENT_READINGS_KEPT) segmentReadings.clear();
    segmentReadings.set(seg, (list = []));
  }
  const st = scanSegment(subject, paragraph, seg, own);
  list.push(st);
  return st;
}

/** Reads one segment: its amount, change, percentage, share, count and reason (`own`: the reason clause that starts in it). */
function scanSegment(subject: string, paragraph: string, seg: string, own: ReasonClause | undefined): Stated {
  const st = emptyStated(subject, paragraph, seg);
  const nums = numbersIn(seg);
  let prevEnd = 0;
  // The cue of a number is seg[prevEnd, n.start) (the text since the last number); its tests are
  // made in place, by index, and the cue and its tail are sliced only where a regex reads them.
  for (let k = 0; k < nums.length; k++) {
    const n = nums[k]!;
    const cueStart = prevEnd;
    prevEnd = n.end;
    if (n.unit === '）' && cueEndsWith(seg, cueStart, n.start, '（')) continue; // an enumerator （1）
    if (n.unit === '年' || isBareYear(n, seg)) {
      if (cueEndsWith(seg, cueStart, n.start, '较') || cueEndsWith(seg, cueStart, n.start, '比')) {
        const year = wholeNumber(n);
        st.comparedYear ??= year;
        if (st.comparedYears === NO_YEARS) st.comparedYears = [year];
        else st.comparedYears.push(year);
      }
      continue;
    }
    if (n.unit === '月' || n.unit === '日' || n.unit === '号') continue;
    if (n.unit === '%') {
      const lead = seg.slice(Math.max(cueStart, n.start - 12), n.start);
      if (/占(?:比|总额的|比例为|比重为)?$|占[^，。；]{0,12}的?$/.test(lead) && !/较|比上年/.test(lead)) {
        st.share ??= { num: n, hasSign: true };
      } else {
        const w = wordAtEnd(seg, Math.max(cueStart, n.start - PERCENT_WORD_MAX), n.start, PERCENT_WORDS);
        if (w !== undefined) st.percent ??= { dir: /增|上升|提高/.test(w) ? 'up' : 'down', num: n, word: w };
        else st.percent ??= { dir: null, num: n, word: '' };
      }
      continue;
    }
    if (isMoneyUnit(n.unit)) {
      const w = wordAtEnd(seg, Math.max(cueStart, n.start - CHANGE_WORD_MAX), n.start, CHANGE_WORDS);
      if (w !== undefined) st.change ??= { dir: direction(w), amount: n, word: w };
      else if (!st.amount) st.amount = n;
      continue;
    }
    if (n.unit === '个' || n.unit === '家' || n.unit === '辆' || n.unit === '台（套）' || n.unit === '台' || n.unit === '套' || n.unit === '人') {
      st.count ??= n;
      continue;
    }
    if (n.unit === '') {
      // A share written without '%' ('占76.23'), or an amount without its unit.
      const leadStart = Math.max(cueStart, n.start - 12);
      if (cueEndsWith(seg, leadStart, n.start, '占') || cueEndsWith(seg, leadStart, n.start, '占比')) st.share ??= { num: n, hasSign: false };
      else if (n.value.greaterThanOrEqualTo(0) && !(n.start > cueStart && isDash(seg.charCodeAt(n.start - 1))) && !(n.end < seg.length && (isDash(seg.charCodeAt(n.end)) || isDigit(seg.charCodeAt(n.end))))) st.bare = st.bare === NO_NUMS ? [n] : (st.bare.push(n), st.bare);
    }
  }
  if (!st.change && /持平|无变化|与上年一致|与上年相同|没有变化/.test(seg)) {
    st.change = { dir: 'flat', word: '持平' };
  }
  st.zeroBase = /上年无此项|上年无该项|上年未安排|新增项目|为新增/.test(seg);
  if (own) {
    const t = own.text.trim();
    st.reasonText = t;
    st.reason = t === '' || t.startsWith('【') || t.includes(REASON_PLACEHOLDER) ? 'placeholder' : 'present';
  }
  // "主要包括A、B等" (人员/公用经费) and "主要用于A、B等" (机关运行经费) name items.
  st.list = listedItems(/主要包括([^。；]*)/.exec(seg));
  st.uses = listedItems(/主要用于([^。；]*)/.exec(seg));
  return st;
}

/** Whether text[start, end) ends with `s` (a cue's test without slicing the cue). */
const cueEndsWith = (text: string, start: number, end: number, s: string): boolean => end - s.length >= start && text.startsWith(s, end - s.length);

/** '-', '—', '－'. */
const isDash = (c: number): boolean => c === 0x2d || c === 0x2014 || c === 0xff0d;

/**
 * The word of `words` that text[start, end) ends with, optionally followed by 了, as the regex
 * (w1|w2|…)了?$ finds it in that slice: the leftmost place where one fits, and there the first
 * word of the list (the words are constants: no match array, no slice).
 */
export function wordAtEnd(text: string, start: number, end: number, words: readonly string[]): string | undefined {
  for (let at = start; at < end; at++) {
    for (const w of words) {
      const after = at + w.length;
      if (after > end || !text.startsWith(w, at)) continue;
      if (after === end || (after + 1 === end && text.charCodeAt(after) === 0x4e86 /* 了 */)) return w;
    }
  }
  return undefined;
}

/** The items of a "主要包括/主要用于A、B等" match. */
function listedItems(m: RegExpExecArray | null): string[] | undefined {
  if (!m) return undefined;
  return m[1]!
    .replace(/等[^、，]{0,6}$/, '')
    .split(/[、，]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A number written without decimals as a JS number ('2023' → 2023), from its exact digits. */
const wholeNumber = (n: Num): number => (n.decimals === 0 ? Number(n.digits) : n.value.toNumber());

/** Segments a paragraph at subject mentions and scans each segment; text before the first mention belongs to `first`. */
export function statements(p: TextParagraph, patterns: readonly SubjectPattern[], first: string | null): Stated[] {
  const reasons = reasonClauses(p.text);
  const masked = maskFreeText(p.text, reasons);
  const mentions = findMentions(masked, patterns);
  const out: Stated[] = [];
  // The segments: text before the first mention (when `first` is given), then one per mention, each to the next.
  if (first !== null && (mentions.length === 0 || mentions[0]!.start > 0)) {
    out.push(keptSegment(first, p.key, p.text, 0, mentions.length ? mentions[0]!.start : p.text.length, reasons));
  }
  for (let i = 0; i < mentions.length; i++) {
    const to = i + 1 < mentions.length ? mentions[i + 1]!.start : p.text.length;
    out.push(keptSegment(mentions[i]!.subject, p.key, p.text, mentions[i]!.start, to, reasons));
  }
  return out;
}

/** Statements about one subject merged (a paragraph may name a subject twice: amount, then change). */
export function mergeStated(list: readonly Stated[]): Map<string, Stated> {
  const out = new Map<string, Stated>();
  /** The statements copied to be merged into: a subject stated once keeps its statement, not a copy (`list` is never changed). */
  let copies: Set<Stated> | undefined;
  for (const st of list) {
    let prev = out.get(st.subject);
    if (!prev) {
      out.set(st.subject, st);
      continue;
    }
    if (!copies?.has(prev)) {
      prev = copyStated(prev);
      (copies ??= new Set()).add(prev);
      out.set(st.subject, prev);
    }
    prev.amount ??= st.amount;
    prev.change ??= st.change;
    prev.percent ??= st.percent;
    prev.share ??= st.share;
    prev.count ??= st.count;
    prev.zeroBase ||= st.zeroBase;
    if (prev.reason !== 'present' && st.reason !== 'missing') {
      prev.reason = st.reason;
      prev.reasonText = st.reasonText;
    }
    if (st.bare.length) prev.bare = [...prev.bare, ...st.bare];
    prev.list ??= st.list;
    prev.uses ??= st.uses;
    prev.comparedYear ??= st.comparedYear;
    if (st.comparedYears.length) prev.comparedYears = [...prev.comparedYears, ...st.comparedYears];
    prev.text = `${prev.text}……${st.text}`;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Subject lexicons

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(names: readonly string[]): string {
  return [...new Set(names)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

export const INCOME_PATTERNS: readonly SubjectPattern[] = [
  { re: /一般公共预算(?:财政)?拨款(?:收入)?/g, subject: 'income.gpb' },
  { re: /政府性基金预算(?:财政)?拨款(?:收入)?/g, subject: 'income.fund' },
  { re: /国有资本经营预算(?:财政)?拨款(?:收入)?/g, subject: 'income.soe' },
  { re: /财政专户管理资金(?:收入)?/g, subject: 'income.special' },
  { re: /事业收入/g, subject: 'income.business' },
  { re: /上级补助收入/g, subject: 'income.superior' },
  { re: /附属单位上缴收入/g, subject: 'income.affiliated' },
  { re: /(?:事业单位)?经营收入/g, subject: 'income.operating' },
  { re: /其他收入/g, subject: 'income.other' },
  { re: /上年结转(?:结余)?(?:收入|资金)?/g, subject: 'income.carryover' },
  { re: /用事业基金弥补收支差额/g, subject: 'income.reserve' },
  { re: /(?:预算)?总收入|收入(?:预算)?(?:合计|总计)|收入(?:预算)?(?=较|比上年|比\d{4}|与上年)/g, subject: 'income.total' },
  /** 本年收入 as a subtotal beside 上年结转 ('收入预算总计X，其中本年收入Y，上年结转Z'). */
  { re: /本年收入(?:合计|小计)?/g, subject: 'income.current' },
];

const expenditurePatternCache = new WeakMap<Catalog, SubjectPattern[]>();

/** The subjects of a 支出预算 paragraph: the catalog's 类 names, totals, 基本/项目 (built once per catalog). */
export function expenditurePatterns(catalog: Catalog): SubjectPattern[] {
  let patterns = expenditurePatternCache.get(catalog);
  if (!patterns) {
    patterns = buildExpenditurePatterns(catalog);
    expenditurePatternCache.set(catalog, patterns);
  }
  return patterns;
}

function buildExpenditurePatterns(catalog: Catalog): SubjectPattern[] {
  const classes = catalog.entries('function').filter((e) => e.level === '类');
  const byName = new Map<string, string>();
  for (const c of classes) byName.set(normalizeName(c.name), c.code);
  return [
    { re: new RegExp(alternation([...byName.keys()]), 'g'), subject: (m) => `expenditure.class:${byName.get(m[0])}` },
    { re: /(?:预算)?总支出|支出(?:预算)?(?:合计|总计)|支出(?:预算)?(?=较|比上年|比\d{4}|与上年)/g, subject: 'expenditure.total' },
    { re: /基本支出(?:预算)?/g, subject: 'expenditure.basic' },
    { re: /项目支出(?:预算)?/g, subject: 'expenditure.project' },
  ];
}

export const GPB_PATTERNS: readonly SubjectPattern[] = [
  { re: /一般公共预算(?:财政)?拨款收入/g, subject: 'gpb.income' },
  { re: /一般公共预算(?:财政)?拨款支出/g, subject: 'gpb.expenditure' },
];

export const BASIC_PATTERNS: readonly SubjectPattern[] = [
  { re: /人员经费/g, subject: 'personnel' },
  { re: /(?:日常)?公用经费/g, subject: 'public' },
];

export const THREE_PUBLIC_PATTERNS: readonly SubjectPattern[] = [
  { re: /“三公”经费(?:预算|财政拨款预算)?|三公经费(?:预算)?/g, subject: 'threePublic.total' },
  { re: /因公出国（境）费(?:用)?/g, subject: 'threePublic.abroad' },
  { re: /公务接待费/g, subject: 'threePublic.reception' },
  { re: /公务用车购置及运行(?:维护)?费/g, subject: 'threePublic.vehicle' },
  { re: /公务用车运行(?:维护)?费/g, subject: 'threePublic.vehicleOperation' },
  { re: /公务用车购置费/g, subject: 'threePublic.vehiclePurchase' },
];

export const THREE_PUBLIC_SUBJECT: Record<string, ThreePublicItem | 'total' | 'vehicle'> = {
  'threePublic.total': 'total',
  'threePublic.abroad': 'abroad',
  'threePublic.reception': 'reception',
  'threePublic.vehicle': 'vehicle',
  'threePublic.vehicleOperation': 'vehicleOperation',
  'threePublic.vehiclePurchase': 'vehiclePurchase',
};

/** "X（类）Y（款）Z（项）" (or just "Z（项）") mentions; the subject is resolved by check.ts. */
export function functionItemMentions(p: TextParagraph): Mention[] {
  const out: Mention[] = [];
  const full = /(?:（\d+）)?([^（）。；，：]*?)（类）(.+?)（款）(.+?)（项）/g;
  for (let m = full.exec(p.text); m; m = full.exec(p.text)) {
    out.push({ subject: '', start: m.index, end: m.index + m[0].length, names: { cls: m[1]!, seg: m[2]!, item: m[3]! } });
  }
  if (out.length) return out;
  const bare = /(?:（\d+）)?([^（）。；，：]+?)（项）/g;
  for (let m = bare.exec(p.text); m; m = bare.exec(p.text)) {
    out.push({ subject: '', start: m.index, end: m.index + m[0].length, names: { cls: '', seg: '', item: m[1]! } });
  }
  return out;
}

/** Statements of a 按支出功能科目 paragraph, one per named 项 (its mentions, when found already); `resolve` maps names to a subject. */
export function functionItemStatements(
  p: TextParagraph,
  resolve: (names: { cls: string; seg: string; item: string }) => string,
  mentions: readonly Mention[] = functionItemMentions(p),
): Stated[] {
  const reasons = reasonClauses(p.text);
  return mentions.map((m, i) => {
    const to = i + 1 < mentions.length ? mentions[i + 1]!.start : p.text.length;
    const st = scanSegment(resolve(m.names!), p.key, p.text.slice(m.end, to), ownReason(reasons, m.end, to));
    st.text = p.text.slice(m.start, to);
    st.names = m.names;
    return st;
  });
}

// ------------------------------------------------------------------------------------------------
// Topic-specific readers

export interface ProcurementStated {
  total?: Num;
  goods?: Num;
  works?: Num;
  services?: Num;
}

export function readProcurement(p: TextParagraph): { all: ProcurementStated; gpb: ProcurementStated | null } {
  const split = p.text.search(/其中[^。]*?一般公共预算/);
  const part = (t: string): ProcurementStated => {
    const out: ProcurementStated = {};
    let prev = 0;
    for (const n of numbersIn(t).filter((x) => isMoneyUnit(x.unit) || x.unit === '')) {
      const cue = t.slice(prev, n.start);
      prev = n.end;
      if (/货物(?:预算)?(?:为)?$/.test(cue)) out.goods ??= n;
      else if (/工程(?:预算)?(?:为)?$/.test(cue)) out.works ??= n;
      else if (/服务(?:预算)?(?:为)?$/.test(cue)) out.services ??= n;
      else out.total ??= n;
    }
    return out;
  };
  if (split < 0) return { all: part(p.text), gpb: null };
  return { all: part(p.text.slice(0, split)), gpb: part(p.text.slice(split)) };
}

export interface PerformanceStated {
  count?: Num;
  amount?: Num;
  gpbCount?: Num;
  gpbAmount?: Num;
  keyEvaluation?: { count?: Num; amount?: Num };
  generalEvaluation?: { count?: Num; amount?: Num };
  /** "项目支出均实行了绩效目标管理". */
  claimsFullCoverage: boolean;
}

/** The number written right after the first match of `re` that is followed by one ('项目5个'). */
function numAt(text: string, re: RegExp): Num | undefined {
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (m[0] === '') {
      g.lastIndex++;
      continue;
    }
    const at = m.index + m[0].length;
    const n = numbersIn(text.slice(at))[0];
    if (n && n.start <= 1) return shift(n, at);
  }
  return undefined;
}

function shift(n: Num, by: number): Num {
  return { ...n, start: n.start + by, end: n.end + by };
}

export function readPerformance(p: TextParagraph): PerformanceStated {
  const t = p.text;
  const paren = /（其中([^）]*)）/.exec(t);
  const main = paren ? t.slice(0, paren.index) : t;
  const evalStart = main.search(/纳入/);
  const head = evalStart >= 0 ? main.slice(0, evalStart) : main;
  const out: PerformanceStated = { claimsFullCoverage: /均实行|全部实行|全面实行|均已实行|全部纳入/.test(t) };
  out.count = numAt(head, /(?:涉及)?项目(?:数量?)?(?:为|共)?/);
  out.amount = numAt(head, /(?:涉及)?(?:当年)?(?:财政拨款|资金|金额)(?:为|共)?/);
  if (paren) {
    const inner = paren[1]!;
    out.gpbCount = numAt(inner, /项目/);
    out.gpbAmount = numAt(inner, /金额(?:为)?/);
  }
  const key = /纳入重点绩效(?:目标)?评价的项目(\d+)个，?金额/.exec(t);
  if (key) out.keyEvaluation = { count: numAt(t.slice(key.index), /纳入重点绩效(?:目标)?评价的项目/), amount: numAt(t.slice(key.index), /金额/) };
  const gen = /纳入一般绩效(?:目标)?评价的项目(\d+)个，?金额/.exec(t);
  if (gen) out.generalEvaluation = { count: numAt(t.slice(gen.index), /纳入一般绩效(?:目标)?评价的项目/), amount: numAt(t.slice(gen.index), /金额/) };
  return out;
}

export interface AssetsStated {
  snapshot?: { year: number; month: number };
  total?: Num;
  kinds: Partial<Record<VehicleKind, Num>>;
  equipment?: Num;
}

const VEHICLE_PATTERNS: Record<VehicleKind, RegExp> = {
  leader: /领导干部用车(?:（[^）]*）)?/,
  confidential: /机要通信用车/,
  emergency: /应急保障用车/,
  law: /执法执勤用车/,
  special: /特种专业技术用车/,
  other: /其他用车/,
};

export function readAssets(text: string): AssetsStated {
  const out: AssetsStated = { kinds: {} };
  const snap = /截至(\d{4})年(\d{1,2})月/.exec(text);
  if (snap) out.snapshot = { year: Number(snap[1]), month: Number(snap[2]) };
  out.total = numAt(text, /(?:共有|购置|配备)车辆(?:共)?/);
  for (const k of VEHICLE_KINDS) out.kinds[k] = numAt(text, VEHICLE_PATTERNS[k]);
  out.equipment = numAt(text, /设备（不含车辆）/);
  return out;
}

/** The "无使用…拨款安排的支出" sentence of the 政府性基金/国有资本经营 paragraphs. */
export function statesNone(text: string): boolean {
  return /无(?:使用)?[^。]*?(?:拨款)?安排的支出|无[^。]{0,20}(?:收支|支出|预算)|此表无数据|空表/.test(text);
}

/**
 * yearsIn's years for which `wanted(year, at)` holds (`at`: where its digits start), found by a scan
 * for 年 (the same matches: four digits not after a digit, then 年): the context of the others is
 * not sliced and no match array is made. TIM-02 reads a changed paragraph's few slips this way.
 */
export function yearsWhere(text: string, wanted: (year: number, at: number) => boolean): { year: number; before: string; after: string }[] {
  const out: { year: number; before: string; after: string }[] = [];
  for (let k = text.indexOf('年'); k >= 0; k = text.indexOf('年', k + 1)) {
    const at = k - 4;
    if (at < 0 || (at > 0 && isDigit(text.charCodeAt(at - 1)))) continue;
    let year = 0;
    let digits = true;
    for (let i = at; i < k && digits; i++) {
      const c = text.charCodeAt(i);
      digits = isDigit(c);
      year = year * 10 + (c - 48);
    }
    if (!digits || !wanted(year, at)) continue;
    out.push({ year, before: text.slice(Math.max(0, at - 4), at), after: text.slice(k + 1, k + 1 + 8) });
  }
  return out;
}

/** Years written as 'NNNN年' with their context (TIM-02). */
export function yearsIn(text: string): { year: number; before: string; after: string }[] {
  const out: { year: number; before: string; after: string }[] = [];
  const re = /(?<!\d)(\d{4})年/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ year: Number(m[1]), before: text.slice(Math.max(0, m.index - 4), m.index), after: text.slice(m.index + m[0].length, m.index + m[0].length + 8) });
  }
  return out;
}

/** 名词解释 terms defined: '（三）基本支出：指…' → '基本支出'. */
export function glossaryTerms(paragraphs: readonly TextParagraph[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (p.topic !== 'glossary') continue;
    const m = /^(?:（[一二三四五六七八九十\d]+）|\d+[.、])?([^：]{1,20})：/.exec(p.text);
    if (m) out.push(m[1]!.replace(/[“”"]/g, ''));
  }
  return out;
}
