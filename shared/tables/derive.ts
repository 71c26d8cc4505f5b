/**
 * The interpreter: a TemplateSet + a Budget → every printed table, strings exactly as printed.
 * Pure and cheap: it is re-run on every edit (DESIGN §3: derived tables are never stored).
 */
import { addFen, formatAmount, formatChangePercentTable, sumFen, type Fen } from '../money/money';
import type { Catalog, Scheme } from '../catalog/catalog';
import type { Budget, EconScheme, FunctionLine, Indicator, Project, SourceKey, SpendKind, YearSlot } from '../model/types';
import { APPROPRIATION_FUNDS, SOURCES, THREE_PUBLIC_ITEMS, type ThreePublicItem } from '../model/types';
import { fillFrame, frameOf, type Frame } from './layout';
import type { Cell, CellKind, ColumnDef, DerivedTable, InputRef, Row, RowRole } from './types';
import type {
  BodyDef,
  EconColumn,
  Expr,
  FormBinding,
  FormRowDef,
  FunctionColumn,
  IndicatorBlockDef,
  SummarySide,
  TableTemplate,
  TemplateSet,
} from './template-types';
import { addTo } from '../arrays';

export interface DeriveContext {
  catalog: Catalog;
  templates: TemplateSet;
}

/** Codes in 部门经济分类 that are 人员经费 (DESIGN §2: 301 + 303); everything else is 公用经费. */
const PERSONNEL_CLASSES: readonly string[] = ['301', '303'];

/** Whether a 部门经济分类 code (any level) is 人员经费 rather than 公用经费 (表六, narrative, GRN-06). */
export function isPersonnelCode(code: string): boolean {
  return PERSONNEL_CLASSES.includes(code.slice(0, 3));
}

export function fillTitle(pattern: string, budget: Budget): string {
  return pattern
    .replaceAll('{year}', String(budget.meta.year))
    .replaceAll('{prior}', String(budget.meta.year - 1))
    .replaceAll('{district}', budget.meta.district);
}

const ECON_SCHEME: Record<EconScheme, Scheme> = { department: 'econ-department', government: 'econ-government' };

