/** Plain-text rendering of a derived table for the terminal: CJK characters count two columns. */
import type { DerivedTable } from '../shared/tables/types';
import { printedText } from '../shared/tables/derive';

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // East Asian wide and full-width ranges (CJK, punctuation, full-width forms).
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || cp === 0x201c || cp === 0x201d
      ? 2
      : 1;
  }
  return w;
}

const MAX_CELL = 40;

function clip(s: string): string {
  if (displayWidth(s) <= MAX_CELL) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > MAX_CELL - 1) break;
    out += ch;
  }
  return out + '…';
}

export function renderTextTable(t: DerivedTable): string {
  const rows = [...t.header, ...t.body].map((r) => r.cells.map((c) => clip(c.text.replace(/\s*\n\s*/g, ' '))));
  const kinds = t.columns.map((c) => c.kind);
  const widths = t.columns.map((_, i) => Math.max(2, ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (s: string, i: number, header: boolean) => {
    const gap = ' '.repeat(widths[i] - displayWidth(s));
    return !header && (kinds[i] === 'money' || kinds[i] === 'percent') ? gap + s : s + gap;
  };
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const lines = [`${t.no}  ${t.title}`, ...printedText(t).filter((l) => !l.startsWith('备注')), rule];
  const headerCount = t.header.length;
  rows.forEach((r, i) => {
    lines.push(r.map((s, c) => pad(s, c, i < headerCount)).join(' │ ').trimEnd());
    if (i === headerCount - 1) lines.push(rule);
  });
  lines.push(rule);
  if (t.note) lines.push(t.note);
  return lines.join('\n');
}
