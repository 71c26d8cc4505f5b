/**
 * Which of the seventeen tables a sheet is: by the title printed in its first rows (any order of
 * sheets, any sheet names), else by the sheet's name ('表五', '表5', a title), else by its header.
 * 表六/表七 and 表八/表九 share a title: the subtitle (部门/政府预算支出经济分类) or the header decides.
 */
import { halfWidth, labelKey, partOf, rowTexts, titleKey, yearIn, type SheetGrid } from './grid';
import { findHeader, type TemplateView } from './layout';

export interface Identified {
  grid: SheetGrid;
  view: TemplateView;
  via: 'title' | 'name' | 'header';
  /** Row of the title (null when identified by name or header). */
  titleRow: number | null;
  titleText: string | null;
  year: number | null;
}

export type SheetVerdict =
  | { kind: 'table'; id: Identified }
  | { kind: 'catalogue' }
  | { kind: 'empty' }
  | { kind: 'unknown'; sample: string };

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** '表五' → 5, '表十七' → 17, '表 5' → 5, '附表5' → 5. */
export function tableNumber(name: string): number | null {
  const m = /^(?:附)?表\s*([一二三四五六七八九十]+|\d{1,2})(?![\d一二三四五六七八九十])/.exec(halfWidth(name).trim());
  if (!m) return null;
  const s = m[1];
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_NUM[s[1]] ?? NaN);
  if (s.endsWith('十')) return (CN_NUM[s[0]] ?? NaN) * 10;
  if (s.length === 3 && s[1] === '十') return CN_NUM[s[0]] * 10 + CN_NUM[s[2]];
  return s.length === 1 ? CN_NUM[s] : null;
}

const TOP_ROWS = 8;

function topCells(grid: SheetGrid): { row: number; text: string }[] {
  const out: { row: number; text: string }[] = [];
  const first = grid.firstRow ?? 1;
  for (let r = first; r <= Math.min(grid.rowCount, first + TOP_ROWS - 1); r++) for (const c of rowTexts(grid, r)) out.push({ row: r, text: c.text });
  return out;
}

/** A short cell that is one of the tables' titles: the views it may be. */
function titleViews(text: string, views: readonly TemplateView[]): TemplateView[] {
  if (text.length > 80 || /^(部门全称|部门名称|编制单位|单位)[:：]/.test(text)) return [];
  return byCore(text, views);
}

/**
 * A sheet holding several tables one after another (all seventeen on one sheet) is cut at each
 * title into parts, each read as a sheet of its own. Blocks of 表十六/十七 under repeated titles
 * stay together; a 目录 (titles on consecutive rows) is not cut.
 */
export function splitSheet(grid: SheetGrid, views: readonly TemplateView[]): SheetGrid[] {
  const starts: { row: number; core: string; blocks: boolean }[] = [];
  for (let r = 1; r <= grid.rowCount; r++) {
    // The row's first cell that is a title (the cells after it are not looked at).
    let hit: TemplateView[] | undefined;
    for (const c of rowTexts(grid, r)) {
      const v = titleViews(c.text, views);
      if (v.length) {
        hit = v;
        break;
      }
    }
    if (!hit) continue;
    const prev = starts[starts.length - 1];
    const blocks = hit.every((v) => v.t.body.type === 'projectBlocks');
    if (prev && prev.core === hit[0].core && blocks) continue;
    if (prev && r - prev.row < 4) return [grid]; // a list of titles
    starts.push({ row: r, core: hit[0].core, blocks });
  }
  if (starts.length < 2) return [grid];
  return starts.map((s, i) => partOf(grid, i === 0 ? 1 : s.row, i + 1 < starts.length ? starts[i + 1].row - 1 : grid.rowCount));
}

/** The candidates whose title core the text contains, longest core first (收支预算总表 ⊂ 财政拨款收支预算总表). */
function byCore(text: string, views: readonly TemplateView[]): TemplateView[] {
  const key = titleKey(text);
  const hits = views.filter((v) => key.includes(v.core));
  const best = Math.max(0, ...hits.map((v) => v.core.length));
  return hits.filter((v) => v.core.length === best);
}

function schemeOf(texts: readonly string[]): 'department' | 'government' | null {
  for (const t of texts) {
    const k = labelKey(t);
    if (k.includes('部门预算支出经济分类') || k.includes('部门经济分类')) return 'department';
    if (k.includes('政府预算支出经济分类') || k.includes('政府经济分类')) return 'government';
  }
  return null;
}

/** Of two views with the same title, the one whose header the sheet carries best. */
function byHeader(grid: SheetGrid, candidates: readonly TemplateView[], year: number | null): TemplateView | null {
  let best: TemplateView | null = null;
  let bestScore = 0;
  for (const v of candidates) {
    const m = findHeader(grid, v, year);
    const score = m ? m.matched / v.t.columns.length : 0;
    if (score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}

function disambiguate(grid: SheetGrid, candidates: TemplateView[], texts: readonly string[], year: number | null): TemplateView | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const scheme = schemeOf(texts);
  const narrowed = scheme ? candidates.filter((v) => v.scheme === scheme) : candidates;
  if (narrowed.length === 1) return narrowed[0];
  return byHeader(grid, narrowed.length ? narrowed : candidates, year);
}

export function identifySheet(grid: SheetGrid, views: readonly TemplateView[]): SheetVerdict {
  const top = topCells(grid);
  if (top.length === 0) return { kind: 'empty' };
  const texts = top.map((c) => c.text);
  // A 目录 sheet lists the titles: by its name, its heading, or several titles in its first rows.
  const cores = new Set(top.flatMap((c) => byCore(c.text, views).map((v) => v.core)));
  if (grid.name.includes('目录') || texts.some((t) => labelKey(t).replace(/[（）]/g, '').endsWith('目录')) || cores.size >= 3) {
    return { kind: 'catalogue' };
  }
  // 1. The title printed in the sheet.
  for (const cell of top) {
    const candidates = titleViews(cell.text, views);
    if (!candidates.length) continue;
    const year = yearIn(cell.text);
    const view = disambiguate(grid, candidates, texts, year);
    if (view) return { kind: 'table', id: { grid, view, via: 'title', titleRow: cell.row, titleText: cell.text, year } };
  }
  // 2. The sheet's name.
  const no = tableNumber(grid.name);
  const named = no ? views.filter((v) => tableNumber(v.t.no) === no) : byCore(grid.name, views);
  const yearGuess = texts.map(yearIn).find((y) => y !== null) ?? null;
  if (named.length) {
    const view = disambiguate(grid, named, texts, yearGuess);
    if (view) return { kind: 'table', id: { grid, view, via: 'name', titleRow: null, titleText: null, year: yearGuess } };
  }
  // 3. The header alone (most of a template's header columns found).
  const withHeader = views.filter((v) => v.t.header.length > 0);
  let best: TemplateView | null = null;
  let bestScore = 0;
  let tie = false;
  for (const v of withHeader) {
    const m = findHeader(grid, v, yearGuess);
    const score = m ? m.matched / v.t.columns.length : 0;
    if (score > bestScore) {
      best = v;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) tie = true;
  }
  // Only an unambiguous header counts (表三, 表十一 and 表十二 have the same columns).
  if (best && !tie && bestScore >= 0.8) return { kind: 'table', id: { grid, view: best, via: 'header', titleRow: null, titleText: null, year: yearGuess } };
  return { kind: 'unknown', sample: texts.slice(0, 3).join(' ').slice(0, 40) };
}