/** A code's printed name: the file's own spelling if it has one, else the catalog's. */
export function codeName(budget: Budget, catalog: Catalog, scheme: Scheme, code: string): string {
  // Most files rename nothing: skip building and looking up a key per row then.
  if (hasKeys(budget.nameOverrides)) {
    const own = budget.nameOverrides[`${scheme}:${code}`];
    if (own !== undefined && own !== null) return own;
  }
  return catalog.name(scheme, code) ?? '';
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

interface LineFilter {
  sources?: readonly SourceKey[];
  kind?: SpendKind;
  year?: YearSlot;
}

function lineMatches(line: FunctionLine, f: LineFilter): boolean {
  return (!f.sources || f.sources.includes(line.source)) && (!f.kind || line.kind === f.kind);
}

function lineAmount(line: FunctionLine, f: LineFilter): Fen {
  return f.year === 'prior' ? line.prior : line.current;
}

export function spend(lines: readonly FunctionLine[], f: LineFilter, codePrefix = ''): Fen {
  let total = 0;
  for (const line of lines) {
    if (codePrefix && !line.code.startsWith(codePrefix)) continue;
    if (lineMatches(line, f)) total += lineAmount(line, f);
  }
  return total;
}

/** 机关运行经费: 表七 (government scheme, 基本支出) amounts under the profile's classes (502). */
export function operatingCostOf(budget: Budget, classes: readonly string[]): Fen {
  return sumFen(
    budget.econLines
      .filter((l) => l.scheme === 'government' && l.kind === 'basic' && classes.some((c) => l.code.startsWith(c)))
      .map((l) => l.amount),
  );
}

export function evalExpr(budget: Budget, expr: Expr, codePrefix = ''): Fen {
  if ('spend' in expr) return spend(budget.functionLines, expr.spend, codePrefix);
  let total = 0;
  if ('carryForward' in expr) {
    if (codePrefix) return 0; // 结转下年 is not classified by function
    for (const k of expr.carryForward === 'all' ? SOURCES : expr.carryForward) total = addFen(total, budget.carryForward[k] ?? 0);
    return total;
  }
  for (const e of expr.sum) total = addFen(total, evalExpr(budget, e, codePrefix));
  return total;
}

// One object literal per cell, all its fields at once (a field added later costs a second object).
const moneyCell = (col: string, fen: Fen, input?: InputRef): Cell =>
  input ? { text: formatAmount(fen), kind: 'money', col, fen, input } : { text: formatAmount(fen), kind: 'money', col, fen };

const textCell = (col: string, text: string, input?: InputRef): Cell => (input ? { text, kind: 'text', col, input } : { text, kind: 'text', col });

/** Frames of template headers (by the header's definition and width: templates are data, never edited). */
const headerFrames = new WeakMap<TableTemplate['header'], Map<number, Frame>>();

function headerRows(t: TableTemplate, budget: Budget): Row[] {
  let byWidth = headerFrames.get(t.header);
  if (!byWidth) headerFrames.set(t.header, (byWidth = new Map()));
  let frame = byWidth.get(t.columns.length);
  if (!frame) byWidth.set(t.columns.length, (frame = frameOf(t.header, t.columns.length)));
  const cells = fillFrame(frame, t.columns, (r, i, col): Cell => {
    const h = t.header[r][i];
    const cell: Cell = { text: fillTitle(h.text, budget), kind: 'label', col };
    if (h.colSpan !== undefined) cell.colSpan = h.colSpan;
    if (h.rowSpan !== undefined) cell.rowSpan = h.rowSpan;
    return cell;
  });
  return cells.map((row, i) => ({ key: `header:${i}`, role: 'header', level: 0, cells: row }));
}

// ---------------------------------------------------------------- function tree (表二三五十一十二)

type FunctionTreeBody = Extract<BodyDef, { type: 'functionTree' }>;
type MoneyColumn = Extract<FunctionColumn, { kind: 'money' }>;

/** A function tree's rows in print order, by key; a row not `wanted` is null (not built). */
export interface FunctionTreeRows {
  keys: string[];
  rows: (Row | null)[];
}

interface TreeShape {
  moneyCols: MoneyColumn[];
  /** The sources the money columns read (a column without a filter reads every source). */
  tableSources: Set<SourceKey>;
  /** Whether some column prints this year's, last year's amounts. */
  current: boolean;
  prior: boolean;
  priorCol: boolean[];
  /** Per body column, the index in moneyCols of the value it prints (a percent: of its current year). */
  valueAt: number[];
  /** Per body column, a percent's prior-year value index (-1 for a money column). */
  priorAt: number[];
  /** Per money column, its body column's index (where a row's cell holds its value). */
  moneyAt: number[];
  /** Per source and kind, the money columns a line of them adds to (filled as lines come). */
  columnsOf: Map<SourceKey, Record<SpendKind, number[] | null>>;
}

/** What a function tree's columns read, once per template body (templates are data, never edited). */
const treeShapes = new WeakMap<FunctionTreeBody, TreeShape>();

function treeShape(body: FunctionTreeBody): TreeShape {
  let shape = treeShapes.get(body);
  if (!shape) {
    const moneyCols = body.columns.filter((c): c is MoneyColumn => c.kind === 'money');
    shape = {
      moneyCols,
      tableSources: new Set<SourceKey>(moneyCols.flatMap((c) => c.value.sources ?? SOURCES)),
      current: moneyCols.some((c) => c.value.year === 'current'),
      prior: moneyCols.some((c) => c.value.year === 'prior'),
      priorCol: moneyCols.map((c) => c.value.year === 'prior'),
      valueAt: [],
      priorAt: [],
      moneyAt: [],
      columnsOf: new Map(),
    };
    const colIndex = new Map(moneyCols.map((c, i) => [c.key, i]));
    body.columns.forEach((c, i) => {
      shape!.valueAt.push(colIndex.get(c.kind === 'percent' ? c.change.current : c.key)!);
      shape!.priorAt.push(c.kind === 'percent' ? colIndex.get(c.change.prior)! : -1);
      if (c.kind === 'money') shape!.moneyAt.push(i);
    });
    treeShapes.set(body, shape);
  }
  return shape;
}

/**
 * The rows of a function tree. One pass over the lines sums every row's columns (a row sums the
 * lines whose code starts with its key); only the `wanted` rows are then built and formatted, so an
 * incremental re-derivation of three rows does not build the other thousand.
 *
 * `old`: the rows of this template's table being replaced, by key (a patch's). A built row's cells
 * equal to the old row's are the old cell objects, and a row whose every cell is equal is the old
 * row itself: an edit of one amount changes a column or two of three rows, and what did not change
 * is not made again (nor kept as new state).
 */
export function functionTreeRows(
  t: TableTemplate,
  budget: Budget,
  ctx: DeriveContext,
  wanted?: (key: string) => boolean,
  old?: (key: string) => Row | undefined,
): FunctionTreeRows {
  if (t.body.type !== 'functionTree') throw new Error(`${t.no}不是功能分类表`);
  const body = t.body;
  const lines = budget.functionLines;
  const shape = treeShape(body);
  const { moneyCols, tableSources, current, prior, priorCol, valueAt, priorAt, moneyAt } = shape;

  // A 项 row shows when it has money in a printed column, or is a freshly added, still empty line:
  // per code, bit 1 = a line of the table's sources, 2 = one with printed money, 4 = one with any money.
  const state = new Map<string, number>();
  for (const l of lines) {
    if (!tableSources.has(l.source)) continue;
    const was = state.get(l.code) ?? 0;
    const now = was | 1 | ((current && l.current !== 0) || (prior && l.prior !== 0) ? 2 : 0) | (l.current !== 0 || l.prior !== 0 ? 4 : 0);
    if (now !== was) state.set(l.code, now);
  }
  const codes: string[] = [];
  state.forEach((bits, code) => {
    if (bits & 1 && (bits & 2 || !(bits & 4))) codes.push(code);
  });
  // Lines mostly come in code order: sorting (which copies the list) only when they do not.
  if (!isSorted(codes)) codes.sort();

  const keys = ['total'];
  const roles: RowRole[] = ['total'];
  const lengths = new Set<number>();
  let lastClass = '';
  let lastSegment = '';
  for (const code of codes) {
    // Codes are sorted: most share the previous code's 类 and 款 (no two strings sliced per code).
    const cls = lastClass.length === 3 && code.startsWith(lastClass) ? lastClass : code.slice(0, 3);
    const seg = lastSegment.length === 5 && code.startsWith(lastSegment) ? lastSegment : code.slice(0, 5);
    if (cls !== lastClass) keys.push(cls), roles.push('class'), lengths.add(cls.length);
    if (seg !== lastSegment) keys.push(seg), roles.push('segment'), lengths.add(seg.length);
    keys.push(code), roles.push('item'), lengths.add(code.length);
    lastClass = cls;
    lastSegment = seg;
  }

  const width = moneyCols.length;
  const sums = new Map<string, Fen[]>();
  for (const k of keys) if (!sums.has(k) && (!wanted || wanted(k))) sums.set(k, new Array<Fen>(width).fill(0));
  const total = sums.get('total');
  // A few wanted rows (a patch): each one's key is tested as a prefix of a code (no key sliced,
  // no list or map entry per code).
  const few = !!wanted && sums.size <= 8;
  // Per code, the sums its lines add to (the wanted rows whose key is a prefix of it; not for a few rows).
  const targetsOf = few ? null : new Map<string, Fen[][]>();
  const fewKeys: string[] = [];
  const fewSums: Fen[][] = [];
  if (few) {
    sums.forEach((s, k) => {
      if (k !== 'total') fewKeys.push(k), fewSums.push(s);
    });
  }
  // Their targets are refilled in one array (used only until the next code's).
  const scratch: Fen[][] = [];
  const targetsFor = (code: string): Fen[][] => {
    if (few) {
      scratch.length = 0;
      if (total) scratch.push(total);
      for (let i = 0; i < fewKeys.length; i++) if (code.startsWith(fewKeys[i])) scratch.push(fewSums[i]);
      return scratch;
    }
    const out = total ? [total] : [];
    for (const n of lengths) {
      if (n > code.length) continue;
      const s = sums.get(n === code.length ? code : code.slice(0, n));
      if (s) out.push(s);
    }
    return out;
  };
  // Per source and kind, the money columns a line adds to (kept on the template's shape).
  const columnsOf = shape.columnsOf;
  const columnsFor = (line: FunctionLine): number[] => {
    const out: number[] = [];
    for (let c = 0; c < width; c++) if (lineMatches(line, moneyCols[c].value)) out.push(c);
    return out;
  };
  // The lines of each wanted 项's own code, for its input cells.
  const own = new Map<string, FunctionLine[]>();
  let lastCode: string | null = null;
  let targets: Fen[][] = [];
  let wantedItem = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const code = line.code;
    // Lines of one code mostly come together: the previous line's targets then serve.
    if (code !== lastCode) {
      lastCode = code;
      let found = few ? targetsFor(code) : targetsOf!.get(code);
      if (!found) targetsOf!.set(code, (found = targetsFor(code)));
      targets = found;
      wantedItem = sums.has(code);
    }
    if (targets.length === 0) continue;
    if (wantedItem) addTo(own, code, line);
    let bySource = columnsOf.get(line.source);
    if (!bySource) {
      bySource = { basic: null, project: null };
      // (a fund the model does not know is not kept: the shape's map stays as small as SOURCES)
      if (SOURCE_INDEX.has(line.source)) columnsOf.set(line.source, bySource);
    }
    const cols = (bySource[line.kind] ??= columnsFor(line));
    // (indexed loops: no iterator per line)
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const amount = priorCol[c] ? line.prior : line.current;
      for (let j = 0; j < targets.length; j++) targets[j][c] += amount;
    }
  }

  // A row's cells in one array of its final length (no mapped array spread into another); `was`:
  // the old row of the key, whose equal cells are taken as they are (null: every cell was).
  const cols = body.columns;
  const width2 = cols.length + 2;
  const rowCells = (was: Row | undefined, firstText: string, firstKind: CellKind, name: string, values: readonly Fen[], code: string | null): Cell[] | null => {
    const prev = was && was.cells.length === width2 ? was.cells : null;
    let cells: Cell[] | null = null;
    cells = place(cells, prev, 0, textCellOver(prev?.[0], firstText, firstKind, codeCol), width2);
    cells = place(cells, prev, 1, textCellOver(prev?.[1], name, 'name', nameCol), width2);
    const ownLines = code ? (own.get(code) ?? []) : null;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const p = prev?.[i + 2];
      const v = values[valueAt[i]];
      let cell: Cell;
      if (c.kind === 'percent') {
        const pv = values[priorAt[i]];
        // A percent reads two money cells of the row: the same amounts there print the same percent
        // (else it is formatted, and may still print the same).
        const like = !!p && p.kind === 'percent' && p.col === c.key && fieldCount(p) === 3;
        if (like && prev![moneyAt[valueAt[i]] + 2].fen === v && prev![moneyAt[priorAt[i]] + 2].fen === pv) cell = p!;
        else {
          const text = formatChangePercentTable(v, pv);
          cell = like && p!.text === text ? p! : { text, kind: 'percent', col: c.key };
        }
      } else {
        const input = ownLines && c.input ? functionInput(c, code!, ownLines) : undefined;
        const same = isMoneyCellOf(p, c.key, v, !!input) && (!input || sameInputRef(p!.input!, input));
        cell = same ? p : moneyCell(c.key, v, input);
      }
      cells = place(cells, prev, i + 2, cell, width2);
    }
    return cells;
  };
  const codeCol = t.columns[0].key;
  const nameCol = t.columns[1].key;
  const rows = keys.map((key, i): Row | null => {
    const values = sums.get(key);
    if (!values) return null;
    const role = roles[i];
    const was = old?.(key);
    const level = role === 'total' ? 0 : role === 'class' ? 1 : role === 'segment' ? 2 : 3;
    const cells =
      role === 'total'
        ? rowCells(was, body.totalLabel, 'label', '', values, null)
        : rowCells(was, key, 'code', codeName(budget, ctx.catalog, 'function', key), values, role === 'item' ? key : null);
    if (!cells) {
      // Every cell the old one: the old row, when it is the same row.
      if (was!.key === key && was!.role === role && was!.level === level && fieldCount(was!) === 4) return was!;
      return { key, role, level, cells: was!.cells };
    }
    return { key, role, level, cells };
  });
  return { keys, rows };
}

