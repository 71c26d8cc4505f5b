// Money: the one place for 分 arithmetic, parsing/formatting amounts and percentages.
//
// Amounts live as integer 分 (Fen). Text is parsed digit by digit into an integer, never through
// parseFloat; division and rounding go through decimal.js. Every integer we hand out or accept is
// guarded with Number.isSafeInteger so amounts up to ~9×10^13 元 stay exact (10^13 元 is the
// design target), and anything beyond is an error in Chinese rather than a silently wrong number.

import Decimal from 'decimal.js';

/** An integer number of 分 (cents). Never a float amount of 元. */
export type Fen = number;

export type ParseResult = { ok: true; fen: Fen; empty: boolean } | { ok: false; reason: string };

export type AmountUnit = '元' | '万元';

export interface ParseAmountOptions {
  /** Accept negative amounts (adjustments, differences). Default: reject. */
  allowNegative?: boolean;
  /** Unit of a bare number; '万元' for imported 万元 tables. An explicit 元/万元 suffix wins. */
  unit?: AmountUnit;
}

/** Fen per 元 and per 万元, as powers of ten (number of decimal places a unit may carry). */
const UNIT_SCALE: Record<AmountUnit, number> = { 元: 2, 万元: 6 };

/** 1 元 = 100 分; 1 万元 = 1,000,000 分. */
export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

/** Largest amount we can hold exactly, in 分. */
export const MAX_FEN: Fen = Number.MAX_SAFE_INTEGER;

const OVERFLOW_MESSAGE = '金额过大，超出可精确计算的范围（约90万亿元）';

// A private constructor with ample precision: a ratio of two 16-digit integers must not be rounded
// onto a .5 boundary before we round it for display. Its instances are still `instanceof Decimal`.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

