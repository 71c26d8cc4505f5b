/**
 * What the importer needs to know of a template to recognise its sheet: the title's core (without
 * '{year}年{district}部门'), the header texts column by column, and which columns are entered
 * inputs (required) and which are derived (compared only).
 */
import type { TableTemplate, TemplateSet } from '../tables/template-types';
import { colLetter, labelKey, titleKey, type SheetGrid } from './grid';

export interface TemplateView {
  t: TableTemplate;
  /** '收支预算总表', '一般公共预算财政拨款基本支出预算表' … (title key). */
  core: string;
  /** 'department' | 'government' for 表六–表九 (their titles are equal two by two). */
  scheme: 'department' | 'government' | null;
  /** Per template column: the header texts from top to bottom (labelKey, relative years), deduplicated. */
  paths: string[][];
  /** Every header text (labelKey). */
  texts: Set<string>;
}

/** Header spellings seen in published tables for the template's words (labelKey → template labelKey). */
const HEADER_ALIASES: Record<string, string> = {
  科目代码: '科目编码',
  功能科目编码: '科目编码',
  功能分类科目编码: '科目编码',
  经济科目编码: '科目编码',
  经济分类科目编码: '科目编码',
  科目编号: '科目编码',
  编码: '科目编码',
  功能科目名称: '科目名称',
  功能分类科目名称: '科目名称',
  经济科目名称: '科目名称',
  经济分类科目名称: '科目名称',
  公用经费: '日常公用经费',
  因公出国境费: '因公出国（境）费',
  公务用车购置及运行维护费: '公务用车购置及运行费',
  公务用车运行维护费: '公务用车运行费',
  总计: '合计',
};

export function headerKey(text: string, year: number | null): string {
  const k = labelKey(text, year);
  return HEADER_ALIASES[k] ?? k;
}

function relativeYears(text: string): string {
  return text.replaceAll('{year}年', '本年').replaceAll('{prior}年', '上年').replaceAll('{year}', '本年').replaceAll('{prior}', '上年');
}

export function viewOf(t: TableTemplate): TemplateView {
  const n = t.columns.length;
  const h = t.header.length;
  const grid: string[][] = Array.from({ length: h }, () => new Array<string>(n).fill(''));
  const taken: boolean[][] = Array.from({ length: h }, () => new Array<boolean>(n).fill(false));
  t.header.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < n && taken[r][c]) c++;
      const text = headerKey(relativeYears(cell.text), null);
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < h; dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1) && c + dc < n; dc++) {
          grid[r + dr][c + dc] = text;
          taken[r + dr][c + dc] = true;
        }
      }
      c += cell.colSpan ?? 1;
    }
  });
  const paths = t.columns.map((_, c) => dedupe(grid.map((row) => row[c]).filter((x) => x !== '')));
  const core = titleKey(t.title.replace(/^\{year\}年\{district\}部门/, '').replace(/^\{year\}年/, ''));
  const scheme = t.subtitle?.includes('部门预算') ? 'department' : t.subtitle?.includes('政府预算') ? 'government' : null;
  return { t, core, scheme, paths, texts: new Set(grid.flat().filter((x) => x !== '')) };
}

export function dedupe(path: string[]): string[] {
  return path.filter((x, i) => i === 0 || x !== path[i - 1]);
}

export function viewsOf(set: TemplateSet): TemplateView[] {
  return set.tables.map(viewOf);
}

// ---------------------------------------------------------------- the header of a sheet

export interface HeaderMatch {
  first: number; // first header row (1-based)
  last: number; // last header row
  /** template column key → sheet column (1-based) */
  colOf: Map<string, number>;
  /** template column key → the header text printed over it (for messages) */
  labelOf: Map<string, string>;
  /** how many template columns found a sheet column */
  matched: number;
  /** Why the columns cannot be told apart (a refusal), or null. */
  ambiguous: string | null;
  /** The code printed in columns 类/款/项 (left to right) instead of one code column. */
  codeParts: number[] | null;
}