/**
 * Puts `cell` at `i` of a row's cells being built over `prev` (the old row's): null while every
 * cell so far is the old one; the array is made, the old cells before `i` copied, at the first
 * that is not.
 */
function place(cells: Cell[] | null, prev: readonly Cell[] | null, i: number, cell: Cell, width: number): Cell[] | null {
  if (cells) cells[i] = cell;
  else if (!prev || prev[i] !== cell) {
    cells = new Array<Cell>(width);
    for (let k = 0; k < i; k++) cells[k] = prev![k];
    cells[i] = cell;
  }
  return cells;
}

/** The cell { text, kind, col }: `p` itself when it is exactly that cell (no field more), else a new one. */
function textCellOver(p: Cell | undefined, text: string, kind: CellKind, col: string): Cell {
  return p && p.text === text && p.kind === kind && p.col === col && fieldCount(p) === 3 ? p : { text, kind, col };
}

/** Whether `p` has exactly the fields moneyCell writes for `col` and `fen`, with an input or without (the caller compares the input). */
function isMoneyCellOf(p: Cell | undefined, col: string, fen: Fen, withInput: boolean): p is Cell {
  return !!p && p.kind === 'money' && p.col === col && p.fen === fen && (withInput ? !!p.input : p.input === undefined) && fieldCount(p) === (withInput ? 5 : 4);
}

/** Same function input (the only kind a function tree's cell holds), field by field. */
function sameInputRef(a: InputRef, b: InputRef): boolean {
  if (a === b) return true;
  if (a.t !== 'function' || b.t !== 'function') return false;
  return a.code === b.code && a.kind === b.kind && a.source === b.source && a.year === b.year && fieldCount(a) === fieldCount(b);
}

/** Whether strings are in ascending order (as sort() would put them). */
function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1] > list[i]) return false;
  return true;
}

function functionTree(t: TableTemplate, budget: Budget, ctx: DeriveContext): Row[] {
  return functionTreeRows(t, budget, ctx).rows as Row[];
}

