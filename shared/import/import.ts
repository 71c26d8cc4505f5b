/**
 * Import a published seventeen-table workbook (ours, or a real one with its variations) into a
 * Budget. Isomorphic: bytes in (exceljs reads them), { budget, findings, report } out, or an
 * ImportError when the workbook cannot be used at all.
 *
 * Every printed amount is an observation; the identities the template implies between them
 * (identities.ts) locate the smallest set of wrong cells (suspects.ts, localise.ts): one IMP-01 per
 * slip, and the inputs (表五 function amounts, 表三/表一 other sources, 表六–表九, 表十, 表十一/十二,
 * 表十三, 表十四, 表十五, 表十六/十七) taken from the agreeing copies. What is still derived
 * differently from what was printed (a 增幅, a missing row) is compared afterwards.
 *
 * Finding ids: IMP-01 printed ≠ derived (error) · IMP-02 a row that cannot be placed · IMP-03 a cell
 * that is not an amount · IMP-04 万元 rounding (info) · IMP-05 inconsistent names/years/department ·
 * IMP-06 a sheet not imported · IMP-07 a table or project missing · IMP-08 an assumption the
 * importer made (info) · IMP-09 a derived row the sheet lacks · IMP-10 the slips could not be located.
 */
import { maxOf, pushAll } from '../arrays';
// A type import: exceljs itself is loaded when a workbook is read (the CLI's other commands never load it).
import type ExcelJS from 'exceljs';
import type { Catalog } from '../catalog/catalog';
import { builtinCatalog } from '../catalog/catalog';
import type { Budget } from '../model/types';
import type { Finding } from '../rules/types';
import { deriveTables } from '../tables/derive';
import { CHONGQING_YUBEI_2024 } from '../tables/templates/chongqing-yubei-2024';
import type { TableTemplate, TemplateSet } from '../tables/template-types';
import { tableOfRole } from '../tables/roles';
import { COL } from '../rules/roles';
import { TABLE_ROLE_NAMES } from '../text/terms';
import { carriedReport, carryFromNarrative } from '../narrative/carry';
import { assemble, type MetaRead } from './assemble';
import { compareWithDerived, indexTables } from './compare';
import { absencesOf, type Absence } from './absent';
import { localiseSlips } from './suspects';
import { checkContainer, checkInflation, type RawInflater } from './container';
import { ImportError } from './errors';
import { gridOf, halfWidth, labelKey, yearIn, type SheetGrid } from './grid';
import { identifySheet, splitSheet, type Identified } from './identify';
import { viewsOf } from './layout';
import {
  ImportState,
  readBlocks,
  readDepartmentForm,
  readProcurement,
  readProjectList,
  readSummary,
  readThreePublic,
  readTree,
  startSheet,
} from './read';

export interface ImportOptions {
  /** Shown in messages ('2024年部门预算公开表.xlsx'). */
  fileName?: string;
  catalog?: Catalog;
  templates?: TemplateSet;
  /** Last year's 情况说明 (its text), for the texts the tables cannot give (shared/narrative/carry.ts). */
  narrative?: { file: string; text: string };
  /** How the bounds check inflates the workbook's files (default: DecompressionStream; the CLI: Node's zlib). */
  inflate?: RawInflater;
}

export interface ImportResult {
  budget: Budget;
  findings: Finding[];
  report: string[];
  /** What the workbook does not contain: checks that read it report 无法核验 (markUnverifiable). */
  absences: Absence[];
}

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, unverifiable: 2, info: 3 };

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

async function loadWorkbook(bytes: Uint8Array, file: string, inflate?: RawInflater): Promise<ExcelJS.Workbook> {
  checkContainer(bytes, file);
  await checkInflation(bytes, file, inflate);
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  // exceljs prints English warnings (a sheet name over 31 characters …) to the console: they are
  // kept for a --debug detail instead of appearing in the officer's terminal.
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    // exceljs takes a Buffer in Node and an ArrayBuffer in the browser; a Uint8Array works for both (JSZip).
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const detail = [(e as Error).message, ...warnings].join('\n');
    throw new ImportError('damaged', `无法导入“${file}”：工作簿已损坏，无法读取。请在 Excel/WPS 中打开并另存为 .xlsx 后再试`, [], detail);
  } finally {
    console.warn = warn;
  }
  return wb;
}

const isHidden = (ws: ExcelJS.Worksheet): boolean => ws.state === 'hidden' || ws.state === 'veryHidden';