/** Sub-headings of a code split into columns (Chongqing templates: 科目编码 over 类 / 款 / 项). */
const CODE_PARTS = ['类', '款', '项'];

/**
 * The printed header text over (r, c), merges spread over their cells and a group heading spread
 * rightwards over the empty, unmerged cells next to it that head columns of their own below
 * ("2023年预算数" printed once over six columns without a merge, as in the published seed).
 */
function headerText(grid: SheetGrid, last: number): (r: number, c: number) => string {
  const memo = new Map<string, string>();
  const below = (r: number, c: number) => {
    for (let x = r + 1; x <= last; x++) if (grid.shown(x, c)) return true;
    return false;
  };
  const at = (r: number, c: number): string => {
    const key = `${r},${c}`;
    if (memo.has(key)) return memo.get(key)!;
    let text = grid.shown(r, c);
    if (!text && r < last && c > 1 && !grid.cell(r, c).covered && below(r, c) && below(r, c - 1)) text = at(r, c - 1);
    memo.set(key, text);
    return text;
  };
  return at;
}

function sheetPath(at: (r: number, c: number) => string, first: number, last: number, col: number, year: number | null): string[] {
  const out: string[] = [];
  for (let r = first; r <= last; r++) {
    const text = at(r, col);
    if (text) out.push(headerKey(text, year));
  }
  return dedupe(out);
}

function rowTextKeys(grid: SheetGrid, row: number, year: number | null): string[] {
  const out: string[] = [];
  for (let c = 1; c <= grid.colCount; c++) {
    const x = grid.cell(row, c);
    if (!x.covered && x.text !== '') out.push(headerKey(x.text, year));
  }
  return out;
}

function rowHeaderHits(grid: SheetGrid, row: number, view: TemplateView, year: number | null): { hits: number; others: number } {
  let hits = 0;
  let others = 0;
  for (let c = 1; c <= grid.colCount; c++) {
    const x = grid.cell(row, c);
    if (x.covered || x.text === '') continue;
    if (view.texts.has(headerKey(x.text, year))) hits++;
    else others++;
  }
  return { hits, others };
}

/**
 * Finds the template's header in the sheet from `from` on: the first row holding at least two of the
 * template's header texts (one for a one-column header), extended down over rows made of header texts.
 */
export function findHeader(grid: SheetGrid, view: TemplateView, year: number | null, from = grid.firstRow ?? 1, to = Math.min(grid.rowCount, from + 39)): HeaderMatch | null {
  const need = Math.min(2, view.texts.size);
  if (need === 0) return null;
  for (let r = from; r <= to; r++) {
    const { hits } = rowHeaderHits(grid, r, view, year);
    if (hits < need) continue;
    let last = r;
    while (last + 1 <= grid.rowCount && last - r + 1 < view.t.header.length + 2) {
      const next = rowHeaderHits(grid, last + 1, view, year);
      if (next.others > 0 && !rowTextKeys(grid, last + 1, year).every((k) => view.texts.has(k) || CODE_PARTS.includes(k))) break;
      // An empty table's 合计 row (nothing but '合计') is body, not header.
      if (next.hits === 1 && rowTextKeys(grid, last + 1, year).includes('合计')) break;
      // A row of covered cells only (the second row of vertical merges) also belongs to the header.
      let coveredOnly = next.hits === 0;
      if (coveredOnly) {
        coveredOnly = false;
        for (let c = 1; c <= grid.colCount; c++) {
          const x = grid.cell(last + 1, c);
          if (x.covered && x.masterRow <= last && x.masterRow >= r) coveredOnly = true;
        }
        if (!coveredOnly) break;
      }
      last++;
    }
    return matchColumns(grid, view, year, r, last);
  }
  return null;
}

/** How well a printed header path fits a template column's: 3 the same, 2 or 1 the leaf and the levels they share, 0 not at all. */
function fit(sp: readonly string[], tp: readonly string[]): number {
  const leaf = (p: readonly string[]) => p[p.length - 1];
  if (!tp.length || !sp.length) return 0;
  if (sp.length === tp.length && sp.every((x, i) => x === tp[i])) return 3;
  if (leaf(sp) !== leaf(tp)) return 0;
  if (tp.every((x) => sp.includes(x))) return 2;
  if (sp.every((x) => tp.includes(x))) return 1;
  return 0;
}