/** The single input a 项 cell shows, or none when several inputs add up to it. */
function functionInput(c: FunctionColumn, code: string, own: readonly FunctionLine[]): InputRef | undefined {
  if (c.kind !== 'money' || !c.input) return undefined;
  const input = c.input;
  // The lines of this very code that the column sums.
  let kind = input.kind;
  if (!kind) {
    for (const l of own) {
      if (!lineMatches(l, c.value)) continue;
      if (kind === undefined) kind = l.kind;
      else if (kind !== l.kind) return undefined; // lines of both kinds add up to it
    }
    if (!kind) return undefined;
  }
  for (const l of own) {
    if (lineMatches(l, c.value) && !(l.source === input.source && l.kind === kind) && lineAmount(l, input) !== 0) return undefined;
  }
  return { t: 'function', code, kind, source: input.source, year: input.year };
}

// ---------------------------------------------------------------- economic tree (表六–表九)

/** `old`: the rows of the table this one replaces; a row equal to its old one (same place and key) is that object, a re-built row keeps its old cells that come out the same. */
function econTree(t: TableTemplate, body: Extract<BodyDef, { type: 'econTree' }>, budget: Budget, ctx: DeriveContext, old?: readonly Row[]): Row[] {
  const lines = budget.econLines.filter((l) => l.scheme === body.scheme && l.kind === body.kind);
  const scheme = ECON_SCHEME[body.scheme];
  const part = (col: EconColumn, code: string, amount: Fen): Fen => {
    if (col.part === 'all') return amount;
    return (col.part === 'personnel') === isPersonnelCode(code) ? amount : 0;
  };
  // Rows in print order: 合计, then each 类 before its 款.
  const keys: { key: string; role: RowRole }[] = [{ key: 'total', role: 'total' }];
  let lastClass = '';
  for (const code of [...new Set(lines.map((l) => l.code))].sort()) {
    const cls = code.slice(0, 3);
    if (cls !== lastClass) keys.push({ key: cls, role: 'class' });
    keys.push({ key: code, role: 'item' });
    lastClass = cls;
  }
  // Every row's sums in one pass: a row sums the lines whose code starts with its key, in order.
  const sums = new Map<string, Fen[]>();
  for (const k of keys) if (!sums.has(k.key)) sums.set(k.key, body.columns.map(() => 0));
  const total = sums.get('total')!;
  const lengths = [...new Set(keys.slice(1).map((k) => k.key.length))];
  for (const l of lines) {
    const targets = [total];
    for (const n of lengths) {
      const s = n <= l.code.length ? sums.get(n === l.code.length ? l.code : l.code.slice(0, n)) : undefined;
      if (s) targets.push(s);
    }
    for (let c = 0; c < body.columns.length; c++) {
      const v = part(body.columns[c], l.code, l.amount);
      for (const s of targets) s[c] = addFen(s[c], v);
    }
  }
  const codeCol = t.columns[0].key;
  const nameCol = t.columns[1].key;
  const cols = body.columns;
  const width = cols.length + 2;
  // A row's cells in one array of its final length (no mapped array spread into another); the old
  // row's cells that come out the same are taken as they are (null: every one was).
  const econCells = (role: RowRole, key: string, values: readonly Fen[], was: Row | undefined): Cell[] | null => {
    const prev = was && was.cells.length === width ? was.cells : null;
    let cells: Cell[] | null = null;
    const firstText = role === 'total' ? body.totalLabel : key;
    const firstKind: CellKind = role === 'total' ? 'label' : 'code';
    cells = place(cells, prev, 0, textCellOver(prev?.[0], firstText, firstKind, codeCol), width);
    const name = role === 'total' ? '' : codeName(budget, ctx.catalog, scheme, key);
    cells = place(cells, prev, 1, textCellOver(prev?.[1], name, 'name', nameCol), width);
    const editable = role === 'item';
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const v = values[i];
      const input = editable && !!c.editable;
      const p = prev?.[i + 2];
      const pin = p?.input;
      const same =
        isMoneyCellOf(p, c.key, v, input) &&
        (!input || (pin!.t === 'econ' && pin!.scheme === body.scheme && pin!.kind === body.kind && pin!.code === key && fieldCount(pin!) === 4));
      cells = place(cells, prev, i + 2, same ? p! : moneyCell(c.key, v, input ? { t: 'econ', scheme: body.scheme, kind: body.kind, code: key } : undefined), width);
    }
    return cells;
  };
  return keys.map(({ key, role }, i): Row => {
    const values = sums.get(key)!;
    const level = role === 'total' ? 0 : role === 'class' ? 1 : 2;
    // The old row at the same place, when it is the same key (an amount edit moves no row).
    const was = old?.[i]?.key === key ? old[i] : undefined;
    const cells = econCells(role, key, values, was);
    if (!cells) return was!.role === role && was!.level === level && fieldCount(was!) === 4 ? was! : { key, role, level, cells: was!.cells };
    return { key, role, level, cells };
  });
}

// ---------------------------------------------------------------- summaries (表一, 表四)

interface SideLine {
  key: string;
  label: string;
  values: Fen[];
}

/**
 * One function line per 基本/项目 × source holding the sums of `lines`, under `code`: a row that
 * only sums by source, kind and year reads the same from them (a summary line, a 类 or 合计 row).
 * null when a sum leaves exact integers.
 */
export function linesBySourceAndKind(lines: readonly FunctionLine[], code: string): FunctionLine[] | null {
  const out: FunctionLine[] = [];
  const sums = new Map<SourceKey, Partial<Record<SpendKind, FunctionLine>>>();
  for (const l of lines) {
    let bySource = sums.get(l.source);
    if (!bySource) sums.set(l.source, (bySource = {}));
    const s = bySource[l.kind];
    if (s) {
      s.current += l.current;
      s.prior += l.prior;
    } else out.push((bySource[l.kind] = { code, kind: l.kind, source: l.source, current: l.current, prior: l.prior }));
  }
  return out.every((l) => Number.isSafeInteger(l.current) && Number.isSafeInteger(l.prior)) ? out : null;
}

/**
 * One function line per 类 × 基本/项目 × source holding the sums of `lines` (its code the 类, the
 * first three digits): a summary table (表一, 表四) reads the same from them as from every line,
 * when every code has at least three digits. null when a sum leaves exact integers.
 */
