/**
 * Differences between the generated narrative and a hand-edited one, for the 情况说明 view:
 * paragraphs (lines) are aligned first (LCS), then a paragraph changed in place is compared
 * character by character so a changed figure stands out.
 */

export interface DiffPart {
  type: 'same' | 'added' | 'removed';
  text: string;
}

export interface DiffLine {
  type: 'same' | 'added' | 'removed' | 'changed';
  generated?: string;
  edited?: string;
  /** For 'changed': the characters, generated → edited. */
  parts?: DiffPart[];
}

const lines = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Longest-common-subsequence alignment of two sequences: pairs of indices, in order. */
function lcs<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = eq(a[i]!, b[j]!) ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[i]!, b[j]!)) {
      out.push([i, j]);
      i++;
      j++;
    } else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) i++;
    else j++;
  }
  return out;
}

/** Tokens for a readable diff: a number (with its % sign) is one token, anything else one character. */
const tokens = (s: string) => s.match(/\d[\d,]*(?:\.\d+)?%?|[\s\S]/gu) ?? [];

/** Token diff of two strings (whole replacement when they are too long to align). */
export function diffChars(a: string, b: string): DiffPart[] {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length * y.length > 4_000_000) {
    return [
      { type: 'removed', text: a },
      { type: 'added', text: b },
    ];
  }
  const pairs = lcs(x, y, (p, q) => p === q);
  const parts: DiffPart[] = [];
  const push = (type: DiffPart['type'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.type === type) last.text += text;
    else parts.push({ type, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [x.length, y.length] as [number, number]]) {
    push('removed', x.slice(i, pi).join(''));
    push('added', y.slice(j, pj).join(''));
    if (pi < x.length) push('same', x[pi]!);
    i = pi + 1;
    j = pj + 1;
  }
  return parts;
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a.length * b.length > 4_000_000) return 0;
  const common = lcs([...a], [...b], (p, q) => p === q).length;
  return (2 * common) / (a.length + b.length);
}

/** Paragraph-level differences between the generated and the edited narrative. */
export function diffNarrative(generated: string, edited: string): DiffLine[] {
  const a = lines(generated);
  const b = lines(edited);
  const pairs = lcs(a, b, (p, q) => p === q);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  const flush = (ai: number, bj: number) => {
    const removed = a.slice(i, ai);
    const added = b.slice(j, bj);
    // Pair a removed and an added paragraph that are mostly alike: a paragraph edited in place.
    while (removed.length || added.length) {
      const r = removed[0];
      const d = added[0];
      if (r !== undefined && d !== undefined && similarity(r, d) >= 0.5) {
        out.push({ type: 'changed', generated: r, edited: d, parts: diffChars(r, d) });
        removed.shift();
        added.shift();
      } else if (r !== undefined && (d === undefined || !added.some((x) => similarity(r, x) >= 0.5))) {
        out.push({ type: 'removed', generated: r });
        removed.shift();
      } else {
        out.push({ type: 'added', edited: d! });
        added.shift();
      }
    }
  };
  for (const [pi, pj] of pairs) {
    flush(pi, pj);
    out.push({ type: 'same', generated: a[pi], edited: b[pj] });
    i = pi + 1;
    j = pj + 1;
  }
  flush(a.length, b.length);
  return out;
}
