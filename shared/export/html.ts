/**
 * The tables as one self-contained HTML page (no external resources, no script): what goes on the
 * website, and what Chromium prints to PDF. A4 via @page; each table starts a page, wide tables
 * on landscape named pages; header rows repeat on every printed page (thead).
 */
import type { Budget } from '../model/types';
import type { Cell, ColumnDef, DerivedTable, Row } from '../tables/types';
import { alignOf, catalogueEntry, catalogueTitle, columnWidths, indentOf, isBold, sheetGroups } from './layout';

export interface HtmlOptions {
  /** Further sections (the narrative), inserted as is. Each should be a <section class="page">. */
  extraSectionsHtml?: string;
  /** Where the extra sections go: before the tables (default, as published) or after them. */
  extraSectionsPosition?: 'before' | 'after';
  /** The document title; default '{year}年{department}部门预算公开表'. */
  title?: string;
  /** Print the 目录 page first (default true). */
  catalogue?: boolean;
}

/** The CJK font stack: the system's fonts only, never downloaded. */
export const FONT_STACK = "'SimSun','宋体','Microsoft YaHei','Noto Sans CJK SC','Noto Serif CJK SC','WenQuanYi Micro Hei',serif";

/** Printable width of A4 in mm, portrait and landscape, with the margins of @page below. */
const PRINTABLE_MM = { portrait: 210 - 2 * 12, landscape: 297 - 2 * 12 };
/** mm per half-width character per pt of font size (a CJK character is 1 em; 1 pt = 0.3528 mm). */
const MM_PER_UNIT_PT = 0.5 * 0.3528;
const MAX_FONT_PT = 10.5;
const MIN_FONT_PT = 6.5;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text with hard line breaks kept. */
const textHtml = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

/** Font size (pt) at which a table of `units` half-width characters fits the page width. */
export function fontSizeFor(units: number, landscape: boolean): number {
  const fit = PRINTABLE_MM[landscape ? 'landscape' : 'portrait'] / (units * MM_PER_UNIT_PT);
  return Math.round(Math.max(MIN_FONT_PT, Math.min(MAX_FONT_PT, fit)) * 10) / 10;
}

const CSS = `
@page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-center { content: "第 " counter(page) " 页"; font: 9pt ${FONT_STACK}; } }
@page wide { size: A4 landscape; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; color: #000; background: #fff; font-size: 10.5pt; }
.page { break-before: page; page: auto; }
.page.first { break-before: auto; }
.page.landscape { page: wide; }
.block + .block { margin-top: 0; }
h1.title { font-size: 16pt; font-weight: bold; text-align: center; margin: 0 0 2mm; letter-spacing: 0.02em; }
p.subtitle { text-align: center; margin: 0 0 2mm; font-size: 11pt; }
.lines { display: flex; justify-content: space-between; gap: 8mm; margin: 0 0 1.5mm; }
table.t { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.t th, table.t td { border: 0.6pt solid #000; padding: 0.6mm 1.2mm; vertical-align: middle; line-height: 1.35; overflow-wrap: anywhere; }
table.t th { font-weight: bold; text-align: center; }
table.t thead { display: table-header-group; }
table.t tr { break-inside: avoid; }
table.t td.money, table.t td.percent { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.t td.c { text-align: center; }
table.t td.l { text-align: left; }
table.t td.r { text-align: right; }
table.t td.code { white-space: nowrap; }
table.t tr.total td, table.t td.b { font-weight: bold; }
p.note { margin: 2mm 0 0; }
nav.catalogue table.t td { padding: 1.5mm 2mm; }
nav.catalogue a { color: inherit; text-decoration: none; }
@media screen {
  body { background: #e9e9e9; padding: 8px 0; }
  .page { background: #fff; margin: 12px auto; padding: 14mm 12mm; width: 210mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
  .page.landscape { width: 297mm; }
}
`;