export function linesByClassSourceAndKind(lines: readonly FunctionLine[]): FunctionLine[] | null {
  const out: FunctionLine[] = [];
  // Per 类, its summed lines at 2 × source index + (0 基本, 1 项目).
  const byClass = new Map<string, (FunctionLine | undefined)[]>();
  let cls = '';
  let sums: (FunctionLine | undefined)[] = [];
  for (const l of lines) {
    // Lines of one 类 mostly come together: the previous line's sums then serve (no string cut).
    if (cls.length !== 3 || !l.code.startsWith(cls)) {
      cls = l.code.slice(0, 3);
      let found = byClass.get(cls);
      if (!found) byClass.set(cls, (found = new Array<FunctionLine | undefined>(2 * SOURCES.length)));
      sums = found;
    }
    const source = SOURCE_INDEX.get(l.source);
    if (source === undefined) return null; // an unknown fund: read every line
    const at = 2 * source + (l.kind === 'basic' ? 0 : 1);
    const s = sums[at];
    if (s) {
      s.current += l.current;
      s.prior += l.prior;
    } else out.push((sums[at] = { code: cls, kind: l.kind, source: l.source, current: l.current, prior: l.prior }));
  }
  for (const l of out) if (!Number.isSafeInteger(l.current) || !Number.isSafeInteger(l.prior)) return null;
  groupedLines.add(out);
  return out;
}

/**
 * The arrays linesByClassSourceAndKind made (never mutated: derived data, not the budget's). Grouping
 * one again gives equal lines, so a summary handed one (incremental.ts shares it between 表一, 表四
 * and the trees' 合计 rows) reads it as it is.
 */
const groupedLines = new WeakSet<readonly FunctionLine[]>();

const SOURCE_INDEX = new Map<string, number>(SOURCES.map((s, i) => [s, i]));

function sideLines(side: SummarySide, budget: Budget, ctx: DeriveContext, summed: () => Budget): SideLine[] {
  if (side.lines) {
    const view = summed();
    return side.lines.map((l) => ({ key: l.key, label: l.label, values: l.values.map((e) => evalExpr(view, e)) }));
  }
  if (side.classRows) {
    const filters = side.classRows;
    // Every 类's sums in one pass over the lines (in budget order, as a scan per 类 added them).
    const byClass = new Map<string, Fen[]>();
    const ofCode = new Map<string, Fen[]>(); // a code's 类 sums, found once per code rather than sliced per line
    let last: FunctionLine | null = null;
    let values: Fen[] | undefined;
    for (const l of budget.functionLines) {
      // Lines of one code mostly come together: the previous line's sums then serve.
      if (last?.code !== l.code) values = ofCode.get(l.code);
      last = l;
      if (!values) {
        const cls = l.code.slice(0, 3);
        values = byClass.get(cls);
        if (!values) byClass.set(cls, (values = filters.map(() => 0)));
        ofCode.set(l.code, values);
      }
      for (let i = 0; i < filters.length; i++) if (lineMatches(l, filters[i])) values[i] += lineAmount(l, filters[i]);
    }
    return [...byClass.keys()]
      .sort()
      .map((cls) => ({
        key: `class:${cls}`,
        label: codeName(budget, ctx.catalog, 'function', cls),
        // A code shorter than a 类 is a prefix of others: sum by prefix as before.
        values: cls.length === 3 ? byClass.get(cls)! : filters.map((f) => spend(budget.functionLines, f, cls)),
      }))
      .filter((l) => l.values.some((v) => v !== 0));
  }
  return [];
}

/** How many own fields a cell (row, input) has (a reused one must have exactly the fields a fresh one would). */
function fieldCount(c: object): number {
  let n = 0;
  for (const _ in c) n++;
  return n;
}

/** Whether `c` is exactly the cell a summary side writes at its `i`-th column `col` for `line` (field by field, none more). */
function sideCellIs(c: Cell, line: SideLine | undefined, i: number, col: string, bold: boolean): boolean {
  if (c.col !== col) return false;
  let fields = 3;
  if (!line) {
    if (c.text !== '' || c.kind !== (i === 0 ? 'label' : 'money')) return false;
  } else if (i === 0) {
    if (c.text !== line.label || c.kind !== 'label' || c.line !== line.key) return false;
    fields = 4;
  } else {
    const fen = line.values[i - 1];
    if (c.fen !== fen || c.kind !== 'money' || c.line !== line.key || c.text !== formatAmount(fen)) return false;
    fields = 5;
  }
  if (line && bold) {
    if (c.bold !== true) return false;
    fields++;
  }
  return fieldCount(c) === fields;
}

/**
 * `old` rows (the table this one replaces): a row equal to the one about to be built, at the same
 * position, is taken as it is (an edit of one line changes a few of the thirty rows).
 */
function summary(t: TableTemplate, body: Extract<BodyDef, { type: 'summary' }>, whole: Budget, ctx: DeriveContext, old?: readonly Row[]): Row[] {
  // Every line and 类 row reads the same from one summed line per 类 × source × kind: one pass over
  // the lines, then each side scans a few hundred.
  const grouped = groupedLines.has(whole.functionLines) ? whole.functionLines : linesByClassSourceAndKind(whole.functionLines);
  const budget = grouped ? { ...whole, functionLines: grouped } : whole;
  const rows: Row[] = [];
  // Each cell in one literal (a spread per cell was most of the table's cost).
  // One side's cells written into the row's array from `at` (no mapped arrays spread together);
  // `was`: the old row's cells, whose cells equal to the fresh ones are taken as they are.
  const sideCells = (cells: Cell[], at: number, line: SideLine | undefined, cols: readonly string[], bold: boolean, was: readonly Cell[] | null): void => {
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i];
      const p = was?.[at + i];
      let cell: Cell;
      if (p && sideCellIs(p, line, i, col, bold)) cell = p;
      else if (!line) cell = { text: '', kind: i === 0 ? 'label' : 'money', col };
      else if (i === 0) cell = bold ? { text: line.label, kind: 'label', col, line: line.key, bold } : { text: line.label, kind: 'label', col, line: line.key };
      else {
        const fen = line.values[i - 1];
        const text = formatAmount(fen);
        cell = bold ? { text, kind: 'money', col, fen, line: line.key, bold } : { text, kind: 'money', col, fen, line: line.key };
      }
      cells[at + i] = cell;
    }
  };
  // Whether the cells from `at` are exactly those sideCells would write (field by field, none more).
  const sameSide = (cells: readonly Cell[], at: number, line: SideLine | undefined, cols: readonly string[], bold: boolean): boolean => {
    for (let i = 0; i < cols.length; i++) {
      const c = cells[at + i];
      if (!c || !sideCellIs(c, line, i, cols[i], bold)) return false;
    }
    return true;
  };
  let view: Budget | undefined;
  // Each line's expressions scanned every function line; the sums by source and kind read the same.
  const summed = (): Budget => {
    if (!view) {
      const lines = linesBySourceAndKind(budget.functionLines, '');
      view = lines ? { ...budget, functionLines: lines } : budget;
    }
    return view;
  };
  for (const s of body.sections) {
    const left = sideLines(s.left, budget, ctx, summed);
    const right = sideLines(s.right, budget, ctx, summed);
    const n = Math.max(left.length, right.length);
    const width = body.leftColumns.length + body.rightColumns.length;
    for (let i = 0; i < n; i++) {
      const key = left[i]?.key ?? right[i]?.key ?? `${s.key}:${i}`;
      const level = s.role === 'line' ? 1 : 0;
      const was = old?.[rows.length];
      if (
        was &&
        was.key === key &&
        was.role === s.role &&
        was.level === level &&
        was.cells.length === width &&
        sameSide(was.cells, 0, left[i], body.leftColumns, !!s.bold) &&
        sameSide(was.cells, body.leftColumns.length, right[i], body.rightColumns, !!s.bold)
      ) {
        rows.push(was);
        continue;
      }
      const cells = new Array<Cell>(width);
      const prev = was && was.cells.length === width ? was.cells : null;
      sideCells(cells, 0, left[i], body.leftColumns, !!s.bold, prev);
      sideCells(cells, body.leftColumns.length, right[i], body.rightColumns, !!s.bold, prev);
      rows.push({ key, role: s.role, level, cells });
    }
  }
  return rows;
}