/** '2024年渝北区部门收支预算总表' → '渝北区'; else the district in the department's name. */
function districtOf(titles: readonly string[], department: string, year: number): string {
  for (const t of titles) {
    const m = new RegExp(`${year}\\s*年\\s*(.{1,8}?[区县市])\\s*部门`).exec(halfWidth(t));
    if (m) return m[1];
  }
  const d = /^(?:重庆市|[^市]{2,4}市)?(.{1,5}?(?:区|县))/.exec(department);
  // The only template set is 渝北区's: its titles say so when nothing else does.
  return d ? d[1] : '渝北区';
}

/**
 * Reads the workbook. Every failure is an ImportError naming the file: a library's exception
 * (exceljs on an odd cell, an amount sum past 2^53) included, its own text kept as `detail`.
 */
export async function importWorkbook(bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  const file = opts.fileName ?? '工作簿';
  try {
    return await readWorkbook(bytes, file, opts);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const text = e instanceof Error ? e.message : String(e);
    const ours = /[\u4e00-\u9fff]/.test(text) ? `：${text.split('\n')[0]}` : '，工作簿可能已损坏或含有本程序不认识的内容。请在 Excel/WPS 中打开并另存为 .xlsx 后再试';
    throw new ImportError('damaged', `无法导入“${file}”：读取时出错${ours}`, [], e instanceof Error ? (e.stack ?? text) : text);
  }
}