// ---------------------------------------------------------------------------------------------
// Guards and integer arithmetic

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless value is a safe integer of 分; turns -0 into 0. */
export function assertFen(value: unknown, what = '金额'): Fen {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RangeError(`${what}必须是以分为单位的整数，实际为 ${String(value)}`);
  }
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}：${OVERFLOW_MESSAGE}`);
  return value === 0 ? 0 : value;
}

function checkedResult(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(OVERFLOW_MESSAGE);
  return value === 0 ? 0 : value;
}

export function addFen(a: Fen, b: Fen): Fen {
  return checkedResult(assertFen(a) + assertFen(b));
}

export function subFen(a: Fen, b: Fen): Fen {
  return checkedResult(assertFen(a) - assertFen(b));
}

/** Integer sum; null/undefined count as 0. Throws on a non-integer or on overflow. */
export function sumFen(values: Iterable<Fen | null | undefined>): Fen {
  let total = 0;
  if (Array.isArray(values)) {
    // The common case, without the iterator protocol.
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as Fen | null | undefined;
      if (v !== null && v !== undefined) total = checkedResult(total + assertFen(v));
    }
    return total;
  }
  for (const v of values) {
    if (v === null || v === undefined) continue;
    // Checking every partial sum: once past 2^53 a float sum can no longer be trusted.
    total = checkedResult(total + assertFen(v));
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Conversions

/** Amount in 元 as a Decimal (exact). */
export function fenToDecimal(fen: Fen): Decimal {
  return new D(assertFen(fen)).div(FEN_PER_YUAN);
}

/** Amount in 元 as plain decimal text: '6095655.89', '15886.8', '3409800', '0' (= fenToDecimal(fen).toString()). */
export function fenToYuanText(fen: Fen): string {
  // formatProse's digits without its separators (a narrative figure asks for both: one formatting each).
  const value = assertFen(fen);
  const abs = Math.abs(value);
  const cents = abs % 100;
  const text = `${(abs - cents) / 100}${PROSE_CENTS[cents]}`;
  return value < 0 ? `-${text}` : text;
}

/**
 * fen/100 as a JS number, for numeric xlsx cells only. An IEEE division of two exact integers is
 * correctly rounded, so this is the same double as parsing the decimal text "1234.56".
 */
export function fenToYuanNumber(fen: Fen): number {
  return assertFen(fen) / FEN_PER_YUAN;
}

/** 元 (as Decimal) → 分, rounded half away from zero to the nearest 分. */
export function decimalToFen(yuan: Decimal): Fen {
  const fen = new D(yuan).times(FEN_PER_YUAN).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (!fen.isFinite() || fen.abs().greaterThan(MAX_FEN)) throw new RangeError(OVERFLOW_MESSAGE);
  return checkedResult(fen.toNumber());
}

/** Amount in 万元 as plain text, e.g. '609.57' (no separators), rounded half away from zero. */
export function fenToWan(fen: Fen, decimals = 2): string {
  return fixed(new D(assertFen(fen)).div(FEN_PER_WAN), decimals);
}

/** Amount in 万元 exact to the 分, without trailing zeros: '609.565589', '3.4', '0'. */
export function fenToWanExact(fen: Fen): string {
  return fenToWan(fen, 6).replace(/\.?0+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Rounding and percentages

/** Round half away from zero (decimal.js ROUND_HALF_UP acts on the magnitude). */
export function roundHalfAway(value: Decimal, decimals: number): Decimal {
  assertDecimals(decimals);
  return new D(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/** (current − prior) / prior × 100, exact enough for any display rounding; null when prior is 0. */
export function changeRatio(current: Fen, prior: Fen): Decimal | null {
  assertFen(current, '本年金额');
  assertFen(prior, '上年金额');
  if (prior === 0) return null;
  // Multiply first so the only inexact step is the one division, at 40 significant digits.
  return new D(current).minus(prior).times(100).div(prior);
}

/**
 * Table 增幅: integer percent with sign, e.g. '-11%', '16%', '-100%'; '' when last year is 0. The
 * same text as formatPercent(changeRatio(…), 0), in integer arithmetic (no decimal.js: every
 * function tree row prints one).
 */
export function formatChangePercentTable(current: Fen, prior: Fen): string {
  assertFen(current, '本年金额');
  assertFen(prior, '上年金额');
  if (prior === 0) return '';
  return `${ratioPercentText(current - prior, prior, 0, false, current, prior)}%`;
}

/** A percentage value as text without '%', e.g. '25.9', '0.9', '13.0'; half away from zero. */
export function formatPercent(value: Decimal, decimals: number): string {
  return fixed(value, decimals);
}

/** part / total × 100 as text without '%', e.g. '4.2'; null when total is 0. */
export function sharePercent(part: Fen, total: Fen, decimals: number): string | null {
  assertFen(part, '分项金额');
  assertFen(total, '合计金额');
  if (total === 0) return null;
  return ratioPercentText(part, total, decimals);
}

/**
 * |current − prior| / |prior| × 100 as text without '%' (the size of a change, e.g. '15.8');
 * null when last year is 0. The same text as formatPercent(changeRatio(…).abs(), decimals).
 */
export function changePercentAbs(current: Fen, prior: Fen, decimals: number): string | null {
  assertFen(current, '本年金额');
  assertFen(prior, '上年金额');
  if (prior === 0) return null;
  return ratioPercentText(current - prior, prior, decimals, true, current, prior);
}

/**
 * tol_pct (RULES §5) for a printed 增幅: the shown percentage (signed, `decimals` places) against the
 * exact value passes within half a unit of its last decimal (+10^−9), is a rounding slip ('warning')
 * within one unit, and an 'error' beyond.
 */
export function percentTolerance(shown: Decimal, decimals: number, exact: Decimal): 'pass' | 'warning' | 'error' {
  const diff = shown.minus(exact).abs();
  const unit = new Decimal(10).pow(-decimals);
  if (diff.lte(unit.div(2).plus(1e-9))) return 'pass';
  return diff.lte(unit) ? 'warning' : 'error';
}

/** Largest |numerator| whose × 100 × 10^decimals stays a safe integer, by decimals. */
const SAFE_SCALED = Array.from({ length: 21 }, (_, d) => Math.floor(MAX_FEN / 10 ** (d + 2)));

/**
 * num × 100 / den rounded half away from zero to `decimals` places, as text (no '-0.0'): the same
 * text as formatPercent(new D(num).times(100).div(den), decimals). Exact integer arithmetic: in
 * safe integers when num × 100 × 10^decimals is one, else in BigInt. `num` is a difference
 * `current − prior` when those are given (it may then lie beyond the safe range).
 */
function ratioPercentText(num: number, den: number, decimals: number, magnitude = false, current?: number, prior?: number): string {
  assertDecimals(decimals);
  const negative = !magnitude && num < 0 !== den < 0 && num !== 0;
  const d = Math.abs(den);
  let digits: string;
  const n = Math.abs(num);
  if (Number.isSafeInteger(num) && n <= SAFE_SCALED[decimals]) {
    // n × 100 × 10^decimals is exact; its remainder by d is exact, and so is the quotient of the
    // exact multiple (an integer below 2^53).
    const scaled = n * 100 * 10 ** decimals;
    const r = scaled % d;
    let q = (scaled - r) / d;
    if (r * 2 >= d) q += 1;
    if (q === 0) return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
    digits = String(q);
  } else {
    const big = current !== undefined && prior !== undefined ? BigInt(current) - BigInt(prior) : BigInt(num);
    const scaled = (big < 0n ? -big : big) * 100n * 10n ** BigInt(decimals);
    const bd = BigInt(d);
    let q = scaled / bd;
    if ((scaled % bd) * 2n >= bd) q += 1n;
    if (q === 0n) return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
    digits = q.toString();
  }
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, '0');
    digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  return negative ? `-${digits}` : digits;
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Table style: '6,095,655.89'; 0, null and undefined print as an empty cell (Chongqing template). */
export function formatAmount(fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  if (assertFen(fen) === 0) return '';
  return formatAmountZero(fen);
}

/** Table style that prints zero as '0.00' (templates of other provinces, input grids). */
export function formatAmountZero(fen: Fen): string {
  return groupedAmount(fen, CENTS);
}

/**
 * An amount's 元 grouped in thousands, then its cents as `cents` prints them (no intermediate
 * object or digit string: every money cell of every table comes through here). Groups of three
 * digits come from a table, not cut from the number's digits: fewer strings per cell.
 */
function groupedAmount(fen: Fen, cents: readonly string[]): string {
  const value = assertFen(fen);
  const abs = Math.abs(value);
  const c = abs % 100;
  // Integer remainder and an exact quotient of a multiple of 100: no float division rounding.
  let yuan = (abs - c) / 100;
  let out = cents[c];
  while (yuan >= 1000) {
    const group = yuan % 1000;
    out = `,${DIGITS3[group]}${out}`;
    yuan = (yuan - group) / 1000;
  }
  return value < 0 ? `-${yuan}${out}` : `${yuan}${out}`;
}

/** '000'…'999' and '.00'…'.99': the parts of a printed amount. */
const DIGITS3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const CENTS = Array.from({ length: 100 }, (_, i) => `.${String(i).padStart(2, '0')}`);
/** Cents as prose prints them, trailing zeros dropped: '', '.01', … '.1', … '.99'. */
const PROSE_CENTS = CENTS.map((c) => c.replace(/\.?0+$/, ''));

/** An amount as a finding states it: table style with its unit, '6,095,655.89 元' (zero: '0.00 元'). */
export function formatYuan(fen: Fen): string {
  return `${formatAmountZero(fen)} 元`;
}

/** Narrative style as the reference writes it: '6,095,655.89', '15,886.8', '3,409,800', '0'. */
export function formatProse(fen: Fen): string {
  return groupedAmount(fen, PROSE_CENTS);
}

/** '1234567' → '1,234,567' (a string of digits; a loop, not a look-ahead regexp: every money cell calls it). */
function groupThousands(intDigits: string): string {
  const n = intDigits.length;
  if (n <= 3) return intDigits;
  let at = n % 3 || 3;
  let out = intDigits.slice(0, at);
  for (; at < n; at += 3) out += `,${intDigits.slice(at, at + 3)}`;
  return out;
}

/**
 * A whole count in messages, grouped as amounts are (20,000 行, 1,048,576 个字符). Not
 * toLocaleString: its first call loads ICU's number formats, 17 ms of a `check` run.
 */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? (n < 0 ? '-' : '') + groupThousands(String(Math.abs(n))) : String(n);
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`小数位数必须是0到20之间的整数，实际为 ${String(decimals)}`);
  }
}

/** toFixed with half-away rounding, and never '-0.0': a value that rounds to zero has no sign. */
function fixed(value: Decimal, decimals: number): string {
  const rounded = roundHalfAway(value, decimals);
  return (rounded.isZero() ? new D(0) : rounded).toFixed(decimals);
}

// ---------------------------------------------------------------------------------------------
// Parsing

// Full-width forms people type with a Chinese IME or paste from Word/WPS.
const CHAR_MAP: Record<string, string> = {
  '，': ',',
  '．': '.',
  '－': '-',
  '−': '-', // U+2212 minus sign
  '﹣': '-',
  '＋': '+',
  'ｅ': 'e',
  'Ｅ': 'E',
};

function normalizeText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[，．－−﹣＋ｅＥ]/g, (c) => CHAR_MAP[c] ?? c)
    .trim(); // String.prototype.trim also strips U+3000 and NBSP
}

// A cell holding only a dash means "nothing here" in published tables.
const EMPTY_MARKER = /^[-—–―‒]+$/;

/** The longest text read as an amount: 90万亿元 with separators, decimals, unit and spaces fits well within. */
export const MAX_AMOUNT_TEXT = 64;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * One left-to-right pass over `[\d,]*(\.\d*)?`, with at least one digit; 'exponent' for the same
 * followed by `e[+-]?\d+` (1.2e5, which we refuse by name). No regular expression, no backtracking.
 */
function scanNumber(s: string): { intPart: string; fracPart: string } | 'exponent' | null {
  let i = 0;
  let digits = 0;
  while (i < s.length && (isDigit(s[i]) || s[i] === ',')) if (isDigit(s[i++])) digits++;
  const intPart = s.slice(0, i);
  let fracPart = '';
  if (s[i] === '.') {
    const from = ++i;
    while (isDigit(s[i])) i++;
    fracPart = s.slice(from, i);
    digits += fracPart.length;
  }
  if (digits === 0) return null;
  if (i === s.length) return { intPart, fracPart };
  if (s[i] !== 'e' && s[i] !== 'E') return null;
  let k = i + 1;
  if (s[k] === '+' || s[k] === '-') k++;
  const from = k;
  while (isDigit(s[k])) k++;
  return k === s.length && k > from ? 'exponent' : null;
}

const ok = (fen: Fen, empty = false): ParseResult => ({ ok: true, fen: fen === 0 ? 0 : fen, empty });
const fail = (reason: string): ParseResult => ({ ok: false, reason });

/**
 * Parse what a person types or pastes, or an xlsx cell's text, into 分.
 * Accepts thousands separators, full-width digits and punctuation, a 元 or 万元 suffix, a leading
 * ￥; '', '-', '—', '－', '–' are an empty cell (0). Rejects with a Chinese reason.
 */
export function parseAmount(text: string, opts: ParseAmountOptions = {}): ParseResult {
  const raw = String(text ?? '');
  // Length first: nothing below may see a megabyte of digits pasted into one cell.
  if (raw.length > MAX_AMOUNT_TEXT) {
    return fail(`“${raw.trim().slice(0, 20)}…”共 ${formatCount(raw.length)} 个字符，不是金额（金额最多 ${MAX_AMOUNT_TEXT} 个字符）`);
  }
  const shown = raw.trim();
  let s = normalizeText(raw);
  if (s === '' || EMPTY_MARKER.test(s)) return ok(0, true);

  let unit: AmountUnit = opts.unit ?? '元';
  // An explicit suffix states the unit of this very number.
  if (s.endsWith('万元')) {
    unit = '万元';
    s = s.slice(0, -2).trimEnd();
  } else if (s.endsWith('元')) {
    unit = '元';
    s = s.slice(0, -1).trimEnd();
  }

  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1).trimStart();
  }
  if (s.startsWith('￥') || s.startsWith('¥')) s = s.slice(1).trimStart();

  const m = scanNumber(s);
  if (m === 'exponent') return fail(`“${shown}”：不接受科学计数法，请写出完整数字`);
  if (!m) return fail(`“${shown}”不是金额`);
  let intPart = m.intPart;
  const fracPart = m.fracPart.replace(/0+$/, ''); // trailing zeros add no precision
  if (intPart.includes(',')) {
    if (!/^\d{1,3}(,\d{3})*$/.test(intPart)) return fail(`“${shown}”：千分位逗号位置不对`);
    intPart = intPart.replace(/,/g, '');
  }

  const scale = UNIT_SCALE[unit];
  if (fracPart.length > scale) {
    return fail(
      unit === '元'
        ? `“${shown}”超过两位小数（金额精确到分）`
        : `“${shown}”超过六位小数（万元金额精确到分）`,
    );
  }

  const digits = (intPart + fracPart.padEnd(scale, '0')).replace(/^0+/, '') || '0';
  // Number() of a digit string is exact up to 2^53; above that it is no longer a safe integer.
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) return fail(`“${shown}”：${OVERFLOW_MESSAGE}`);
  const fen = negative ? -magnitude : magnitude;
  if (fen < 0 && !opts.allowNegative) return fail(`“${shown}”：预算金额不能为负数`);
  return ok(fen);
}

/**
 * Parse a spreadsheet cell value: a number (an xlsx numeric cell, in 元 or opts.unit), a string,
 * null/undefined (empty), or an exceljs formula/rich-text/hyperlink value wrapping one of these.
 * A number is read via decimal.js from its shortest text form, so float noise such as
 * 0.30000000000000004 becomes 30 分, while a real third decimal (1.234) is rejected.
 */
export function parseAmountCell(value: unknown, opts: ParseAmountOptions = {}): ParseResult {
  if (value === null || value === undefined) return ok(0, true);
  if (typeof value === 'string') return parseAmount(value, opts);
  if (typeof value === 'number') return parseNumberCell(value, opts);
  if (typeof value === 'bigint') return parseAmount(value.toString(), opts);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return fail(`单元格是错误值${typeof v.error === 'string' ? `“${v.error}”` : ''}，不是金额`);
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return parseAmountCell(v.result, opts);
    if (Array.isArray(v.richText)) {
      return parseAmount(v.richText.map((r: { text?: unknown }) => String(r?.text ?? '')).join(''), opts);
    }
    if (typeof v.text === 'string') return parseAmount(v.text, opts);
  }
  return fail(`“${String(value)}”不是金额`);
}

function parseNumberCell(value: number, opts: ParseAmountOptions): ParseResult {
  if (!Number.isFinite(value)) return fail(`“${String(value)}”不是金额`);
  const unit = opts.unit ?? '元';
  // Most cells are plain decimals within 分 (the double's shortest text has at most the scale's
  // decimals): their 分 are that text's digits, read exactly without decimal.js. Others take the
  // exact path below (exponents, more decimals, float noise to tolerate).
  const plain = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(String(value));
  if (plain && (plain[3]?.length ?? 0) <= UNIT_SCALE[unit]) {
    const digits = plain[2] + (plain[3] ?? '').padEnd(UNIT_SCALE[unit], '0');
    const abs = Number(digits);
    if (Number.isSafeInteger(abs)) {
      if (plain[1] && abs !== 0 && !opts.allowNegative) return fail(`“${String(value)}”：预算金额不能为负数`);
      return ok(plain[1] && abs !== 0 ? -abs : abs);
    }
  }
  const exact = new D(value).times(10 ** UNIT_SCALE[unit]);
  const fen = exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (fen.abs().greaterThan(MAX_FEN)) return fail(`“${String(value)}”：${OVERFLOW_MESSAGE}`);
  // Tolerate float noise: a few units in the last place of the double, and at least 10^-6 分.
  const noise = Math.max(1e-6, Math.abs(value) * 10 ** UNIT_SCALE[unit] * Number.EPSILON * 2);
  if (exact.minus(fen).abs().greaterThan(noise)) {
    return fail(
      unit === '元'
        ? `“${String(value)}”超过两位小数（金额精确到分）`
        : `“${String(value)}”超过六位小数（万元金额精确到分）`,
    );
  }
  const n = fen.toNumber();
  if (n < 0 && !opts.allowNegative) return fail(`“${String(value)}”：预算金额不能为负数`);
  return ok(n);
}