// ---------------------------------------------------------------- forms (表十, 表十五, 表十六/十七)

export function projectTotal(p: Project): Fen {
  let total = 0;
  for (const s in p.amounts) total = addFen(total, p.amounts[s as SourceKey] ?? 0);
  return total;
}

/** 部门支出预算数 = 表一 支出合计. */
export function departmentTotal(budget: Budget): Fen {
  return spend(budget.functionLines, { year: 'current' }) + sumFen(Object.values(budget.carryForward));
}

/** “三公”经费 合计 of one year (表十 合计, the narrative's total, rollover's summary). */
export function threePublicTotal(amounts: Readonly<Record<ThreePublicItem, Fen>>): Fen {
  return sumFen(THREE_PUBLIC_ITEMS.map((i) => amounts[i]));
}

function bindCell(bind: FormBinding, budget: Budget, project: Project | null, col: string): Cell {
  if (bind.startsWith('threePublic.')) {
    const [, year, item] = bind.split('.') as [string, YearSlot, string];
    const tp = budget.threePublic[year];
    if (item === 'total') return moneyCell(col, threePublicTotal(tp));
    if (item === 'vehicle') return moneyCell(col, tp.vehiclePurchase + tp.vehicleOperation);
    const key = item as keyof typeof tp;
    return moneyCell(col, tp[key], { t: 'threePublic', item: key, year });
  }
  switch (bind) {
    case 'dept.name':
      return textCell(col, budget.meta.department);
    case 'dept.total':
      return moneyCell(col, departmentTotal(budget));
    case 'dept.goal':
      return textCell(col, budget.performance.goal, { t: 'text', key: 'performance.goal' });
  }
  if (!project) return { text: '', kind: bind === 'project.total' || bind === 'project.district' || bind === 'project.town' ? 'money' : 'text', col };
  const id = project.id;
  switch (bind) {
    case 'project.name':
      return textCell(col, project.name, { t: 'project', id, field: 'name' });
    case 'project.department':
      return textCell(col, project.department, { t: 'project', id, field: 'department' });
    case 'project.total':
      return moneyCell(col, projectTotal(project));
    case 'project.district':
      return moneyCell(col, project.district, { t: 'projectMoney', id, field: 'district' });
    case 'project.town':
      return moneyCell(col, project.town, { t: 'projectMoney', id, field: 'town' });
    case 'project.summary':
      return textCell(col, project.summary, { t: 'project', id, field: 'summary' });
    case 'project.basis':
      return textCell(col, project.basis, { t: 'project', id, field: 'basis' });
    case 'project.goal':
      return textCell(col, project.goal, { t: 'project', id, field: 'goal' });
  }
  throw new Error(`未知的表格字段：${bind}`);
}

const INDICATOR_FIELDS = ['name', 'weight', 'unit', 'nature', 'value', 'core'] as const;

/** Frames of a form's rows (plus its indicator block), by the form's row definitions and shape. */
const formFrames = new WeakMap<readonly FormRowDef[], Map<number, Frame>>();

/** The frame of a form: it depends only on the template's spans and the number of indicators. */
function formFrame(defs: readonly FormRowDef[], width: number, indicators: { def: IndicatorBlockDef; count: number } | null): Frame {
  let byShape = formFrames.get(defs);
  if (!byShape) formFrames.set(defs, (byShape = new Map()));
  // One number per shape (no string per block): width, header length and count, or -width without indicators.
  if (width >= 1024 || (indicators?.def.header.length ?? 0) >= 1024) throw new Error('表格模板列数超出范围');
  const shape = indicators ? (indicators.count * 1024 + indicators.def.header.length) * 1024 + width : -width;
  let frame = byShape.get(shape);
  if (!frame) {
    const spans: (readonly { colSpan?: number; rowSpan?: number }[])[] = defs.map((r) => r.cells);
    if (indicators) {
      spans.push([{ rowSpan: indicators.count + 1 }, ...indicators.def.header.map(() => ({}))]);
      for (let i = 0; i < indicators.count; i++) spans.push(INDICATOR_FIELDS.map(() => ({})));
    }
    byShape.set(shape, (frame = frameOf(spans, width)));
  }
  return frame;
}

/**
 * A template's fixed label cell (no binding): one object per template cell and column serves every
 * table and block (derived cells are never mutated); 表十七's 540 blocks print the same 15 labels.
 */
const fixedCells = new WeakMap<object, Map<string, Cell>>();

function fixedCell(def: object, key: string, text: string, kind: CellKind, colSpan?: number, rowSpan?: number, col = key): Cell {
  let byKey = fixedCells.get(def);
  if (!byKey) fixedCells.set(def, (byKey = new Map()));
  let cell = byKey.get(key);
  if (!cell) {
    cell = { text, kind, col };
    if (colSpan) cell.colSpan = colSpan;
    if (rowSpan) cell.rowSpan = rowSpan;
    byKey.set(key, cell);
  }
  return cell;
}

