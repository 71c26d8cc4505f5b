/**
 * What the cell-by-cell rules (STR-08, FMT-01, FMT-02, FMT-03) look for in a table, found in one
 * pass over its cells and kept per table object (tables and rows are never mutated once made): a
 * table or row whose flags say it has none of what a rule looks for gives that rule nothing,
 * without the rule's own pass over its cells.
 */
import type { Row } from '../tables/types';
import { carried } from './lineage';

/**
 * True when `text` is exactly formatAmount(fen) for a whole fen ≥ 0 ('' for 0, '1,234.50'), read
 * digit by digit from the end without building the string (most amount cells are as derived).
 * False only means "not shown that way" (tests/unit/rules-format.test.ts).
 */
export function printsAmount(text: string, fen: number): boolean {
  if (fen === 0) return text === '';
  if (!Number.isSafeInteger(fen) || fen < 0) return false;
  let n = fen;
  let i = text.length - 1;
  for (let k = 0; k < 2; k++, i--) {
    if (i < 0 || text.charCodeAt(i) !== 48 + (n % 10)) return false;
    n = Math.floor(n / 10);
  }
  if (text.charCodeAt(i--) !== 46) return false; // '.'
  let digits = 0;
  do {
    if (digits > 0 && digits % 3 === 0 && text.charCodeAt(i--) !== 44) return false; // ','
    if (i < 0 || text.charCodeAt(i--) !== 48 + (n % 10)) return false;
    n = Math.floor(n / 10);
    digits++;
  } while (n > 0);
  return i === -1;
}

export const PLACEHOLDER = /X{2,}|x{2,}|×{2,}|某某|待填|待补|\{[^}]*\}|（略）|\(略\)|【请填写[^】]*】/;
/**
 * The characters PLACEHOLDER's alternatives start with: a text with none of them has no placeholder.
 * A character class (V8 scans it natively) rather than a 64K table per character: the table's CJK
 * entries miss the cache (measured: ~1.4 ms less over the large department's 45k text cells).
 */
const PLACEHOLDER_START = /[Xx×某待{（(【]/;

/** False when `text` has none of the characters PLACEHOLDER's alternatives start with (it cannot match). */
const mayHoldPlaceholder = (text: string): boolean => PLACEHOLDER_START.test(text);

/** PLACEHOLDER's first match in `text`, run only when a character it starts with is there (most texts have none). */
export function placeholderIn(text: string): string | null {
  if (!mayHoldPlaceholder(text)) return null;
  const m = PLACEHOLDER.exec(text);
  return m ? m[0] : null;
}

/** A money cell (not covered) that does not print its value as derived (FMT-01/FMT-02 look at it further). */
export const ODD_MONEY = 1;
/** A percent cell (not covered): FMT-03. */
export const PERCENT = 2;
/** A text cell (not money, percent or covered) with a character a placeholder starts with: STR-08. */
export const MAY_HOLD_PLACEHOLDER = 4;

/** A row's flags (ODD_MONEY | PERCENT | MAY_HOLD_PLACEHOLDER): one pass over its cells. */
function flagsOf(row: Row): number {
  let flags = 0;
  for (const c of row.cells) {
    if (c.covered) continue;
    if (c.kind === 'money') {
      if (c.fen === undefined || !printsAmount(c.text, c.fen)) flags |= ODD_MONEY;
    } else if (c.kind === 'percent') flags |= PERCENT;
    else if (c.text && mayHoldPlaceholder(c.text)) flags |= MAY_HOLD_PLACEHOLDER;
  }
  return flags;
}

export interface TableFlags {
  /** Per body row, by position. */
  rows: Uint8Array;
  /** The flags of any body row. */
  body: number;
  /** The flags of any header row. */
  header: number;
}

/**
 * A table's flags, per body row and in all. A table replacing another (lineage.ts) takes the old
 * one's flags for the rows it kept and computes only those of the rows it added.
 */
export const tableFlags = carried<TableFlags>((t, prior) => {
  const n = t.body.length;
  let rows: Uint8Array;
  if (prior?.diff.at && prior.value.rows.length === n) {
    rows = prior.value.rows.slice();
    for (const i of prior.diff.at) rows[i] = flagsOf(t.body[i]);
  } else if (prior) {
    // Kept rows are in their old order (rowDiff): walk both bodies, skipping the dropped rows.
    const old = prior.old.body;
    const was = prior.value.rows;
    const dropped = new Set(prior.diff.removed);
    rows = new Uint8Array(n);
    let j = 0;
    for (let i = 0; i < n; i++) {
      while (j < old.length && dropped.has(old[j])) j++;
      if (j < old.length && old[j] === t.body[i]) rows[i] = was[j++];
      else rows[i] = flagsOf(t.body[i]);
    }
  } else {
    rows = new Uint8Array(n);
    for (let i = 0; i < n; i++) rows[i] = flagsOf(t.body[i]);
  }
  let body = 0;
  for (let i = 0; i < n; i++) body |= rows[i];
  // Same frame (prior): the same header rows.
  let header = prior ? prior.value.header : 0;
  if (!prior) for (const row of t.header) header |= flagsOf(row);
  return { rows, body, header };
});
