/**
 * Reading the body of each recognised sheet. Every cell read is either an input (it goes into the
 * Budget) or a printed derived value (kept, to be compared with what the workbench derives). A cell
 * that cannot be read is a finding naming sheet, row, column and text; when it is an input, or a row
 * with money cannot be placed, nothing can be written without losing it: that is fatal (ImportError
 * at the end, after every sheet has been read, so the officer sees all problems at once).
 */
import { parseAmountCell, type AmountUnit, type Fen } from '../money/money';
import type { Indicator } from '../model/types';
import { choiceRefusal, NATURE_CHOICES } from '../model/choices';
import type { Catalog } from '../catalog/catalog';
import type { Finding, Severity } from '../rules/types';
import type { BodyDef, TableTemplate } from '../tables/template-types';
import type { TableRole } from '../tables/roles';
import { COL, INCOME_SOURCE_COLUMNS, THREE_PUBLIC } from '../rules/roles';
import type { ImportErrorCode } from './errors';
import { colLetter, halfWidth, labelKey, rowIsBlank, rowTexts, titleKey, valueText, where, type SheetGrid } from './grid';
import { findHeader, type HeaderMatch, type TemplateView } from './layout';
import type { Identified } from './identify';
import { SEVERITY_LABELS } from '../text/terms';

/** A printed cell the workbench derives: compared after the import. */
export interface Printed {
  table: string; // derived table id (a template's id, or a block's 'id:p1'); blocks get theirs when matched
  row: string; // derived row key ('2080505', 'total', 'L:合计#0', 'budget')
  col: string; // template column key
  kind: 'money' | 'text' | 'name';
  fen: Fen;
  text: string;
  sheet: string;
  rowNo: number;
  colNo: number;
  label: string; // column header as printed
  unit: AmountUnit;
  /** Decimals shown (numeric cells: at least what the number format shows). */
  decimals: number;
  /** How many entered amounts add up to this cell, at most (万元 rounding tolerance). */
  addends: number;
}

export interface TreeRow {
  sheet: string;
  rowNo: number;
  values: Record<string, Fen>;
}

export interface BlockRead {
  /** The template's table id, and whether its blocks are 重点 or 一般 projects. */
  table: string;
  category: 'key' | 'general';
  sheet: string;
  rowNo: number;
  compilingUnit: string;
  name: string;
  department: string;
  summary: string;
  basis: string;
  goal: string;
  district: Fen;
  town: Fen;
  indicators: Indicator[];
  printed: Printed[]; // table id filled in when the block is matched to a project
}

export interface ProjectRow {
  sheet: string;
  rowNo: number;
  unitCode: string;
  unitName: string;
  name: string;
  gpb: Fen;
  fund: Fen;
  soe: Fen;
  others: Fen;
  description: string;
}

export interface ProcurementRow {
  deptCode: string;
  deptName: string;
  unitCode: string;
  unitName: string;
  item: string;
  goods: Fen;
  works: Fen;
  services: Fen;
}

export interface SheetInfo {
  id: Identified;
  unit: AmountUnit;
  department: string | null;
  rows: number; // body rows read
}

export class ImportState {
  findings: Finding[] = [];
  fatal: { code: ImportErrorCode; message: string }[] = [];
  printed: Printed[] = [];
  /** Tree tables: table id → code → row. */
  trees = new Map<string, Map<string, TreeRow>>();
  /** Row keys printed per table (to find derived rows the sheet lacks). */
  rowKeys = new Map<string, { sheet: string; keys: Set<string> }>();
  /** `${scheme}:${code}` → name as first printed. */
  names = new Map<string, string>();
  threePublic: Record<string, Fen> | null = null;
  projectRows: ProjectRow[] | null = null;
  procurement: ProcurementRow[] | null = null;
  blocks: BlockRead[] = [];
  performance: { name: string; goal: string; indicators: Indicator[] } | null = null;
  /** 结转下年 as printed: in total (the summary table) and per fund (the appropriation table). */
  carryForward: { all: Fen | null; gpb: Fen; fund: Fen; soe: Fen } = { all: null, gpb: 0, fund: 0, soe: 0 };
  sheets: SheetInfo[] = [];
  compilingUnits: string[] = [];

  constructor(
    readonly year: number,
    readonly catalog: Catalog,
  ) {}

  add(id: string, severity: Severity, message: string, cells: Finding['cells'] = []): void {
    this.findings.push({ id, severity, message, cells });
  }

  /** A problem that makes writing the file unsafe: reported as a finding and remembered as fatal. */
  fail(code: ImportErrorCode, id: string, message: string): void {
    this.add(id, 'error', message);
    this.fatal.push({ code, message });
  }
}

// ---------------------------------------------------------------- shared helpers

const BLANK_CODES = /^[-—–－\s]*$/;

export function isTotalLabel(text: string): boolean {
  const k = labelKey(text);
  return k === '合计' || k === '总计' || k === '合计数';
}

function isNoteRow(grid: SheetGrid, r: number): boolean {
  const first = rowTexts(grid, r)[0]?.text ?? '';
  return /^(备注|注|说明)\s*[:：]/.test(first) || /^注\s*\d?\s*[.、:：]/.test(first);
}