function indicatorCell(ind: Indicator, owner: string, index: number, i: number, col: string): Cell {
  const field = INDICATOR_FIELDS[i];
  return { text: indicatorText(ind, i), kind: 'text', col, input: { t: 'indicator', owner, index, field } };
}

/** The i-th field of INDICATOR_FIELDS as printed (each read by name: 表十七 prints 26,000 of them). */
function indicatorText(ind: Indicator, i: number): string {
  switch (i) {
    case 0:
      return ind.name;
    case 1:
      return ind.weight;
    case 2:
      return ind.unit;
    case 3:
      return ind.nature;
    case 4:
      return ind.value;
    default:
      return ind.core ? '是' : '否';
  }
}

function formRows(
  t: TableTemplate,
  defs: readonly FormRowDef[],
  indicators: { def: IndicatorBlockDef; list: readonly Indicator[]; owner: string } | null,
  budget: Budget,
  project: Project | null,
): Row[] {
  const n = defs.length;
  const frame = formFrame(defs, t.columns.length, indicators && { def: indicators.def, count: indicators.list.length });
  const cells = fillFrame(frame, t.columns, (r, i, col): Cell => {
    if (r < n) {
      const c = defs[r].cells[i];
      if (!c.bind) return fixedCell(c, col, c.text ?? '', c.kind ?? 'label', c.colSpan, c.rowSpan);
      const cell: Cell = bindCell(c.bind, budget, project, col);
      if (c.colSpan) cell.colSpan = c.colSpan;
      if (c.rowSpan) cell.rowSpan = c.rowSpan;
      return cell;
    }
    const ind = indicators!;
    if (r === n) {
      return i === 0
        ? fixedCell(ind.def, `${col}:${ind.list.length}`, ind.def.label, 'label', undefined, ind.list.length + 1, col)
        : fixedCell(ind.def.header, col, ind.def.header[i - 1], 'label');
    }
    return indicatorCell(ind.list[r - n - 1], ind.owner, r - n - 1, i, col);
  });
  return cells.map((row, r): Row => {
    if (r < n) return { key: defs[r].key, role: 'form', level: 0, cells: row };
    return r === n ? { key: 'indicators', role: 'header', level: 0, cells: row } : { key: indicatorKey(r - n - 1), role: 'indicator', level: 0, cells: row };
  });
}

/** 'ind:3': one string per index for every block (540 blocks × 8 indicators made 4,320 per derivation). */
const indicatorKeys: string[] = [];

function indicatorKey(i: number): string {
  while (indicatorKeys.length <= i) indicatorKeys.push(`ind:${indicatorKeys.length}`);
  return indicatorKeys[i];
}

// ---------------------------------------------------------------- lists (表十三, 表十四)

function projectList(t: TableTemplate, body: Extract<BodyDef, { type: 'projectList' }>, budget: Budget): Row[] {
  const projects = budget.projects;
  const others = (p: Project) => {
    let total = 0;
    for (const s in p.amounts) if (!(APPROPRIATION_FUNDS as readonly string[]).includes(s)) total = addFen(total, p.amounts[s as SourceKey] ?? 0);
    return total;
  };
  const totals = {
    total: sumFen(projects.map(projectTotal)),
    gpb: sumFen(projects.map((p) => p.amounts.gpb ?? 0)),
    fund: sumFen(projects.map((p) => p.amounts.fund ?? 0)),
    soe: sumFen(projects.map((p) => p.amounts.soe ?? 0)),
    others: sumFen(projects.map(others)),
  };
  const rows: Row[] = [];
  if (projects.length === 0) return rows;
  rows.push({
    key: 'total',
    role: 'total',
    level: 0,
    cells: [
      { text: body.totalLabel, kind: 'label', col: 'unitCode' },
      { text: '', kind: 'text', col: 'unitName' },
      { text: '', kind: 'text', col: 'projectName' },
      moneyCell('total', totals.total),
      moneyCell('gpb', totals.gpb),
      moneyCell('fund', totals.fund),
      moneyCell('soe', totals.soe),
      moneyCell('others', totals.others),
      { text: '', kind: 'text', col: 'description' },
    ],
  });
  for (const p of projects) {
    const id = p.id;
    rows.push({
      key: id,
      role: 'item',
      level: 1,
      cells: [
        { text: p.unitCode, kind: 'text', col: 'unitCode', input: { t: 'project', id, field: 'unitCode' } },
        { text: p.unitName, kind: 'text', col: 'unitName', input: { t: 'project', id, field: 'unitName' } },
        { text: p.name, kind: 'text', col: 'projectName', input: { t: 'project', id, field: 'name' } },
        moneyCell('total', projectTotal(p)),
        moneyCell('gpb', p.amounts.gpb ?? 0, { t: 'projectAmount', id, source: 'gpb' }),
        moneyCell('fund', p.amounts.fund ?? 0, { t: 'projectAmount', id, source: 'fund' }),
        moneyCell('soe', p.amounts.soe ?? 0, { t: 'projectAmount', id, source: 'soe' }),
        moneyCell('others', others(p)),
        { text: p.description, kind: 'text', col: 'description', input: { t: 'project', id, field: 'description' } },
      ],
    });
  }
  return rows;
}

function procurement(t: TableTemplate, body: Extract<BodyDef, { type: 'procurement' }>, budget: Budget): Row[] {
  const lines = budget.procurement;
  if (lines.length === 0) return [];
  const sum = (f: 'goods' | 'works' | 'services') => sumFen(lines.map((l) => l[f]));
  const rows: Row[] = [];
  for (const l of lines) {
    const id = l.id;
    const txt = (col: 'deptCode' | 'deptName' | 'unitCode' | 'unitName' | 'item'): Cell => ({
      text: l[col],
      kind: 'text',
      col,
      input: { t: 'procurement', id, field: col },
    });
    rows.push({
      key: id,
      role: 'item',
      level: 1,
      cells: [
        txt('deptCode'),
        txt('deptName'),
        txt('unitCode'),
        txt('unitName'),
        txt('item'),
        moneyCell('total', l.goods + l.works + l.services),
        moneyCell('goods', l.goods, { t: 'procurementMoney', id, field: 'goods' }),
        moneyCell('works', l.works, { t: 'procurementMoney', id, field: 'works' }),
        moneyCell('services', l.services, { t: 'procurementMoney', id, field: 'services' }),
      ],
    });
  }
  rows.push({
    key: 'total',
    role: 'total',
    level: 0,
    cells: [
      { text: body.totalLabel, kind: 'label', col: 'deptCode' },
      ...(['deptName', 'unitCode', 'unitName', 'item'] as const).map((col): Cell => ({ text: '', kind: 'text', col })),
      moneyCell('total', sum('goods') + sum('works') + sum('services')),
      moneyCell('goods', sum('goods')),
      moneyCell('works', sum('works')),
      moneyCell('services', sum('services')),
    ],
  });
  return rows;
}

