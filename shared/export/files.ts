/**
 * One export pipeline for the CLI and the 导出 dialog: DerivedTable[] → named files per format.
 * PDF is the host's business (printToPDF, the print dialog, or Chromium in the CLI): it is passed
 * in as a function of the HTML.
 */
import type { Budget } from '../model/types';
import { toPrintedJson } from '../tables/derive';
import type { DerivedTable } from '../tables/types';
import type { TemplateSet } from '../tables/template-types';
import { anyLandscape, tablesToHtml, type HtmlOptions } from './html';
import { EXPORT_FORMATS, type ExportFormat } from './formats';

export { EXPORT_FORMATS, FORMAT_LABELS, isExportFormat, isExportFileName, exportBaseName, type ExportFormat } from './formats';

/** tables.json exactly as DESIGN §5 specifies (the shape of the printed reference). */
export function tablesJsonText(budget: Budget, tables: readonly DerivedTable[], templates: TemplateSet): string {
  return JSON.stringify(toPrintedJson(budget, tables as DerivedTable[], templates), null, 1);
}

export interface ExportedFile {
  format: ExportFormat;
  name: string;
  bytes: Uint8Array;
  ms: number;
}

export interface BuildOptions {
  /** File name without extension for xlsx/html/pdf; tables.json keeps its contract name. */
  baseName: string;
  html?: HtmlOptions;
  /** HTML → PDF bytes; null when the host handled it itself (the browser's print dialog). */
  printPdf?: (html: string, landscape: boolean) => Promise<Uint8Array | null>;
  /** Called before each format and once at the end; may return a promise (e.g. to let the UI paint). */
  onProgress?: (done: number, total: number, format: ExportFormat) => void | Promise<void>;
}

const encoder = new TextEncoder();

/** Builds the requested formats in a fixed order (json, xlsx, html, pdf); PDF reuses the HTML. */
export async function buildExportFiles(
  budget: Budget,
  tables: readonly DerivedTable[],
  templates: TemplateSet,
  formats: readonly ExportFormat[],
  opts: BuildOptions,
): Promise<ExportedFile[]> {
  const wanted = EXPORT_FORMATS.filter((f) => formats.includes(f));
  const order: ExportFormat[] = (['json', 'xlsx', 'html', 'pdf'] as const).filter((f) => wanted.includes(f));
  const files: ExportedFile[] = [];
  let html: string | null = null;
  const pageHtml = () => (html ??= tablesToHtml(budget, tables, opts.html ?? {}));
  let done = 0;
  for (const format of order) {
    await opts.onProgress?.(done, order.length, format);
    const t0 = performance.now();
    let bytes: Uint8Array | null = null;
    let name = `${opts.baseName}.${format}`;
    switch (format) {
      case 'json':
        bytes = encoder.encode(tablesJsonText(budget, tables, templates));
        name = 'tables.json';
        break;
      case 'xlsx':
        // exceljs is large: loaded only when a workbook is asked for (its own chunk in the renderer).
        bytes = await (await import('./xlsx')).tablesToXlsx(budget, tables, templates);
        break;
      case 'html':
        bytes = encoder.encode(pageHtml());
        break;
      case 'pdf':
        bytes = opts.printPdf ? await opts.printPdf(pageHtml(), anyLandscape(tables)) : null;
        break;
    }
    if (bytes) files.push({ format, name, bytes, ms: performance.now() - t0 });
    done++;
  }
  await opts.onProgress?.(done, order.length, order[order.length - 1] ?? 'json');
  return files;
}