async function readWorkbook(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<ImportResult> {
  const templates = opts.templates ?? CHONGQING_YUBEI_2024;
  const catalog = opts.catalog ?? builtinCatalog();
  const wb = await loadWorkbook(bytes, file, opts.inflate);
  if (wb.worksheets.length === 0) throw new ImportError('no-sheets', `无法导入“${file}”：工作簿中没有工作表`);

  // 1. Which sheet is which table.
  const views = viewsOf(templates);
  // A visible sheet wins over a hidden copy of the same table, wherever the hidden one is placed.
  const sheets = [...wb.worksheets].sort((a, b) => Number(isHidden(a)) - Number(isHidden(b)));
  const hidden = new Set(sheets.filter(isHidden).map((ws) => ws.name));
  const named = (sheet: string) => `工作表“${sheet}”${hidden.has(sheet) ? '（隐藏的工作表）' : ''}`;
  const grids: SheetGrid[] = sheets.map((ws) => gridOf(ws, file)).flatMap((g) => splitSheet(g, views));
  const early: Finding[] = [];
  const found: Identified[] = [];
  const skipped: string[] = [];
  for (const grid of grids) {
    const verdict = identifySheet(grid, views);
    if (verdict.kind === 'table') {
      const dup = found.find((f) => f.view === verdict.id.view);
      if (dup && verdict.id.view.t.body.type !== 'projectBlocks') {
        early.push({
          id: 'IMP-06',
          severity: 'warning',
          message: `${named(grid.name)}与${named(dup.grid.name)}都是${verdict.id.view.t.no}，只导入了${hidden.has(grid.name) && !hidden.has(dup.grid.name) ? '可见的' : '前者'}“${dup.grid.name}”`,
          cells: [],
        });
        continue;
      }
      found.push(verdict.id);
      if (hidden.has(grid.name)) {
        early.push({
          id: 'IMP-06',
          severity: 'warning',
          message: `${named(grid.name)}已作为${verdict.id.view.t.no}导入（工作簿中没有可见的${verdict.id.view.t.no}），请确认它就是要公开的数据`,
          cells: [],
        });
      }
    } else if (verdict.kind === 'unknown') {
      skipped.push(grid.name);
      // A cover or a note without amounts loses nothing; a sheet with numbers might.
      let numbers = false;
      for (let r = 1; r <= grid.rowCount && !numbers; r++) for (let c = 1; c <= grid.colCount && !numbers; c++) numbers = typeof grid.cell(r, c).value === 'number';
      early.push({
        id: 'IMP-06',
        severity: numbers ? 'warning' : 'info',
        message: `${named(grid.name)}不是十七张表中的任何一张（开头为“${verdict.sample}”），已跳过`,
        cells: [],
      });
    }
  }
  if (found.length === 0) {
    const names = grids.map((g) => `“${g.name}”`).join('、');
    throw new ImportError(
      'no-tables',
      `无法导入“${file}”：没有一张工作表是部门预算公开表格（工作表 ${names} 的标题和表头都对不上“部门收支预算总表”等十七张表）`,
      early,
    );
  }
  // Template order, whatever the order of sheets.
  const order = (i: Identified) => templates.tables.indexOf(i.view.t);
  found.sort((a, b) => order(a) - order(b));

  // 2. Year, department, district.
  const titleYears = found.map((f) => (f.titleText ? yearIn(f.titleText) : null)).filter((y): y is number => y !== null);
  let year = mostCommon(titleYears) ?? null;
  if (year === null) {
    const years: number[] = [];
    for (const f of found) for (let r = 1; r <= Math.min(f.grid.rowCount, 10); r++) for (let c = 1; c <= f.grid.colCount; c++) {
      const y = yearIn(f.grid.cell(r, c).text);
      if (y) years.push(y);
    }
    year = years.length ? maxOf(years) : null;
  }
  if (year === null) throw new ImportError('no-year', `无法导入“${file}”：标题和表头中都没有写明预算年度（如“2024年”）`, early);
  const state = new ImportState(year, catalog);
  pushAll(state.findings, early);
  const odd = found.filter((f) => f.titleText && yearIn(f.titleText) !== null && yearIn(f.titleText) !== year);
  for (const f of odd) {
    state.add('IMP-05', 'error', `工作表“${f.grid.name}”的标题“${f.titleText}”写的是 ${yearIn(f.titleText!)} 年，其他表是 ${year} 年`);
  }

  // The 一般公共预算 table is where each 项's amounts by kind and last year's come from.
  const gpb = tableOfRole(templates, 'gpb');
  if (!gpb || !found.some((f) => f.view.t.id === gpb.id)) {
    const what = gpb ? `${gpb.no}（${gpb.title.replace('{year}年{district}', '')}）` : TABLE_ROLE_NAMES.gpb;
    throw new ImportError(
      'missing-t5',
      `无法导入“${file}”：缺少${what}，各功能科目的基本支出、项目支出和上年预算数都来自这张表。` +
        `工作簿中识别出的是：${[...new Set(found.map((f) => f.view.t.no))].join('、')}`,
      state.findings,
    );
  }

  // 3. Read every recognised sheet.
  const departments: { sheet: string; name: string }[] = [];
  for (const id of found) {
    const start = startSheet(state, id);
    if (!start) continue;
    if (start.department) departments.push({ sheet: id.grid.name, name: start.department });
    if (start.compilingUnit) state.compilingUnits.push(start.compilingUnit);
    const body = id.view.t.body;
    let rows = 0;
    if (start.header) {
      const s = { ...start, header: start.header };
      if (body.type === 'functionTree' || body.type === 'econTree') rows = readTree(state, id, s);
      else if (body.type === 'summary') rows = readSummary(state, id, s);
      else if (body.type === 'form') rows = readThreePublic(state, id, s);
      else if (body.type === 'projectList') rows = readProjectList(state, id, s);
      else if (body.type === 'procurement') rows = readProcurement(state, id, s);
    } else if (body.type === 'form') rows = readDepartmentForm(state, id, start);
    else if (body.type === 'projectBlocks') {
      const before = state.blocks.length;
      rows = readBlocks(state, id, start, views);
      for (const b of state.blocks.slice(before)) if (b.compilingUnit) state.compilingUnits.push(b.compilingUnit);
    }
    state.sheets.push({ id, unit: start.unit, department: start.department, rows });
  }
  if (state.fatal.length) {
    const first = state.fatal[0];
    const more = state.fatal.length > 1 ? `（另有 ${state.fatal.length - 1} 处同类问题，见下）` : '';
    throw new ImportError(first.code, `无法导入“${file}”：${first.message}${more}`, sortFindings(state.findings));
  }

  const department = mostCommon(departments.map((d) => d.name)) ?? state.performance?.name ?? '';
  for (const d of departments) {
    if (labelKey(d.name) !== labelKey(department)) {
      state.add('IMP-05', 'error', `工作表“${d.sheet}”的部门全称“${d.name}”与其他表的“${department}”不一致（STR-02）`);
    }
  }
  if (!department) state.add('IMP-07', 'warning', '工作簿中没有“部门全称：…”一行，部门名称需要补填');
  const titles = found.map((f) => f.titleText ?? '').filter(Boolean);
  const meta: MetaRead = { department: department || '（未填部门名称）', year, district: districtOf(titles, department, year) };

  // 4. The slips, localised; the Budget from the agreeing copies; then everything derived compared
  // with what was printed (what is left after the slips are corrected: rows the sheet lacks, 增幅).
  const slips = await localiseSlips(state, templates);
  const budget = assemble(state, meta, templates, catalog);
  const carried = opts.narrative ? carriedReport(opts.narrative.file, carryFromNarrative(budget, opts.narrative.text)) : [];
  const tables = deriveTables(budget, { catalog, templates });
  const { rowKeys } = indexTables(tables, templates, catalog);
  for (const s of slips) {
    s.finding.cells = s.printed.map((p) => ({ table: p.table, row: rowKeys.get(`${p.table}|${p.row}`) ?? p.row, column: p.col }));
    state.findings.push(s.finding);
  }
  const slipRows = new Set(slips.flatMap((s) => s.finding.cells.map((c) => `${c.table}|${c.row}`)));
  // A 增幅 on a suspect's row follows the suspect: folded into its finding.
  const percent = (f: Finding) => templates.tables.find((t) => t.id === f.cells[0]?.table)?.columns.find((c) => c.key === f.cells[0]?.column)?.kind === 'percent';
  pushAll(state.findings, compareWithDerived(state, tables, templates).filter((f) => !(percent(f) && slipRows.has(`${f.cells[0].table}|${f.cells[0].row}`))));
  const present = new Set(found.map((f) => f.view.t.id));
  const missing = templates.tables.filter((t) => !present.has(t.id));
  // Most published sets do not print 表二 and 表十三 (the seed lists them without printing them).
  const rarelyPrinted = (t: TableTemplate) => t.role === 'income' || t.role === 'projects';
  const ofProjects = (t: TableTemplate) => t.role === 'projects' || t.body.type === 'projectBlocks';
  for (const group of [missing.filter((t) => !rarelyPrinted(t)), missing.filter((t) => rarelyPrinted(t))]) {
    if (group.length === 0) continue;
    const severity = group.every((t) => rarelyPrinted(t)) ? 'info' : 'warning';
    state.add('IMP-07', severity, `工作簿中没有${group.map((t) => t.no).join('、')}${group.some(ofProjects) ? '（项目按现有的表建立）' : ''}`);
  }
  const findings = sortFindings(state.findings);
  const priorPrinted = state.printed.some((p) => p.table === gpb.id && p.col === COL.prior);
  const absences = absencesOf(present, templates, priorPrinted);
  return { budget, findings, report: [...report(file, budget, state, found, skipped, findings, hidden), ...carried], absences };
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function report(
  file: string,
  budget: Budget,
  state: ImportState,
  found: readonly Identified[],
  skipped: readonly string[],
  findings: readonly Finding[],
  hidden: ReadonlySet<string>,
): string[] {
  const tag = (sheet: string) => (hidden.has(sheet) ? '（隐藏）' : '');
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const sheets = state.sheets
    .map((s) => `${s.id.view.t.no}←“${s.id.grid.name}”${tag(s.id.grid.name)}${s.unit === '万元' ? '（万元）' : ''}`)
    .join('、');
  const byNo = new Map<string, number>();
  for (const s of state.sheets) byNo.set(s.id.view.t.no, (byNo.get(s.id.view.t.no) ?? 0) + s.rows);
  const withTargets = budget.projects.filter((p) => p.hasTargets).length;
  return [
    `导入“${file}”：${budget.meta.year}年 ${budget.meta.department}（${budget.meta.district}）`,
    `识别出 ${new Set(found.map((f) => f.view.t.id)).size} 张表：${sheets}`,
    ...(skipped.length ? [`跳过的工作表：${skipped.map((s) => `“${s}”${tag(s)}`).join('、')}`] : []),
    ...(hidden.size ? [`隐藏的工作表：${[...hidden].map((s) => `“${s}”`).join('、')}`] : []),
    `导入：功能科目明细 ${budget.functionLines.length} 行，经济分类科目 ${budget.econLines.length} 行，` +
      `项目 ${budget.projects.length} 个（其中 ${withTargets} 个有绩效目标表），政府采购 ${budget.procurement.length} 行，` +
      `整体绩效指标 ${budget.performance.indicators.length} 条`,
    `核对：错误 ${count('error')} 条，警告 ${count('warning')} 条，提示 ${count('info')} 条`,
    ...findings.map((f) => `  [${f.id}] ${f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}：${f.message}`),
  ];
}