function cellHtml(row: Row, cell: Cell, column: ColumnDef, header: boolean): string {
  if (cell.covered) return '';
  const tag = header ? 'th' : 'td';
  const attrs: string[] = [];
  if ((cell.colSpan ?? 1) > 1) attrs.push(`colspan="${cell.colSpan}"`);
  if ((cell.rowSpan ?? 1) > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  if (!header) {
    const cls: string[] = [];
    if (cell.kind === 'money' || cell.kind === 'percent' || cell.kind === 'code') cls.push(cell.kind);
    else cls.push({ left: 'l', center: 'c', right: 'r' }[alignOf(row, cell, column)]);
    if (isBold(row, cell) && row.role !== 'total') cls.push('b');
    attrs.push(`class="${cls.join(' ')}"`);
    const indent = indentOf(row, cell);
    if (indent) attrs.push(`style="padding-left:${(indent / 2 + 0.5).toFixed(1)}em"`);
  }
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${textHtml(cell.text)}</${tag}>`;
}

function rowHtml(row: Row, columns: readonly ColumnDef[], header: boolean): string {
  const cls = row.role === 'total' ? ' class="total"' : '';
  return `<tr${cls}>${row.cells.map((c, i) => cellHtml(row, c, columns[i], header)).join('')}</tr>`;
}

function tableHtml(t: DerivedTable, widths: readonly number[], first: boolean): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const size = fontSizeFor(total, t.landscape);
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const [nameLine, ...rest] = t.lines;
  const parts = [
    `<section class="page block${t.landscape ? ' landscape' : ''}${first ? ' first' : ''}" id="${escapeHtml(t.id.replace(':', '-'))}">`,
    `<h1 class="title">${textHtml(t.title)}</h1>`,
    t.subtitle ? `<p class="subtitle">${textHtml(t.subtitle)}</p>` : '',
    `<div class="lines" style="font-size:${Math.min(size + 0.5, MAX_FONT_PT)}pt"><span>${textHtml(nameLine ?? '')}</span><span>${textHtml(rest.join('  '))}</span></div>`,
    `<table class="t" style="font-size:${size}pt"><colgroup>${cols}</colgroup>`,
    t.header.length ? `<thead>${t.header.map((r) => rowHtml(r, t.columns, true)).join('')}</thead>` : '',
    `<tbody>${t.body.map((r) => rowHtml(r, t.columns, false)).join('')}</tbody></table>`,
    t.note ? `<p class="note" style="font-size:${Math.min(size + 0.5, MAX_FONT_PT)}pt">${textHtml(t.note)}</p>` : '',
    '</section>',
  ];
  return parts.join('');
}

function catalogueHtml(budget: Budget, tables: readonly DerivedTable[], first: boolean): string {
  const groups = sheetGroups(tables);
  const rows = groups
    .map((g, i) => {
      const t = g.tables[0];
      const href = `#${escapeHtml(t.id.replace(':', '-'))}`;
      return `<tr><td class="c">${i + 1}</td><td class="c"><a href="${href}">${escapeHtml(g.no)}</a></td><td class="l"><a href="${href}">${textHtml(catalogueEntry(t))}</a></td></tr>`;
    })
    .join('');
  return [
    `<nav class="page catalogue${first ? ' first' : ''}">`,
    `<h1 class="title">${textHtml(catalogueTitle(budget.meta.year, budget.meta.district))}</h1>`,
    '<table class="t" style="font-size:10pt"><colgroup><col style="width:8%"><col style="width:11%"><col style="width:81%"></colgroup>',
    '<thead><tr><th>编号</th><th>工作表名</th><th>表名</th></tr></thead>',
    `<tbody>${rows}</tbody></table></nav>`,
  ].join('');
}

/** The whole page. Pure string work: the same HTML is published, previewed and printed to PDF. */
export function tablesToHtml(budget: Budget, tables: readonly DerivedTable[], opts: HtmlOptions = {}): string {
  const title = opts.title ?? `${budget.meta.year}年${budget.meta.department}部门预算公开表`;
  const withCatalogue = opts.catalogue ?? true;
  const parts: string[] = [];
  const extra = opts.extraSectionsHtml ?? '';
  // As published: the 情况说明 first, then the 目录 and the tables.
  if (extra && opts.extraSectionsPosition !== 'after') parts.push(extra);
  if (withCatalogue) parts.push(catalogueHtml(budget, tables, parts.length === 0));
  for (const g of sheetGroups(tables)) {
    const widths = columnWidths(g);
    g.tables.forEach((t) => parts.push(tableHtml(t, widths, parts.length === 0)));
  }
  if (extra && opts.extraSectionsPosition === 'after') parts.push(extra);
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    // No network, no script: the page can only use what it carries (and the system's fonts).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="部门预算公开工作台">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head><body>',
    ...parts,
    '</body></html>',
  ].join('\n');
}

/** Whether any page of the HTML is landscape (a hint for printers that ignore CSS page sizes). */
export function anyLandscape(tables: readonly DerivedTable[]): boolean {
  return tables.some((t) => t.landscape);
}