/** The 单位 and 部门全称 lines anywhere in rows [from, to]. */
export function readLines(grid: SheetGrid, from: number, to: number): { unit: AmountUnit | null; department: string | null; compilingUnit: string | null } {
  let unit: AmountUnit | null = null;
  let department: string | null = null;
  let compilingUnit: string | null = null;
  for (let r = Math.max(1, from); r <= Math.min(to, grid.rowCount); r++) {
    for (const { text } of rowTexts(grid, r)) {
      const t = halfWidth(text);
      const u = /(?:金额)?单位\s*[:：]\s*(万元|元)/.exec(t);
      if (u) unit = u[1] as AmountUnit;
      const d = /(?:部门全称|部门名称|预算部门|编报部门)\s*[:：]\s*(.+?)\s*(?:(?:金额)?单位\s*[:：].*)?$/.exec(t);
      if (d) department = d[1].trim();
      const c = /编制单位\s*[:：]\s*(.*?)\s*(?:(?:金额)?单位\s*[:：].*)?$/.exec(t);
      if (c) compilingUnit = c[1].trim();
    }
  }
  return { unit, department, compilingUnit };
}

function decimalsOf(value: unknown, text: string, numFmt: string): number {
  const s = typeof value === 'number' ? String(value) : halfWidth(text).replace(/[,，\s]/g, '');
  const m = /\.(\d+)/.exec(s);
  const own = m ? m[1].length : 0;
  const shown = typeof value === 'number' ? (/\.(0+)/.exec(numFmt)?.[1].length ?? 0) : 0;
  return Math.max(own, shown);
}

export interface MoneyRead {
  ok: boolean;
  fen: Fen;
  text: string;
  decimals: number;
  reason?: string;
}

/** The formula text of a formula cell saved without a cached result, else null. */
function formulaWithoutResult(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
  if (!('formula' in v || 'sharedFormula' in v) || (v.result !== undefined && v.result !== null)) return null;
  return typeof v.formula === 'string' ? `“=${v.formula.slice(0, 40)}”` : '（共享公式）';
}

export function readMoney(grid: SheetGrid, r: number, c: number, unit: AmountUnit): MoneyRead {
  const cell = grid.cell(r, c);
  if (cell.covered) return { ok: true, fen: 0, text: '', decimals: 0 };
  const formula = formulaWithoutResult(cell.value);
  if (formula !== null) {
    // Written by a program and never recalculated: the amount is unknown, not 0.
    return { ok: false, fen: 0, text: cell.text, decimals: 0, reason: `单元格是公式${formula}，但文件中没有保存它的计算结果，不能当作 0（请在 Excel/WPS 中打开、重新计算并保存后再导入）` };
  }
  const parsed = parseAmountCell(cell.value, { unit });
  if (!parsed.ok) return { ok: false, fen: 0, text: cell.text, decimals: 0, reason: parsed.reason };
  return { ok: true, fen: parsed.fen, text: cell.text, decimals: decimalsOf(cell.value, cell.text, cell.numFmt) };
}

/** A code as printed: full-width digits, spaces and a numeric cell ('2080505' stored as a number) accepted. */
export function codeOf(grid: SheetGrid, r: number, c: number): string {
  const cell = grid.cell(r, c);
  if (cell.covered) return '';
  if (typeof cell.value === 'number' && Number.isInteger(cell.value)) return String(cell.value);
  return halfWidth(cell.text).replace(/[\s\u200b]+/g, '');
}

function textOf(grid: SheetGrid, r: number, c: number | undefined): string {
  if (!c) return '';
  const cell = grid.cell(r, c);
  return cell.covered ? '' : cell.text;
}

interface ReadCtx {
  state: ImportState;
  id: Identified;
  header: HeaderMatch;
  unit: AmountUnit;
}

function sheetName(ctx: ReadCtx): string {
  return ctx.id.grid.name;
}

/** Reads one money cell; an unreadable cell is a finding (fatal when `input`). */
function money(ctx: ReadCtx, r: number, key: string, input: boolean): MoneyRead | null {
  const c = ctx.header.colOf.get(key);
  if (!c) return null;
  const m = readMoney(ctx.id.grid, r, c, ctx.unit);
  if (!m.ok) {
    const msg = `${where(sheetName(ctx), r, c)}（“${ctx.header.labelOf.get(key) ?? key}”列）：${m.reason}`;
    if (input) ctx.state.fail('bad-cells', 'IMP-03', `${msg}，此金额无法导入`);
    else ctx.state.add('IMP-03', 'error', `${msg}，无法与按明细计算的数核对`);
    return null;
  }
  return m;
}

function record(ctx: ReadCtx, table: string, row: string, key: string, m: MoneyRead, r: number, addends: number): void {
  ctx.state.printed.push({
    table,
    row,
    col: key,
    kind: 'money',
    fen: m.fen,
    text: m.text,
    sheet: sheetName(ctx),
    rowNo: r,
    colNo: ctx.header.colOf.get(key) ?? 0,
    label: ctx.header.labelOf.get(key) ?? key,
    unit: ctx.unit,
    decimals: m.decimals,
    addends,
  });
}