// ---------------------------------------------------------------- assembling

function hasMoney(rows: readonly Row[]): boolean {
  return rows.some((r) => r.cells.some((c) => c.kind === 'money' && (c.fen ?? 0) !== 0));
}

/** The name and unit lines printed above a table. */
function tableLines(t: TableTemplate, budget: Budget, empty: boolean): string[] {
  const nameLine =
    t.nameLine === 'department' ? `部门全称：${budget.meta.department}` : `编制单位：${empty ? '' : budget.meta.compilingUnit}`;
  return [nameLine, t.unitLine];
}

function makeTable(
  t: TableTemplate,
  budget: Budget,
  title: string,
  header: Row[],
  body: Row[],
  empty: boolean,
  extra: { id?: string; projectId?: string } = {},
  lines = tableLines(t, budget, empty),
): DerivedTable {
  const table: DerivedTable = {
    id: extra.id ?? t.id,
    no: t.no,
    title,
    subtitle: t.subtitle ?? null,
    lines,
    columns: t.columns as ColumnDef[],
    header,
    body,
    note: empty ? t.emptyNote : null,
    empty,
    landscape: t.landscape,
  };
  if (extra.projectId) table.projectId = extra.projectId; // (a spread made two more objects per block)
  return table;
}

/** Derives one template's table(s): 表十六/十七 give one table per project block. */
/**
 * `old`: the table(s) of this template being replaced, if any; a summary or an economic tree takes
 * over its rows (and cells) that come out the same (the result is equal either way).
 */
export function deriveTable(t: TableTemplate, budget: Budget, ctx: DeriveContext, old?: readonly DerivedTable[]): DerivedTable[] {
  const header = headerRows(t, budget);
  const title = fillTitle(t.title, budget); // once for every block of the template
  const body = t.body;
  switch (body.type) {
    case 'functionTree': {
      const rows = functionTree(t, budget, ctx);
      return [makeTable(t, budget, title, header, rows, !hasMoney(rows))];
    }
    case 'econTree': {
      const rows = econTree(t, body, budget, ctx, old?.length === 1 ? old[0].body : undefined);
      return [makeTable(t, budget, title, header, rows, !hasMoney(rows))];
    }
    case 'summary': {
      const rows = summary(t, body, budget, ctx, old?.length === 1 ? old[0].body : undefined);
      return [makeTable(t, budget, title, header, rows, !hasMoney(rows))];
    }
    case 'form': {
      const ind = body.indicators ? { def: body.indicators, list: budget.performance.indicators, owner: 'department' } : null;
      const rows = formRows(t, body.rows, ind, budget, null);
      const empty = body.owner === 'threePublic' ? !hasMoney(rows) : !hasMoney(rows) && budget.performance.indicators.length === 0;
      return [makeTable(t, budget, title, header, rows, empty)];
    }
    case 'projectBlocks': {
      const projects = budget.projects.filter((p) => p.category === body.category && p.hasTargets);
      if (projects.length === 0) {
        return [makeTable(t, budget, title, header, formRows(t, body.rows, { def: body.indicators, list: [], owner: '' }, budget, null), true)];
      }
      // Every block prints the same name line: one string serves them all. (Each keeps its own lines
      // array: tests alter one block's lines to check what a rule reports.)
      const [nameLine, unitLine] = tableLines(t, budget, false);
      return projects.map((p) =>
        makeTable(
          t,
          budget,
          title,
          header,
          formRows(t, body.rows, { def: body.indicators, list: p.indicators, owner: p.id }, budget, p),
          false,
          { id: `${t.id}:${p.id}`, projectId: p.id },
          [nameLine, unitLine],
        ),
      );
    }
    case 'projectList': {
      const rows = projectList(t, body, budget);
      return [makeTable(t, budget, title, header, rows, !hasMoney(rows))];
    }
    case 'procurement': {
      const rows = procurement(t, body, budget);
      return [makeTable(t, budget, title, header, rows, !hasMoney(rows))];
    }
  }
}

export function deriveTables(budget: Budget, ctx: DeriveContext): DerivedTable[] {
  return ctx.templates.tables.flatMap((t) => deriveTable(t, budget, ctx));
}

/** The printed strings of a table, header rows first (the tables.json contract, DESIGN §5). */
export function printedRows(table: DerivedTable): string[][] {
  return [...table.header, ...table.body].map((r) => r.cells.map((c) => c.text));
}

/** The text lines printed above (and the note below) a table, as in the reference json. */
export function printedText(table: DerivedTable): string[] {
  return [...(table.subtitle ? [table.subtitle] : []), ...table.lines, ...(table.note ? [table.note] : [])];
}

export interface PrintedTablesJson {
  department: string;
  year: number;
  catalogue: string[][];
  tables: { no: string; title: string; text: string[]; rows: string[][] }[];
}

/** The 目录: one line per template, with the subtitle joined in full-width brackets. */
/** A table's title as the 目录 lists it: the subtitle joined in full-width brackets. */
export function catalogueTitleOf(title: string, subtitle: string | null | undefined): string {
  return title + (subtitle ? subtitle.replace('(', '（').replace(')', '）') : '');
}

export function catalogueRows(budget: Budget, templates: TemplateSet): string[][] {
  return [
    ['编号', '工作表名', ''],
    ...templates.tables.map((t, i) => [
      String(i + 1),
      t.no,
      catalogueTitleOf(fillTitle(t.title, budget), t.subtitle),
    ]),
  ];
}

export function toPrintedJson(budget: Budget, tables: readonly DerivedTable[], templates: TemplateSet): PrintedTablesJson {
  return {
    department: budget.meta.department,
    year: budget.meta.year,
    catalogue: catalogueRows(budget, templates),
    tables: tables.map((t) => ({ no: t.no, title: t.title, text: printedText(t), rows: printedRows(t) })),
  };
}
