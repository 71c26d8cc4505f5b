/**
 * The comparisons every topic check shares (RULES §5 tolerances): an amount, a share, a change
 * against last year, a list, a sum of shares. Each disagreement becomes a finding with a rule id, a
 * Chinese message naming both numbers, and the cells involved (the table cell the sentence states,
 * and the narrative paragraph as {table: 'narrative', row: paragraph key}).
 */
import Decimal from 'decimal.js';
import { maxOf } from '../arrays';
import { changePercentAbs, changeRatio, formatProse, subFen, type Fen } from '../money/money';
import { normalizeName } from '../catalog/catalog';
import type { CellRef, Finding, Severity } from '../rules/types';
import { SEVERITY_LABELS } from '../text/terms';
import type { Pair } from './facts';
import { isMoneyUnit, type Num, type Stated } from './parse';

/**
 * Appends an array to an array with an index loop. arrays.ts pushAll takes any iterable, and its
 * for…of, called with every kind of array, paid for an iterator each call: the 按支出功能科目
 * check calls this twice per 项 on every edit.
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
}

export const yuan = (fen: Fen) => `${formatProse(fen)}元`;
export const shownAmount = (n: Num) => `${n.text}${n.unit}`;

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * The written number n (value v = n.digits / 10^d) read as v × `scale` 元, against `fen`:
 * |v × scale − fen/100| ≤ 0.5 × 10^−d × scale + 0.005 元. Both sides × 200 × 10^d are integers:
 * |200 × digits × scale − 2 × fen × 10^d| ≤ 100 × scale + 10^d.
 */
function withinTolTxt(n: Num, scale: number, fen: Fen): boolean {
  // In doubles when every term is an integer below 2^52 (then each product, sum and difference is
  // exact): an amount of the usual size; else in BigInt.
  const p = 10 ** n.decimals;
  const digits = Number(n.digits);
  const a = 200 * digits * scale;
  const b = 2 * Math.abs(fen) * p;
  if (a < SAFE && b < SAFE && p < SAFE && 100 * scale < SAFE && Number.isSafeInteger(digits) && Number.isInteger(fen)) {
    return Math.abs(a - 2 * fen * p) <= 100 * scale + p;
  }
  const bp = 10n ** BigInt(n.decimals);
  const bs = BigInt(scale);
  return abs(200n * n.digits * bs - 2n * BigInt(fen) * bp) <= 100n * bs + bp;
}

/** Below this, integer doubles add, subtract and multiply into exact results (2^52). */
const SAFE = 2 ** 52;

/** |narrative − table| ≤ 0.5 × 10^−d (in the narrative's unit) + 0.005 元 (RULES §5 tol_txt). */
export function amountMatches(n: Num, fen: Fen): boolean {
  return withinTolTxt(n, n.unit === '万元' ? 10000 : n.unit === '亿元' ? 100000000 : 1, fen);
}