function noteKeys(ctx: ReadCtx, table: string, key: string): void {
  let entry = ctx.state.rowKeys.get(table);
  if (!entry) ctx.state.rowKeys.set(table, (entry = { sheet: sheetName(ctx), keys: new Set() }));
  entry.keys.add(key);
}

/** Columns the importer takes as inputs, per table role (the rest of the money columns are compared). */
export const INPUT_COLUMNS: Partial<Record<TableRole, readonly string[]>> = {
  income: INCOME_SOURCE_COLUMNS,
  spending: [COL.basic, COL.project],
  gpb: [COL.prior, COL.basic, COL.project],
  basicDept: [COL.total],
  basicGov: [COL.total],
  projectDept: [COL.total],
  projectGov: [COL.total],
  fund: [COL.basic, COL.project],
  soe: [COL.basic, COL.project],
};

/** Columns without which a table cannot be imported, per table role. */
export const REQUIRED_COLUMNS: Partial<Record<TableRole, readonly string[]>> = {
  summary: [COL.inLabel, COL.outLabel],
  income: ['code'],
  spending: ['code', COL.basic, COL.project],
  appropriation: [COL.inLabel, COL.outLabel],
  gpb: ['code', COL.basic, COL.project], // a 一般公共预算 table without the 上年 columns is read; last year is then 无法核验
  basicDept: ['code', COL.total],
  basicGov: ['code', COL.total],
  projectDept: ['code', COL.total],
  projectGov: ['code', COL.total],
  threePublic: (['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const).map((item) => THREE_PUBLIC.col('current', item)),
  fund: ['code', COL.basic, COL.project],
  soe: ['code', COL.basic, COL.project],
  projects: [COL.projectName],
  procurement: ['item', 'goods', 'works', 'services'],
};

const columnsOf = (byRole: Partial<Record<TableRole, readonly string[]>>, t: TableTemplate): readonly string[] => (t.role && byRole[t.role]) || [];

// ---------------------------------------------------------------- header + lines of a sheet

export interface SheetStart {
  header: HeaderMatch | null;
  unit: AmountUnit;
  department: string | null;
  compilingUnit: string | null;
}

export function startSheet(state: ImportState, id: Identified): SheetStart | null {
  const { grid, view } = id;
  const t = view.t;
  const from = id.titleRow ?? 1;
  if (t.header.length === 0) {
    const lines = readLines(grid, 1, Math.min(grid.rowCount, from + 8));
    return { header: null, unit: lines.unit ?? '元', department: lines.department, compilingUnit: lines.compilingUnit };
  }
  const header = findHeader(grid, view, state.year, from);
  const required = columnsOf(REQUIRED_COLUMNS, t);
  const missing = header ? required.filter((k) => !header.colOf.has(k)) : required;
  if (!header || missing.length || header.ambiguous) {
    const expected = [...new Set(view.paths.map((p) => p[p.length - 1]).filter(Boolean))].slice(0, 8).join('”“');
    const what = !header
      ? '找不到表头'
      : missing.length
        ? `表头第${header.first}–${header.last}行认不出“${missing.map((k) => view.paths[t.columns.findIndex((c) => c.key === k)]?.at(-1) ?? k).join('”“')}”列`
        : `表头第${header.first}–${header.last}行的${header.ambiguous}`;
    const message =
      `工作表“${grid.name}”（${t.no}）：${what}（应有“${expected}”等列），` +
      '可能是其他地区或年份的模板，或表头被改动过';
    if (t.role === 'gpb') state.fail('unknown-layout', 'IMP-06', `${message}。${t.no}是各功能科目金额的来源，无法导入`);
    else state.add('IMP-06', 'warning', `${message}，此表未导入`);
    return null;
  }
  const lines = readLines(grid, 1, header.first - 1);
  return { header, unit: lines.unit ?? '元', department: lines.department, compilingUnit: lines.compilingUnit };
}

// ---------------------------------------------------------------- function and economic trees

const CODE_LENGTHS: Record<'function' | 'econ', RegExp> = {
  function: /^(\d{3}|\d{5}|\d{7})$/,
  econ: /^(\d{3}|\d{5})$/,
};

/**
 * A code printed over 类/款/项 columns: each column its full code ('215' '21505' '2150501') or its
 * own digits ('215' '05' '01'); digits missing on the left are those of the rows above.
 */
function codeFromParts(grid: SheetGrid, r: number, parts: readonly number[], above: { cls: string; seg: string }): string {
  const [a = '', b = '', c = ''] = parts.map((col) => codeOf(grid, r, col));
  if (a && !/^\d+$/.test(a)) return a; // '合计'
  const level = c ? 3 : b ? 2 : a ? 1 : 0;
  let code = '';
  if (level === 3) code = c.length === 7 ? c : `${a.length === 3 ? a : above.cls}${b.length === 5 ? b.slice(3) : b || above.seg}${c.slice(-2)}`;
  else if (level === 2) code = b.length === 5 ? b : `${a.length === 3 ? a : above.cls}${b}`;
  else if (level === 1) code = a;
  if (/^\d{3,}$/.test(code)) above.cls = code.slice(0, 3);
  if (/^\d{5,}$/.test(code)) above.seg = code.slice(3, 5);
  return code;
}

/** 表二、三、五、十一、十二 (function) and 表六–表九 (economic). */
export function readTree(state: ImportState, id: Identified, start: SheetStart & { header: HeaderMatch }): number {
  const { grid, view } = id;
  const t = view.t;
  const body = t.body as Extract<BodyDef, { type: 'functionTree' } | { type: 'econTree' }>;
  const family = body.type === 'functionTree' ? 'function' : 'econ';
  const scheme = body.type === 'functionTree' ? 'function' : body.scheme === 'department' ? 'econ-department' : 'econ-government';
  const ctx: ReadCtx = { state, id, header: start.header, unit: start.unit };
  const codeCol = start.header.colOf.get('code')!;
  const nameCol = start.header.colOf.get('name');
  const moneyKeys = t.columns.filter((c) => c.kind === 'money' && start.header.colOf.has(c.key)).map((c) => c.key);
  const percentKeys = t.columns.filter((c) => c.kind === 'percent' && start.header.colOf.has(c.key)).map((c) => c.key);
  const inputs = new Set(columnsOf(INPUT_COLUMNS, t));
  const rows = new Map<string, TreeRow>();
  state.trees.set(t.id, rows);
  const itemLength = family === 'function' ? 7 : 5;
  // First pass: how many item rows (the addends of a 万元 total's rounding tolerance).
  let items = 0;
  const parts = start.header.codeParts;
  const codeAt = (r: number, above = { cls: '', seg: '' }) => (parts ? codeFromParts(grid, r, parts, above) : codeOf(grid, r, codeCol));
  const counting = { cls: '', seg: '' };
  for (let r = start.header.last + 1; r <= grid.rowCount; r++) if (codeAt(r, counting).length === itemLength) items++;
  const above = { cls: '', seg: '' };
  const printedRows: [number, { code: string; name: string }][] = [];
  for (let r = start.header.last + 1; r <= grid.rowCount; r++) {
    if (rowIsBlank(grid, r) || isNoteRow(grid, r)) continue;
    let code = codeAt(r, above);
    let name = textOf(grid, r, nameCol);
    if (code === '' && nameCol) {
      const m = /^(\d{3,7})\s*(.*)$/.exec(halfWidth(name).trim());
      if (m && CODE_LENGTHS[family].test(m[1])) [code, name] = [m[1], m[2]];
    } else if (!CODE_LENGTHS[family].test(code)) {
      // '2080505 机关事业单位…' or '2080505机关事业单位…' in one cell (not '21505O1': a letter is no name).
      const m = /^(\d{3,7})(?:\s+|(?=[\u4e00-\u9fff（(]))(.+)$/.exec(halfWidth(grid.cell(r, codeCol).text).trim());
      if (m && CODE_LENGTHS[family].test(m[1])) [code, name] = [m[1], nameCol === codeCol ? m[2] : name || m[2]];
    }
    printedRows.push([r, { code, name }]);
  }
  // 类/款 rows printed without a code (indented or not): named as the catalog names the 类/款 of the
  // next coded row. They are never inputs; a row that is not one of them still cannot be placed.
  printedRows.forEach(([, row], i) => {
    if (row.code !== '' || !row.name.trim() || isTotalLabel(row.name)) return;
    const next = printedRows.slice(i + 1).find(([, x]) => CODE_LENGTHS[family].test(x.code))?.[1].code;
    for (const len of family === 'function' ? [3, 5] : [3]) {
      if (!next || next.length <= len || !state.catalog.namesMatch(scheme, next.slice(0, len), row.name.trim())) continue;
      [row.code, row.name] = [next.slice(0, len), row.name.trim()];
      break;
    }
  });
  let read = 0;
  for (const [r, row] of printedRows) {
    const { code, name } = row;
    const isTotal = isTotalLabel(code) || (BLANK_CODES.test(code) && isTotalLabel(name));
    const isCode = CODE_LENGTHS[family].test(code);
    const isItem = isCode && code.length === itemLength;
    const key = isTotal ? 'total' : code;
    const values: Record<string, Fen> = {};
    let hasMoney = false;
    let bad = false;
    for (const k of moneyKeys) {
      const m = money(ctx, r, k, isItem && inputs.has(k));
      if (!m) {
        bad = true;
        continue;
      }
      values[k] = m.fen;
      if (m.fen !== 0) hasMoney = true;
      if (isTotal || isCode) record(ctx, t.id, key, k, m, r, items);
    }
    if (!isTotal && !isCode) {
      if (!hasMoney && !bad && code === '' ) continue; // a text line (a second note line, a signature)
      const shown = grid.cell(r, codeCol).text || name;
      const letters = /\d[OoIl]|[OoIl]\d/.test(shown) ? '；其中夹有字母，是否把数字 0、1 打成了字母 O、I、l？' : '';
      const what = shown
        ? `“${shown}”不是${family === 'function' ? '功能分类' : '经济分类'}科目编码（应为 ${family === 'function' ? '3、5 或 7' : '3 或 5'} 位数字${letters}）`
        : '没有科目编码';
      const msg = `${where(grid.name, r, codeCol)}：${what}`;
      if (hasMoney || bad) state.fail('bad-cells', 'IMP-02', `${msg}，此行的金额无法归入任何科目`);
      else state.add('IMP-02', 'warning', `${msg}，此行没有金额，已跳过`);
      continue;
    }
    read++;
    noteKeys(ctx, t.id, key);
    for (const k of percentKeys) {
      const c = start.header.colOf.get(k)!;
      const text = grid.cell(r, c).text;
      state.printed.push({
        table: t.id,
        row: key,
        col: k,
        kind: 'text',
        fen: 0,
        text,
        sheet: grid.name,
        rowNo: r,
        colNo: c,
        label: start.header.labelOf.get(k) ?? k,
        unit: start.unit,
        decimals: 0,
        addends: 0,
      });
    }
    if (isCode && name) {
      const nameKey = `${scheme}:${code}`;
      if (!state.names.has(nameKey)) state.names.set(nameKey, name.replace(/^\s+|\s+$/g, ''));
      state.printed.push({
        table: t.id,
        row: key,
        col: 'name',
        kind: 'name',
        fen: 0,
        text: name,
        sheet: grid.name,
        rowNo: r,
        colNo: nameCol ?? codeCol,
        label: start.header.labelOf.get('name') ?? '科目名称',
        unit: start.unit,
        decimals: 0,
        addends: 0,
      });
    }
    if (isItem) {
      if (rows.has(code)) {
        const first = rows.get(code)!;
        const msg = `${where(grid.name, r, codeCol)}：科目 ${code} 在本表中出现两次（另见第${first.rowNo}行）`;
        if (hasMoney) state.fail('bad-cells', 'IMP-02', `${msg}，无法确定应取哪一行的金额`);
        else state.add('IMP-02', 'warning', `${msg}，此行没有金额，已跳过`);
        continue;
      }
      rows.set(code, { sheet: grid.name, rowNo: r, values });
    }
  }
  return read;
}

// ---------------------------------------------------------------- 表一, 表四 (two-sided summaries)

const ORDINAL = /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．])/;

export function summaryLabelKey(text: string): string {
  return labelKey(text.trim().replace(ORDINAL, '')).replace(ORDINAL, '');
}

/**
 * The key of a line of 表一/表四 on one side: an expenditure 类 by its code (so an older or
 * differently bracketed name still finds its row), anything else by its label.
 */
export function summaryBase(side: 'L' | 'R', label: string, catalog: Catalog): string {
  if (side === 'R') {
    const code = catalog.children('function', '').find((e) => catalog.namesMatch('function', e.code, label))?.code;
    if (code) return `R:类${code}`;
  }
  return `${side}:${summaryLabelKey(label)}`;
}

export function readSummary(state: ImportState, id: Identified, start: SheetStart & { header: HeaderMatch }): number {
  const { grid, view } = id;
  const t = view.t;
  const body = t.body as Extract<BodyDef, { type: 'summary' }>;
  const ctx: ReadCtx = { state, id, header: start.header, unit: start.unit };
  const seen = new Map<string, number>();
  let read = 0;
  const lines = body.sections.reduce((n, s) => n + (s.left.lines?.length ?? 0) + (s.right.lines?.length ?? 0), 0);
  for (let r = start.header.last + 1; r <= grid.rowCount; r++) {
    if (rowIsBlank(grid, r) || isNoteRow(grid, r)) continue;
    let any = false;
    for (const [side, cols] of [['L', body.leftColumns], ['R', body.rightColumns]] as const) {
      const labelCol = start.header.colOf.get(cols[0]);
      const label = labelCol ? textOf(grid, r, labelCol) : '';
      const amounts = cols.slice(1).filter((k) => start.header.colOf.has(k));
      if (!label) {
        for (const k of amounts) {
          const m = money(ctx, r, k, false);
          if (m && m.fen !== 0) {
            state.add('IMP-02', 'error', `${where(grid.name, r, start.header.colOf.get(k))}：金额 ${m.text} 没有对应的项目名称，${SEVERITY_LABELS.unverifiable}`);
          }
        }
        continue;
      }
      any = true;
      const base = summaryBase(side, label, state.catalog);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const key = `${base}#${n}`;
      noteKeys(ctx, t.id, key);
      for (const k of amounts) {
        const m = money(ctx, r, k, false);
        if (!m) continue;
        record(ctx, t.id, key, k, m, r, lines);
        if (side === 'R' && summaryLabelKey(label) === '结转下年') {
          if (t.role === 'summary' && k === COL.outAmount) state.carryForward.all = m.fen;
          if (t.role === 'appropriation' && k === COL.outGpb) state.carryForward.gpb = m.fen;
          if (t.role === 'appropriation' && k === COL.outFund) state.carryForward.fund = m.fen;
          if (t.role === 'appropriation' && k === COL.outSoe) state.carryForward.soe = m.fen;
        }
      }
    }
    if (any) read++;
  }
  return read;
}

// ---------------------------------------------------------------- 表十 三公

export function readThreePublic(state: ImportState, id: Identified, start: SheetStart & { header: HeaderMatch }): number {
  const { grid, view } = id;
  const ctx: ReadCtx = { state, id, header: start.header, unit: start.unit };
  for (let r = start.header.last + 1; r <= grid.rowCount; r++) {
    if (rowIsBlank(grid, r) || isNoteRow(grid, r)) continue;
    const values: Record<string, Fen> = {};
    for (const col of view.t.columns) {
      const input = /:(abroad|vehiclePurchase|vehicleOperation|reception)$/.test(col.key);
      const m = money(ctx, r, col.key, input);
      if (!m) continue;
      values[col.key] = m.fen;
      record(ctx, view.t.id, 'amounts', col.key, m, r, 4);
    }
    state.threePublic = values;
    return 1;
  }
  state.threePublic = {};
  return 0;
}

// ---------------------------------------------------------------- 表十三, 表十四 (lists)

export function readProjectList(state: ImportState, id: Identified, start: SheetStart & { header: HeaderMatch }): number {
  const { grid } = id;
  const h = start.header;
  const ctx: ReadCtx = { state, id, header: h, unit: start.unit };
  const rows: ProjectRow[] = [];
  state.projectRows = rows;
  for (let r = h.last + 1; r <= grid.rowCount; r++) {
    if (rowIsBlank(grid, r) || isNoteRow(grid, r)) continue;
    const texts = ['unitCode', 'unitName', 'projectName'].map((k) => textOf(grid, r, h.colOf.get(k)));
    if (texts.some(isTotalLabel)) {
      for (const k of ['total', 'gpb', 'fund', 'soe', 'others']) {
        const m = money(ctx, r, k, false);
        if (m) record(ctx, id.view.t.id, 'total', k, m, r, 8);
      }
      continue;
    }
    const name = texts[2];
    const amounts: Record<string, Fen> = {};
    let hasMoney = false;
    for (const k of ['gpb', 'fund', 'soe', 'others']) {
      const m = money(ctx, r, k, true);
      amounts[k] = m?.fen ?? 0;
      if (m && m.fen !== 0) hasMoney = true;
    }
    if (!name) {
      const msg = `${where(grid.name, r, h.colOf.get('projectName'))}：没有项目名称`;
      if (hasMoney) state.fail('bad-cells', 'IMP-02', `${msg}，此行的金额无法归入任何项目`);
      else state.add('IMP-02', 'warning', `${msg}，已跳过`);
      continue;
    }
    const row: ProjectRow = {
      sheet: grid.name,
      rowNo: r,
      unitCode: halfWidth(texts[0]).replace(/\s+/g, ''),
      unitName: texts[1],
      name,
      gpb: amounts.gpb,
      fund: amounts.fund,
      soe: amounts.soe,
      others: amounts.others,
      description: textOf(grid, r, h.colOf.get('description')),
    };
    const total = money(ctx, r, 'total', false);
    // The row key is the project id, known once projects are numbered: p1, p2 … in this order.
    if (total) record(ctx, id.view.t.id, `#${rows.length}`, 'total', total, r, 4);
    rows.push(row);
  }
  return rows.length;
}

export function readProcurement(state: ImportState, id: Identified, start: SheetStart & { header: HeaderMatch }): number {
  const { grid } = id;
  const h = start.header;
  const ctx: ReadCtx = { state, id, header: h, unit: start.unit };
  const rows: ProcurementRow[] = [];
  state.procurement = rows;
  for (let r = h.last + 1; r <= grid.rowCount; r++) {
    if (rowIsBlank(grid, r) || isNoteRow(grid, r)) continue;
    const text = (k: string) => textOf(grid, r, h.colOf.get(k));
    const labels = ['deptCode', 'deptName', 'unitCode', 'unitName', 'item'].map(text);
    if (labels.some(isTotalLabel)) {
      for (const k of ['total', 'goods', 'works', 'services']) {
        const m = money(ctx, r, k, false);
        if (m) record(ctx, id.view.t.id, 'total', k, m, r, rows.length * 3);
      }
      continue;
    }
    const values: Record<string, Fen> = {};
    let hasMoney = false;
    for (const k of ['goods', 'works', 'services']) {
      const m = money(ctx, r, k, true);
      values[k] = m?.fen ?? 0;
      if (m && m.fen !== 0) hasMoney = true;
    }
    if (!labels[4] && !hasMoney) continue;
    const total = money(ctx, r, 'total', false);
    if (total) record(ctx, id.view.t.id, `#${rows.length}`, 'total', total, r, 3);
    rows.push({
      deptCode: halfWidth(labels[0]).replace(/\s+/g, ''),
      deptName: labels[1],
      unitCode: halfWidth(labels[2]).replace(/\s+/g, ''),
      unitName: labels[3],
      item: labels[4],
      goods: values.goods,
      works: values.works,
      services: values.services,
    });
  }
  return rows.length;
}

// ---------------------------------------------------------------- forms: 表十五, 表十六/十七

const INDICATOR_FIELDS: Record<string, keyof Indicator> = {
  指标名称: 'name',
  指标权重: 'weight',
  权重: 'weight',
  计量单位: 'unit',
  指标性质: 'nature',
  指标值: 'value',
  指标值设定: 'value',
  是否核心指标: 'core',
};

type BlockField = 'name' | 'department' | 'total' | 'district' | 'town' | 'summary' | 'basis' | 'goal';

const BLOCK_LABELS: Record<string, BlockField> = {
  专项资金名称: 'name',
  项目名称: 'name',
  业务主管部门: 'department',
  主管部门: 'department',
  当年预算: 'total',
  当年预算数: 'total',
  区级支出: 'district',
  补助镇街: 'town',
  项目概况: 'summary',
  立项依据: 'basis',
  当年绩效目标: 'goal',
  项目绩效目标: 'goal',
};

const DEPT_LABELS: Record<string, 'deptName' | 'deptTotal' | 'deptGoal'> = {
  '部门（单位）名称': 'deptName',
  部门名称: 'deptName',
  单位名称: 'deptName',
  部门支出预算数: 'deptTotal',
  部门预算支出数: 'deptTotal',
  当年整体绩效目标: 'deptGoal',
  整体绩效目标: 'deptGoal',
};

/** A form label: its key without a unit suffix, and that unit ('区级支出（元）' → 区级支出, 元). */
function formLabel(text: string): { key: string; unit: AmountUnit | null } {
  const k = labelKey(text);
  const m = /^(.*?)（(万元|元)）$/.exec(k);
  return m ? { key: m[1], unit: m[2] as AmountUnit } : { key: k, unit: null };
}

function isFormLabel(text: string): boolean {
  const { key } = formLabel(text);
  return key in BLOCK_LABELS || key in DEPT_LABELS || key === '绩效指标' || key in INDICATOR_FIELDS;
}

/** The value cell of a label: the first cell right of the label's merge. */
function valueCell(grid: SheetGrid, r: number, c: number): number | null {
  let v = c + 1;
  while (v <= grid.colCount) {
    const x = grid.cell(r, v);
    if (!(x.covered && x.masterRow === r && x.masterCol === c)) break;
    v++;
  }
  if (v > grid.colCount) return null;
  const x = grid.cell(r, v);
  if (x.covered) return null; // covered from above: the value belongs to the row above
  if (x.text && isFormLabel(x.text)) return null;
  return v;
}

function indicatorHeader(grid: SheetGrid, r: number): Map<keyof Indicator, number> | null {
  const cols = new Map<keyof Indicator, number>();
  for (const { col, text } of rowTexts(grid, r)) {
    const f = INDICATOR_FIELDS[labelKey(text)];
    if (f && !cols.has(f)) cols.set(f, col);
  }
  return cols.has('name') && cols.size >= 3 ? cols : null;
}

function cellText(grid: SheetGrid, r: number, c: number | undefined): string {
  if (!c) return '';
  const x = grid.cell(r, c);
  if (x.covered) return '';
  return typeof x.value === 'number' ? valueText(x.value) : x.text;
}

/** Indicator rows after the header row `hr`; returns them and the last row read. */
function readIndicators(
  state: ImportState,
  grid: SheetGrid,
  hr: number,
  cols: Map<keyof Indicator, number>,
  isBoundary: (r: number) => boolean,
): { list: Indicator[]; last: number } {
  const list: Indicator[] = [];
  let r = hr + 1;
  for (; r <= grid.rowCount; r++) {
    if (isBoundary(r)) break;
    const get = (f: keyof Indicator) => cellText(grid, r, cols.get(f));
    const values = (['name', 'weight', 'unit', 'nature', 'value', 'core'] as const).map(get);
    if (values.every((v) => v === '')) {
      if (rowIsBlank(grid, r)) break;
      continue;
    }
    // 指标性质 is a closed list, as when typed or pasted: '>=' is not guessed to be '≥'.
    const refused = choiceRefusal(NATURE_CHOICES, values[3].trim());
    if (refused) state.fail('bad-cells', 'IMP-03', `${where(grid.name, r, cols.get('nature'))}：${refused}，此绩效指标无法导入`);
    list.push({
      name: values[0],
      weight: halfWidth(values[1]).trim(),
      unit: values[2],
      nature: values[3].trim(),
      value: values[4],
      core: ['是', '√', 'Y', 'YES', '核心'].includes(halfWidth(values[5]).trim().toUpperCase()),
    });
  }
  return { list, last: r - 1 };
}

function formMoney(
  state: ImportState,
  grid: SheetGrid,
  r: number,
  c: number,
  unit: AmountUnit,
  label: string,
  input: boolean,
): MoneyRead | null {
  const m = readMoney(grid, r, c, unit);
  if (m.ok) return m;
  const msg = `${where(grid.name, r, c)}（“${label}”）：${m.reason}`;
  if (input) state.fail('bad-cells', 'IMP-03', `${msg}，此金额无法导入`);
  else state.add('IMP-03', 'error', `${msg}，无法与按明细计算的数核对`);
  return null;
}

function formPrinted(grid: SheetGrid, table: string, row: string, col: string, m: MoneyRead, r: number, c: number, label: string, unit: AmountUnit): Printed {
  return { table, row, col, kind: 'money', fen: m.fen, text: m.text, sheet: grid.name, rowNo: r, colNo: c, label, unit, decimals: m.decimals, addends: 2 };
}

export function readDepartmentForm(state: ImportState, id: Identified, start: SheetStart): number {
  const { grid } = id;
  const perf = { name: '', goal: '', indicators: [] as Indicator[] };
  for (let r = (id.titleRow ?? 0) + 1; r <= grid.rowCount; r++) {
    const hdr = indicatorHeader(grid, r);
    if (hdr) {
      const { list, last } = readIndicators(state, grid, r, hdr, (x) => isNoteRow(grid, x));
      perf.indicators = list;
      r = last;
      continue;
    }
    for (const { col, text } of rowTexts(grid, r)) {
      const { key, unit } = formLabel(text);
      const field = DEPT_LABELS[key];
      if (!field) continue;
      const v = valueCell(grid, r, col);
      if (field === 'deptTotal') {
        if (!v) continue;
        const m = formMoney(state, grid, r, v, unit ?? start.unit, text, false);
        if (m) state.printed.push(formPrinted(grid, id.view.t.id, 'dept', 'c3', m, r, v, text.replace(/\s+/g, ''), unit ?? start.unit));
      } else {
        const value = v ? grid.cell(r, v).text : '';
        if (field === 'deptName') perf.name = value;
        else perf.goal = value;
      }
    }
  }
  state.performance = perf;
  return perf.indicators.length;
}

/** 表十六/十七: project blocks, stacked in one sheet or one per sheet. */
export function readBlocks(state: ImportState, id: Identified, start: SheetStart, views: readonly TemplateView[]): number {
  const { grid, view } = id;
  const table = view.t.id;
  const category = view.t.body.type === 'projectBlocks' ? view.t.body.category : 'general';
  let compilingUnit = start.compilingUnit ?? '';
  let unit = start.unit;
  let block: BlockRead | null = null;
  let count = 0;
  const cores = views.map((v) => v.core);
  const isTitle = (r: number) =>
    rowTexts(grid, r).some(({ text }) => {
      if (text.length >= 80) return false;
      const key = titleKey(text);
      return cores.some((c) => key.includes(c));
    });
  const isBlockStart = (r: number) =>
    rowTexts(grid, r).some(({ text }) => BLOCK_LABELS[formLabel(text).key] === 'name');
  const finish = () => {
    if (block && (block.name || block.indicators.length || block.printed.some((p) => p.fen !== 0))) {
      state.blocks.push(block);
      count++;
    }
    block = null;
  };
  for (let r = 1; r <= grid.rowCount; r++) {
    const lines = readLines(grid, r, r);
    if (lines.compilingUnit !== null) compilingUnit = lines.compilingUnit;
    if (lines.unit) unit = lines.unit;
    if (isTitle(r) || lines.compilingUnit !== null) {
      finish();
      continue;
    }
    if (isBlockStart(r)) {
      finish();
      block = {
        table,
        category,
        sheet: grid.name,
        rowNo: r,
        compilingUnit,
        name: '',
        department: '',
        summary: '',
        basis: '',
        goal: '',
        district: 0,
        town: 0,
        indicators: [],
        printed: [],
      };
    }
    if (!block) continue;
    const b: BlockRead = block;
    const hdr = indicatorHeader(grid, r);
    if (hdr) {
      const { list, last } = readIndicators(state, grid, r, hdr, (x) => isBlockStart(x) || isTitle(x) || readLines(grid, x, x).compilingUnit !== null || isNoteRow(grid, x));
      b.indicators = list;
      r = last;
      continue;
    }
    for (const { col, text } of rowTexts(grid, r)) {
      const { key, unit: labelUnit } = formLabel(text);
      const field = BLOCK_LABELS[key];
      if (!field) continue;
      const v = valueCell(grid, r, col);
      if (field === 'total' || field === 'district' || field === 'town') {
        const u = labelUnit ?? unit;
        const m = v ? formMoney(state, grid, r, v, u, text.replace(/\s+/g, ''), field !== 'total') : { ok: true, fen: 0, text: '', decimals: 0 };
        if (!m) continue;
        if (field === 'district') b.district = m.fen;
        if (field === 'town') b.town = m.fen;
        const [row, col2] = field === 'total' ? ['budget', 'c1'] : field === 'district' ? ['budget', 'c4'] : ['town', 'c4'];
        b.printed.push(formPrinted(grid, '', row, col2, m, r, v ?? col, text.replace(/\s+/g, ''), u));
      } else {
        (b as unknown as Record<string, string>)[field] = v ? grid.cell(r, v).text : '';
      }
    }
  }
  finish();
  return count;
}

export { colLetter };
