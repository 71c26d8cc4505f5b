/**
 * The standard findings, as drafts that defineRule's `emit` completes with the rule's id and
 * severity: "A 与 B 不一致，相差 X 元", "A 超过 B", "A 不等于各项之和". A side that cannot be read
 * makes the comparison 无法核验 — never a pass.
 */
import { formatYuan, subFen, sumFen, type Fen } from '../money/money';
import { isMissing, type Amount, type Value } from './amounts';
import type { CellRef, Severity } from './types';

/** A finding without its rule id; severity defaults to the rule's. */
export interface Draft {
  message: string;
  cells: readonly CellRef[];
  severity?: Severity;
}

/** '2,685,855.89 元' (zero prints as 0.00 元 in messages, unlike in tables). */
export const yuan = formatYuan;

const absDiff = (a: Fen, b: Fen): Fen => Math.abs(subFen(a, b));

export function dedupeCells(cells: readonly CellRef[]): CellRef[] {
  const seen = new Set<string>();
  const out: CellRef[] = [];
  for (const c of cells) {
    const k = `${c.table}\u0000${c.row}\u0000${c.column}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

/** The 无法核验 draft for comparisons with unreadable sides. */
export function unreadable(sides: readonly Value[]): Draft {
  const gone = sides.filter(isMissing).map((m) => m.missing);
  const cells = sides.flatMap((s) => (isMissing(s) ? [] : s.cells));
  return { message: `无法核验：无法读取${[...new Set(gone)].join('、')}`, cells, severity: 'unverifiable' };
}

/** a = b, or "<no>合计 2,685,855.90 元与<no>基本支出合计 2,685,855.89 元不一致，相差 0.01 元". */
export function equalDrafts(a: Value, b: Value, note = ''): Draft[] {
  if (isMissing(a) || isMissing(b)) return [unreadable([a, b])];
  if (a.fen === b.fen) return [];
  return [
    {
      message: `${a.label} ${yuan(a.fen)}与${b.label} ${yuan(b.fen)}不一致，相差 ${yuan(absDiff(a.fen, b.fen))}${note}`,
      cells: [...a.cells, ...b.cells],
    },
  ];
}

/** a ≤ b, or "A X 元超过 B Y 元，超出 Z 元". */
export function atMostDrafts(a: Value, b: Value, note = ''): Draft[] {
  if (isMissing(a) || isMissing(b)) return [unreadable([a, b])];
  if (a.fen <= b.fen) return [];
  return [
    {
      message: `${a.label} ${yuan(a.fen)}超过${b.label} ${yuan(b.fen)}，超出 ${yuan(absDiff(a.fen, b.fen))}${note}`,
      cells: [...a.cells, ...b.cells],
    },
  ];
}

/**
 * total = Σ parts: "<no>合计 总计 X 元不等于基本支出 Y 元与项目支出 Z 元之和 S 元，相差 D 元". With many parts
 * (or a `partsLabel`) they are named as a group: "…不等于其下各款之和 S 元".
 */
export function sumDrafts(total: Value, parts: readonly Value[], partsLabel?: string): Draft[] {
  if (isMissing(total) || parts.some(isMissing)) return [unreadable([total, ...parts])];
  const ps = parts as Amount[];
  const sum = sumFen(ps.map((p) => p.fen));
  if (sum === total.fen) return [];
  const named = partsLabel ?? `${ps.map((p) => `${p.label} ${yuan(p.fen)}`).join('、')}之和`;
  return [
    {
      message: `${total.label} ${yuan(total.fen)}不等于${named} ${yuan(sum)}，相差 ${yuan(absDiff(total.fen, sum))}`,
      cells: [...total.cells, ...ps.flatMap((p) => p.cells)],
    },
  ];
}