/** A 10^4 slip: the number is right but its unit is 元 for 万元 or the reverse (NT-14). */
function unitSlip(n: Num, fen: Fen): boolean {
  if (fen === 0) return false;
  if (n.unit === '元') return withinTolTxt(n, 10000, fen); // read as 万元
  if (n.unit === '万元') return withinTolTxt(n, 1, fen); // read as 元
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

export const pctText = (d: Decimal) => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();

export class Collector {
  readonly findings: Finding[] = [];
  add(id: string, severity: Severity, message: string, cells: CellRef[]): void {
    this.findings.push({ id, severity, message, cells });
  }
}

export const narrativeCell = (paragraph: string, subject = ''): CellRef => ({ table: 'narrative', row: paragraph, column: subject });

export interface Subject {
  label: string; // Chinese, for messages
  cells: CellRef[];
}


/** A finding's cells: the subject's table cells and the narrative paragraph (made only for a finding). */
const subjectCells = (s: Subject, st: Stated): CellRef[] => [...s.cells, narrativeCell(st.paragraph, st.subject)];

export function checkAmount(c: Collector, id: string, severity: Severity, st: Stated, n: Num | undefined, fen: Fen, s: Subject, what = ''): void {
  if (!n) return;
  if (!isMoneyUnit(n.unit)) return;
  if (amountMatches(n, fen)) return;
  const cells = subjectCells(s, st);
  if (unitSlip(n, fen)) {
    c.add('NT-14', 'error', `${s.label}${what}：情况说明写“${shownAmount(n)}”，表中为${yuan(fen)}，数值对上了但单位写错（元与万元相差一万倍）`, cells);
    return;
  }
  c.add(id, severity, `${s.label}${what}：情况说明写“${shownAmount(n)}”，表中为${yuan(fen)}`, cells);
}

export function checkBare(c: Collector, st: Stated, s: Subject): void {
  for (const n of st.bare) {
    c.add('NT-14', 'error', `${s.label}：情况说明中的“${n.text}”没有写单位（元/万元）`, [narrativeCell(st.paragraph, st.subject)]);
  }
}

export function checkShare(c: Collector, id: string, st: Stated, part: Fen, total: Fen, s: Subject): void {
  if (!st.share) return;
  if (!st.share.hasSign) {
    c.add('NT-15', 'warning', `${s.label}：占比“${st.share.num.text}”缺少“%”`, subjectCells(s, st));
  }
  if (total === 0) return;
  const r = percentCheck(st.share.num, BigInt(part) * 100n, BigInt(total));
  if (r === 'pass') return;
  const exact = new Decimal(part).times(100).div(total);
  c.add(
    id,
    r,
    `${s.label}：情况说明写占${st.share.num.text}%，按表中数复算为${pctText(exact)}%${r === 'warning' ? '（进位误差）' : ''}`,
    subjectCells(s, st),
  );
}

const dirWord = (d: string) => (d === 'up' ? '增加' : d === 'down' ? '减少' : '持平');

export interface ChangeSpec {
  pair: Pair;
  /** The rule that owns the change amount and direction (default CHG-05 / CHG-04; NT-02 for 收入/支出). */
  owner?: string;
  /** Percentages are expected only where the outline states them; a stated one is checked anyway. */
  reasonNeeded: boolean;
  year: number;
}

/** CHG-02…05 and NT-08 for one subject's change against last year. */
export function checkChange(c: Collector, st: Stated, spec: ChangeSpec, s: Subject, reasons: { subject: string; label: string; text: string }[]): void {
  // Each year once, in the order first written (as a Set of them gives; no Set made per change checked).
  const years = st.comparedYears;
  for (let i = 0; i < years.length; i++) {
    const y = years[i]!;
    if (years.indexOf(y) !== i) continue;
    if (y !== spec.year - 1) c.add('TIM-02', 'warning', `${s.label}：写“较${y}年”，比较年度应为${spec.year - 1}年`, subjectCells(s, st));
  }
  if (!st.change && !st.percent) return;
  if (spec.pair.prior === null) {
    c.add(spec.owner ?? 'CHG-05', 'unverifiable', `${s.label}：情况说明写了与上年的比较，但上年数未录入，${SEVERITY_LABELS.unverifiable}`, subjectCells(s, st));
    return;
  }
  const { current, prior } = spec.pair;
  const delta = subFen(current, prior);
  const sign = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  if (st.change) {
    const ch = st.change;
    if (ch.dir === 'flat') {
      if (delta !== 0) {
        c.add(spec.owner ?? 'CHG-04', 'error', `${s.label}：情况说明写“持平”，表中本年${yuan(current)}、上年${yuan(prior)}，实际${dirWord(sign)}${yuan(Math.abs(delta))}`, subjectCells(s, st));
      }
    } else if (ch.amount && ch.amount.value.isZero() && delta === 0) {
      c.add('CHG-04', 'info', `${s.label}：写“${ch.word}0”，宜写“与上年持平”`, subjectCells(s, st));
    } else {
      if (sign !== ch.dir) {
        c.add(
          spec.owner ?? 'CHG-04',
          'error',
          `${s.label}：情况说明写“${ch.word}”，表中本年${yuan(current)}、上年${yuan(prior)}，实际${sign === 'flat' ? '持平' : dirWord(sign)}`,
          subjectCells(s, st),
        );
      }
      if (ch.amount && isMoneyUnit(ch.amount.unit) && !amountMatches(ch.amount, Math.abs(delta))) {
        if (unitSlip(ch.amount, Math.abs(delta))) {
          c.add('NT-14', 'error', `${s.label}：增减额“${shownAmount(ch.amount)}”单位写错，应为${yuan(Math.abs(delta))}`, subjectCells(s, st));
        } else {
          c.add(spec.owner ?? 'CHG-05', 'error', `${s.label}：情况说明写${ch.word}${shownAmount(ch.amount)}，按表中数应为${dirWord(sign)}${yuan(Math.abs(delta))}（本年${yuan(current)}，上年${yuan(prior)}）`, subjectCells(s, st));
        }
      }
    }
  }
  if (st.percent) {
    const pct = st.percent;
    if (prior === 0) {
      if (current !== 0) {
        c.add('CHG-02', 'warning', `${s.label}：上年为0，不应写增幅“${pct.word}${pct.num.text}%”，宜写“上年无此项预算”`, subjectCells(s, st));
      }
    } else {
      if (pct.dir && pct.dir !== sign && sign !== 'flat') {
        c.add('CHG-04', 'error', `${s.label}：写“${pct.word}${pct.num.text}%”，实际${sign === 'up' ? '增长' : '下降'}${pctText(changeRatio(current, prior)!.abs())}%`, subjectCells(s, st));
      } else {
        // |current − prior| × 100 / |prior|, the size of the change.
        const r = percentCheck(pct.num, abs(BigInt(delta) * 100n), abs(BigInt(prior)));
        if (r !== 'pass') {
          c.add(
            'CHG-03',
            r,
            `${s.label}：情况说明写${pct.word}${pct.num.text}%，按表中数复算为${pctText(changeRatio(current, prior)!.abs())}%${
              r === 'warning' ? `（进位误差，应写${changePercentAbs(current, prior, pct.num.decimals)}%）` : ''
            }`,
            subjectCells(s, st),
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

export function checkShareSum(c: Collector, shares: Num[], parts: number, what: string, paragraph: string): void {
  if (shares.length < 2 || shares.length !== parts) return;
  const p = maxOf(shares.map((s) => s.decimals));
  // In units of 10^-(p+1): the sum is Σ digits × 10^(p+1−d), the tolerance 0.5 × 10^-p × n is 5n,
  // 100 is 10^(p+3) — exact integers, no Decimal unless a message needs them.
  let sumUnits = 0n;
  for (const s of shares) sumUnits += s.digits * 10n ** BigInt(p + 1 - s.decimals);
  const off = sumUnits - 10n ** BigInt(p + 3);
  if ((off < 0n ? -off : off) > BigInt(5 * shares.length)) {
    const sum = shares.reduce((a, s) => a.plus(s.value), new Decimal(0));
    const tol = new Decimal(`${5 * shares.length}e-${p + 1}`);
    c.add('NT-15', 'warning', `${what}占比合计为${sum.toString()}%，应为100%（允许进位误差${tol.toString()}个百分点）`, [narrativeCell(paragraph)]);
  }
}

/** The comparison keys (normalizeName) of named items, per items array: facts are not changed once made, and kept across edits that do not touch them. */
const itemNameKeys = new WeakMap<readonly { name: string }[], ReadonlySet<string>>();
export function itemNameKeysOf(items: readonly { name: string }[]): ReadonlySet<string> {
  let keys = itemNameKeys.get(items);
  if (!keys) itemNameKeys.set(items, (keys = new Set(items.map((i) => normalizeName(i.name)))));
  return keys;
}

/** `ok`: the comparison keys of the names the list may hold (itemNameKeysOf). */
export function checkList(c: Collector, id: string, st: Stated, list: readonly string[] | undefined, ok: ReadonlySet<string>, what: string, where: string, s: Subject): void {
  if (!list) return;
  const wrong = list.filter((x) => !ok.has(normalizeName(x)));
  if (wrong.length) {
    c.add(id, 'warning', `${what}中的“${wrong.join('、')}”在${where}中没有金额`, subjectCells(s, st));
  }
}