/**
 * The best monotone assignment of printed columns to template columns (both keep their order; a
 * template column may be missing, a printed one extra): a dynamic programme over the two sequences.
 * `banned` excludes one pair (to find out whether another assignment is as good).
 */
function align(scores: number[][], banned: [number, number] | null): { score: number; pairs: [number, number][] } {
  const n = scores.length;
  const m = n ? scores[0].length : 0;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let j = n - 1; j >= 0; j--) {
    for (let s = m - 1; s >= 0; s--) {
      const ok = scores[j][s] > 0 && !(banned && banned[0] === j && banned[1] === s);
      best[j][s] = Math.max(best[j + 1][s], best[j][s + 1], ok ? scores[j][s] + best[j + 1][s + 1] : 0);
    }
  }
  const pairs: [number, number][] = [];
  let j = 0;
  let s = 0;
  while (j < n && s < m) {
    const ok = scores[j][s] > 0 && !(banned && banned[0] === j && banned[1] === s);
    if (ok && best[j][s] === scores[j][s] + best[j + 1][s + 1]) pairs.push([j++, s++]);
    else if (best[j][s] === best[j + 1][s]) j++;
    else s++;
  }
  return { score: best[0][0], pairs };
}

function matchColumns(grid: SheetGrid, view: TemplateView, year: number | null, first: number, last: number): HeaderMatch {
  const at = headerText(grid, last);
  const sheetCols: { c: number; path: string[] }[] = [];
  for (let c = 1; c <= grid.colCount; c++) {
    const path = sheetPath(at, first, last, c, year);
    if (path.length) sheetCols.push({ c, path });
  }
  const scores = view.t.columns.map((_, j) => sheetCols.map((s) => fit(s.path, view.paths[j])));
  const { score, pairs } = align(scores, null);
  const colOf = new Map<string, number>();
  const labelOf = new Map<string, string>();
  for (const [j, s] of pairs) {
    const c = sheetCols[s].c;
    colOf.set(view.t.columns[j].key, c);
    // The leaf as printed (the bottom-most text over the column).
    let label = '';
    for (let r = last; r >= first && !label; r--) label = grid.shown(r, c);
    labelOf.set(view.t.columns[j].key, label.replace(/\s+/g, ''));
  }
  // Another assignment as good that puts a column elsewhere: the header does not say which it is.
  let ambiguous: string | null = null;
  for (const pair of pairs) {
    const alt = align(scores, pair);
    if (alt.score < score) continue;
    const [j] = pair;
    const other = alt.pairs.find(([x]) => x === j);
    const cols = [sheetCols[pair[1]].c, ...(other ? [sheetCols[other[1]].c] : [])].map(colLetter);
    ambiguous = `“${view.paths[j].join('/')}”列可以是第 ${cols.join('、')} 列${other ? '' : '或不在表中'}，表头无法确定`;
    break;
  }
  // No code column: the code split over 类/款/项 columns, or printed with the name in one cell.
  let codeParts: number[] | null = null;
  const hasCode = view.t.columns.some((c) => c.key === 'code');
  if (hasCode && !colOf.has('code')) {
    const used = new Set(colOf.values());
    const parts = sheetCols.filter((s) => !used.has(s.c) && CODE_PARTS.includes(s.path[s.path.length - 1]));
    if (parts.length >= 2 && parts[0].path.at(-1) === '类') {
      codeParts = parts.map((p) => p.c);
      colOf.set('code', codeParts[0]);
      labelOf.set('code', '科目编码');
    } else if (colOf.has('name')) {
      colOf.set('code', colOf.get('name')!);
      labelOf.set('code', labelOf.get('name')!);
    }
  }
  return { first, last, colOf, labelOf, matched: colOf.size, ambiguous, codeParts };
}
